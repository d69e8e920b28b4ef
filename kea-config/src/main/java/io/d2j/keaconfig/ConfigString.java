package io.d2j.keaconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Objects;

/** A JSON string, escapes already decoded: {@code "d2.key."}. */
public final class ConfigString implements ConfigNode {

  private final ConfigPath path;
  private final SourcePosition position;
  private final String value;

  ConfigString(ConfigPath path, SourcePosition position, String value) {
    this.path = Objects.requireNonNull(path, "path");
    this.position = Objects.requireNonNull(position, "position");
    this.value = Objects.requireNonNull(value, "value");
  }

  public String value() {
    return value;
  }

  @Override
  public ConfigPath path() {
    return path;
  }

  @Override
  public SourcePosition position() {
    return position;
  }

  @Override
  public String typeName() {
    return "string";
  }

  @Override
  public JsonNode toJson() {
    return TextNode.valueOf(value);
  }

  @Override
  public String toString() {
    return path + "=\"" + value + "\"";
  }
}
