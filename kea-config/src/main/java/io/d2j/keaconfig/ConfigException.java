package io.d2j.keaconfig;

import java.util.Objects;

/**
 * A configuration error located by JSON path and source position. The message reads {@code <path>:
 * <reason> (<position>)}, for example:
 *
 * <pre>
 * /DhcpDdns/forward-ddns/ddns-domains/0/key-name: no TSIG key named 'd2kye' (d2.json:14:21)
 * </pre>
 *
 * <p>Without a position (an error about a configuration built in memory) the message is just {@code
 * <path>: <reason>}.
 */
public final class ConfigException extends RuntimeException {

  private final ConfigPath path;
  private final SourcePosition position;
  private final String reason;

  /**
   * @param path where in the document the problem is
   * @param position where in the source text the problem is, or null if unknown
   * @param reason what is wrong, e.g. {@code missing mandatory 'name'}
   */
  public ConfigException(ConfigPath path, SourcePosition position, String reason) {
    super(render(path, position, reason));
    this.path = path;
    this.position = position;
    this.reason = reason;
  }

  private static String render(ConfigPath path, SourcePosition position, String reason) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(reason, "reason");
    return position == null ? path + ": " + reason : path + ": " + reason + " (" + position + ")";
  }

  public ConfigPath path() {
    return path;
  }

  /** The source position, or null when the node was not read from text. */
  public SourcePosition position() {
    return position;
  }

  public String reason() {
    return reason;
  }
}
