package io.d2j.keaconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import java.util.Objects;

/** A JSON {@code true} or {@code false}. */
public final class ConfigBool implements ConfigNode {

  private final ConfigPath path;
  private final SourcePosition position;
  private final boolean value;

  ConfigBool(ConfigPath path, SourcePosition position, boolean value) {
    this.path = Objects.requireNonNull(path, "path");
    this.position = Objects.requireNonNull(position, "position");
    this.value = value;
  }

  public boolean value() {
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
    return "boolean";
  }

  @Override
  public JsonNode toJson() {
    return BooleanNode.valueOf(value);
  }

  @Override
  public String toString() {
    return path + "=" + value;
  }
}
