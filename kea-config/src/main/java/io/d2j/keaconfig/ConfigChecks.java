package io.d2j.keaconfig;

/**
 * Small checks the daemons' scope parsers share; every failure is located at the offending value
 * (its JSON path and source position).
 */
public final class ConfigChecks {

  private ConfigChecks() {}

  /** An error at {@code map[key]}, or at the map itself when the key is absent. */
  public static ConfigException at(ConfigMap map, String key, String reason) {
    return map.get(key).map(n -> n.error(reason)).orElseGet(() -> map.error(reason));
  }

  public static long rangeChecked(ConfigMap map, String key, long dflt, long min, long max) {
    long value = map.optLong(key).orElse(dflt);
    if (value < min || value > max) {
      throw at(map, key, key + " must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  public static ConfigMap asMap(ConfigNode node) {
    if (node instanceof ConfigMap m) {
      return m;
    }
    throw node.error("expected a map, got " + node.typeName());
  }

  /** A mandatory string member that must hold more than blanks. */
  public static String nonBlank(ConfigMap map, String key, String what) {
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
  public static void checkContext(ConfigMap map) {
    map.optMap("user-context");
    map.optString("comment");
  }
}
