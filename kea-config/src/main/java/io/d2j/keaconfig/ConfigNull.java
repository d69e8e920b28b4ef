package io.d2j.keaconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Objects;

/** A JSON {@code null}. The typed getters of {@link ConfigMap} treat it as a type error. */
public final class ConfigNull implements ConfigNode {

  private final ConfigPath path;
  private final SourcePosition position;

  ConfigNull(ConfigPath path, SourcePosition position) {
    this.path = Objects.requireNonNull(path, "path");
    this.position = Objects.requireNonNull(position, "position");
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
    return "null";
  }

  @Override
  public JsonNode toJson() {
    return NullNode.getInstance();
  }

  @Override
  public String toString() {
    return path + "=null";
  }
}
