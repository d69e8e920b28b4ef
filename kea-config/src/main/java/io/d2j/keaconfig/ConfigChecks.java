package io.d2j.d2.config;

import io.d2j.keaconfig.ConfigException;
import io.d2j.keaconfig.ConfigMap;
import io.d2j.keaconfig.ConfigNode;
import io.d2j.ncr.IpAddresses;
import java.net.InetAddress;

/** Small checks shared by the scope parsers; every failure is located at the offending value. */
final class ConfigChecks {

  private ConfigChecks() {}

  /** An error at {@code map[key]}, or at the map itself when the key is absent. */
  static ConfigException at(ConfigMap map, String key, String reason) {
    return map.get(key).map(n -> n.error(reason)).orElseGet(() -> map.error(reason));
  }

  static long rangeChecked(ConfigMap map, String key, long dflt, long min, long max) {
    long value = map.optLong(key).orElse(dflt);
    if (value < min || value > max) {
      throw at(map, key, key + " must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  /** Parses an address literal; never resolves a host name. */
  static InetAddress ipLiteral(ConfigMap map, String key, String text) {
    try {
      return IpAddresses.parse(text);
    } catch (IllegalArgumentException e) {
      throw at(map, key, "'" + text + "' is not an IPv4 or IPv6 address");
    }
  }

  static ConfigMap asMap(ConfigNode node) {
    if (node instanceof ConfigMap m) {
      return m;
    }
    throw node.error("expected a map, got " + node.typeName());
  }

  /** A mandatory string member that must hold more than blanks. */
  static String nonBlank(ConfigMap map, String key, String what) {
    String value = map.requireString(key);
    if (value.isBlank()) {
      throw at(map, key, what + " must not be blank");
    }
    return value;
  }

  /**
   * Checks the types of {@code user-context} (a map) and {@code comment} (a string), as Kea's
   * grammar does wherever it allows them; their content is the operator's and stays opaque.
   */
  static void checkContext(ConfigMap map) {
    map.optMap("user-context");
    map.optString("comment");
  }
}
