package io.d2j.dhcp4.config;

import io.d2j.keaconfig.ConfigMap;
import io.d2j.keaconfig.ConfigNode;
import java.util.List;
import java.util.Set;

/**
 * What d2j-dhcp4 does with each key of a map: parse it (in {@code supported}, plus the DDNS keys of
 * {@link DdnsKeys} in the scopes that take them) or refuse it by path. A setting that would change
 * behaviour is never dropped silently.
 */
final class KeyPolicy {

  static final String NOT_SUPPORTED = "not supported by d2j-dhcp4 yet";

  private final List<String> warnings;

  KeyPolicy(List<String> warnings) {
    this.warnings = warnings;
  }

  /**
   * Checks every key of {@code map}.
   *
   * @param ddnsScope whether DDNS behavioural keys ({@code ddns-*}, {@code hostname-char-*}) may
   *     appear here (global, shared-network and subnet scopes)
   */
  void check(ConfigMap map, Set<String> supported, boolean ddnsScope) {
    for (String key : map.keys()) {
      if (supported.contains(key)) {
        continue;
      }
      ConfigNode node = map.get(key).orElseThrow();
      if (ddnsScope && DdnsKeys.SCOPE_KEYS.contains(key)) {
        continue;
      }
      throw node.error("'" + key + "' is " + NOT_SUPPORTED);
    }
  }

  void warn(ConfigNode node, String text) {
    warnings.add(node.path() + ": " + text);
  }
}
