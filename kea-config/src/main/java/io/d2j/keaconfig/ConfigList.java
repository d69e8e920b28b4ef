package io.d2j.keaconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/** A JSON list, e.g. {@code "dns-servers": [ { "ip-address": "192.0.2.53" } ]}. */
public final class ConfigList implements ConfigNode, Iterable<ConfigNode> {

  private final ConfigPath path;
  private final SourcePosition position;
  private final List<ConfigNode> items;

  ConfigList(ConfigPath path, SourcePosition position, List<ConfigNode> items) {
    this.path = Objects.requireNonNull(path, "path");
    this.position = Objects.requireNonNull(position, "position");
    this.items = List.copyOf(items);
  }

  public int size() {
    return items.size();
  }

  /**
   * @throws IndexOutOfBoundsException when {@code i} is not below {@link #size()}
   */
  public ConfigNode get(int i) {
    return items.get(i);
  }

  /** The items in source order; unmodifiable. */
  public List<ConfigNode> items() {
    return items;
  }

  @Override
  public Iterator<ConfigNode> iterator() {
    return items.iterator();
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
    return "list";
  }

  @Override
  public JsonNode toJson() {
    ArrayNode out = JsonNodeFactory.instance.arrayNode(items.size());
    for (ConfigNode item : items) {
      out.add(item.toJson());
    }
    return out;
  }

  @Override
  public String toString() {
    return path + "=list(" + items.size() + ")";
  }
}
