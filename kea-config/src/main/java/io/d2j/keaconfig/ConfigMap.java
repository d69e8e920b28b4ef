package io.d2j.keaconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A JSON map in source order, with typed getters whose errors are located at the offending node:
 *
 * <pre>
 * map.requireString("name")  // { "name": 5 } -&gt; "/DhcpDdns/tsig-keys/0/name: expected a string, got integer (d2.json:4:17)"
 * map.require("name")        // { }           -&gt; "/DhcpDdns/tsig-keys/0: missing mandatory 'name' (d2.json:3:9)"
 * </pre>
 *
 * <p>Keys are unique: the reader rejects duplicates, as Kea does.
 */
public final class ConfigMap implements ConfigNode {

  private final ConfigPath path;
  private final SourcePosition position;
  private final Map<String, ConfigNode> members;

  ConfigMap(ConfigPath path, SourcePosition position, Map<String, ConfigNode> members) {
    this.path = Objects.requireNonNull(path, "path");
    this.position = Objects.requireNonNull(position, "position");
    this.members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
  }

  /** The keys in source order; unmodifiable. */
  public Set<String> keys() {
    return members.keySet();
  }

  public Optional<ConfigNode> get(String key) {
    return Optional.ofNullable(members.get(key));
  }

  public boolean has(String key) {
    return members.containsKey(key);
  }

  public int size() {
    return members.size();
  }

  /** The member {@code key}; a missing one is an error at this map. */
  public ConfigNode require(String key) {
    ConfigNode node = members.get(key);
    if (node == null) {
      throw error("missing mandatory '" + key + "'");
    }
    return node;
  }

  public ConfigMap requireMap(String key) {
    return asMap(require(key));
  }

  public Optional<ConfigMap> optMap(String key) {
    return get(key).map(ConfigMap::asMap);
  }

  public ConfigList requireList(String key) {
    return asList(require(key));
  }

  public Optional<ConfigList> optList(String key) {
    return get(key).map(ConfigMap::asList);
  }

  public String requireString(String key) {
    return asString(require(key));
  }

  public Optional<String> optString(String key) {
    return get(key).map(ConfigMap::asString);
  }

  /** An integer member that fits a {@code long}; reals and other types are errors at the member. */
  public long requireLong(String key) {
    return asLong(require(key));
  }

  public Optional<Long> optLong(String key) {
    return get(key).map(ConfigMap::asLong);
  }

  public Optional<Boolean> optBool(String key) {
    return get(key).map(ConfigMap::asBool);
  }

  /**
   * Rejects a map holding keys outside {@code allowed}: the first such key in source order is
   * reported at its value, as {@code unknown key 'foo'} (Kea's grammar rejects unknown keywords
   * too, see d2-behaviour §5.1).
   */
  public void rejectUnknownKeys(Set<String> allowed) {
    Objects.requireNonNull(allowed, "allowed");
    for (Map.Entry<String, ConfigNode> member : members.entrySet()) {
      if (!allowed.contains(member.getKey())) {
        throw member.getValue().error("unknown key '" + member.getKey() + "'");
      }
    }
  }

  private static ConfigMap asMap(ConfigNode node) {
    if (node instanceof ConfigMap map) {
      return map;
    }
    throw wrongType(node, "a map");
  }

  private static ConfigList asList(ConfigNode node) {
    if (node instanceof ConfigList list) {
      return list;
    }
    throw wrongType(node, "a list");
  }

  private static String asString(ConfigNode node) {
    if (node instanceof ConfigString string) {
      return string.value();
    }
    throw wrongType(node, "a string");
  }

  private static long asLong(ConfigNode node) {
    if (node instanceof ConfigNumber number) {
      return number.longValue();
    }
    throw wrongType(node, "an integer");
  }

  private static boolean asBool(ConfigNode node) {
    if (node instanceof ConfigBool bool) {
      return bool.value();
    }
    throw wrongType(node, "a boolean");
  }

  private static ConfigException wrongType(ConfigNode node, String expected) {
    return node.error("expected " + expected + ", got " + node.typeName());
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
    return "map";
  }

  @Override
  public JsonNode toJson() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    members.forEach((key, value) -> out.set(key, value.toJson()));
    return out;
  }

  @Override
  public String toString() {
    return path + "=map" + members.keySet();
  }
}
