package io.d2j.keaconfig;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One value of a Kea configuration document, knowing where it came from: its JSON path (e.g. {@code
 * /DhcpDdns/port}) and its source position (e.g. {@code d2.json:3:13}, the first character of the
 * value). Errors raised with {@link #error(String)} carry both.
 */
public sealed interface ConfigNode
    permits ConfigMap, ConfigList, ConfigString, ConfigNumber, ConfigBool, ConfigNull {

  /** The JSON path from the document root. */
  ConfigPath path();

  /** Where the value starts in its source (for included content, the included file). */
  SourcePosition position();

  /**
   * The JSON type as used in error texts: {@code map}, {@code list}, {@code string}, {@code
   * integer}, {@code real}, {@code boolean} or {@code null}.
   */
  String typeName();

  /** The value as a Jackson tree, map order kept, e.g. for {@code config-get}. */
  JsonNode toJson();

  /** An exception located at this node, for the caller to throw. */
  default ConfigException error(String reason) {
    return new ConfigException(path(), position(), reason);
  }
}
