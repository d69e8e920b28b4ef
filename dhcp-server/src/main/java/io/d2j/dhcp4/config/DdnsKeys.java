package io.d2j.dhcp4.config;

import io.d2j.dhcp4.ddns.DdnsParams;
import io.d2j.dhcp4.ddns.HostnameSanitizer;
import io.d2j.dhcp4.ddns.NamePolicy;
import io.d2j.dhcp4.ddns.ReplaceClientName;
import io.d2j.keaconfig.ConfigMap;
import io.d2j.keaconfig.ConfigNode;
import io.d2j.keaconfig.ConfigNumber;
import io.d2j.ncr.ConflictResolutionMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The behavioural DDNS keys of the global, shared-network and subnet scopes (spec §1.4): each is
 * validated where it is written (errors carry its path), a child scope's values override its
 * parent's key by key, and a subnet's set resolves to one {@link DdnsParams} with Kea's defaults.
 */
final class DdnsKeys {

  static final String SEND_UPDATES = "ddns-send-updates";
  static final String OVERRIDE_NO_UPDATE = "ddns-override-no-update";
  static final String OVERRIDE_CLIENT_UPDATE = "ddns-override-client-update";
  static final String REPLACE_CLIENT_NAME = "ddns-replace-client-name";
  static final String GENERATED_PREFIX = "ddns-generated-prefix";
  static final String QUALIFYING_SUFFIX = "ddns-qualifying-suffix";
  static final String UPDATE_ON_RENEW = "ddns-update-on-renew";
  static final String USE_CONFLICT_RESOLUTION = "ddns-use-conflict-resolution";
  static final String CONFLICT_RESOLUTION_MODE = "ddns-conflict-resolution-mode";
  static final String TTL_PERCENT = "ddns-ttl-percent";
  static final String CHAR_SET = "hostname-char-set";
  static final String CHAR_REPLACEMENT = "hostname-char-replacement";

  static final Set<String> SCOPE_KEYS =
      Set.of(
          SEND_UPDATES,
          OVERRIDE_NO_UPDATE,
          OVERRIDE_CLIENT_UPDATE,
          REPLACE_CLIENT_NAME,
          GENERATED_PREFIX,
          QUALIFYING_SUFFIX,
          UPDATE_ON_RENEW,
          USE_CONFLICT_RESOLUTION,
          CONFLICT_RESOLUTION_MODE,
          TTL_PERCENT,
          CHAR_SET,
          CHAR_REPLACEMENT);

  /** Kea 2.2's keys inside {@code dhcp-ddns} that move to the global scope (spec §1.3). */
  static final Map<String, String> LEGACY =
      orderedMap(
          "qualifying-suffix", QUALIFYING_SUFFIX,
          "override-no-update", OVERRIDE_NO_UPDATE,
          "override-client-update", OVERRIDE_CLIENT_UPDATE,
          "replace-client-name", REPLACE_CLIENT_NAME,
          "generated-prefix", GENERATED_PREFIX,
          "hostname-char-set", CHAR_SET,
          "hostname-char-replacement", CHAR_REPLACEMENT);

  private DdnsKeys() {}

  /** The DDNS values {@code map} sets itself, validated. */
  static Map<String, Object> parse(ConfigMap map) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String key : map.keys()) {
      if (SCOPE_KEYS.contains(key)) {
        out.put(key, value(key, map, key));
      }
    }
    // Kea >= 2.5 turns the boolean into a mode where it stands; the newer key wins in one scope.
    Object legacy = out.remove(USE_CONFLICT_RESOLUTION);
    if (legacy != null) {
      out.putIfAbsent(CONFLICT_RESOLUTION_MODE, legacy);
    }
    return out;
  }

  /**
   * The value of {@code key} (a scope key name) read from {@code owner.ownerKey}, which is the same
   * key or its legacy spelling inside {@code dhcp-ddns}.
   */
  static Object value(String key, ConfigMap owner, String ownerKey) {
    ConfigNode node = owner.require(ownerKey);
    switch (key) {
      case SEND_UPDATES:
      case OVERRIDE_NO_UPDATE:
      case OVERRIDE_CLIENT_UPDATE:
      case UPDATE_ON_RENEW:
        return owner.optBool(ownerKey).orElseThrow();
      case USE_CONFLICT_RESOLUTION:
        return ConflictResolutionMode.fromLegacyBoolean(owner.optBool(ownerKey).orElseThrow());
      case REPLACE_CLIENT_NAME:
        {
          String mode = owner.requireString(ownerKey);
          return ReplaceClientName.fromKeaName(mode)
              .orElseThrow(
                  () ->
                      node.error(
                          ownerKey
                              + " must be never, always, when-present or when-not-present, got '"
                              + mode
                              + "'"));
        }
      case CONFLICT_RESOLUTION_MODE:
        try {
          return ConflictResolutionMode.fromKeaName(owner.requireString(ownerKey));
        } catch (IllegalArgumentException e) {
          throw node.error(e.getMessage());
        }
      case TTL_PERCENT:
        if (!(node instanceof ConfigNumber n)) {
          throw node.error("expected a real, got " + node.typeName());
        }
        double p = n.value().doubleValue();
        if (!(p >= 0)) {
          throw node.error(ownerKey + " must not be negative, got " + p);
        }
        return p;
      case CHAR_SET:
        {
          String set = owner.requireString(ownerKey);
          try {
            HostnameSanitizer.of(set, "");
          } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
          }
          return set;
        }
      case QUALIFYING_SUFFIX:
        {
          String suffix = owner.requireString(ownerKey);
          if (!suffix.isEmpty() && !validSuffix(suffix)) {
            throw node.error(
                ownerKey + " '" + suffix + "' is not a domain name (empty or over-long label)");
          }
          return suffix;
        }
      default:
        return owner.requireString(ownerKey);
    }
  }

  private static boolean validSuffix(String suffix) {
    return !suffix.equals(".") && NamePolicy.parseable(suffix);
  }

  /** {@code parent} overridden key by key by {@code child}. */
  static Map<String, Object> merge(Map<String, Object> parent, Map<String, Object> child) {
    Map<String, Object> out = new LinkedHashMap<>(parent);
    out.putAll(child);
    return java.util.Collections.unmodifiableMap(out);
  }

  /** A subnet's resolved parameters; {@code enableUpdates} is {@code dhcp-ddns.enable-updates}. */
  static DdnsParams resolve(Map<String, Object> v, boolean enableUpdates) {
    DdnsParams d = DdnsParams.DEFAULTS;
    Object mode = v.get(CONFLICT_RESOLUTION_MODE);
    return new DdnsParams(
        enableUpdates && (Boolean) v.getOrDefault(SEND_UPDATES, true),
        (Boolean) v.getOrDefault(OVERRIDE_NO_UPDATE, d.overrideNoUpdate()),
        (Boolean) v.getOrDefault(OVERRIDE_CLIENT_UPDATE, d.overrideClientUpdate()),
        (ReplaceClientName) v.getOrDefault(REPLACE_CLIENT_NAME, d.replaceClientName()),
        (String) v.getOrDefault(GENERATED_PREFIX, d.generatedPrefix()),
        (String) v.getOrDefault(QUALIFYING_SUFFIX, d.qualifyingSuffix()),
        (Boolean) v.getOrDefault(UPDATE_ON_RENEW, d.updateOnRenew()),
        mode == null ? d.conflictResolutionMode() : (ConflictResolutionMode) mode,
        v.containsKey(TTL_PERCENT)
            ? OptionalDouble.of((Double) v.get(TTL_PERCENT))
            : OptionalDouble.empty(),
        HostnameSanitizer.of(
            (String) v.getOrDefault(CHAR_SET, HostnameSanitizer.DEFAULT_CHAR_SET),
            (String) v.getOrDefault(CHAR_REPLACEMENT, "")));
  }

  private static Map<String, String> orderedMap(String... pairs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put(pairs[i], pairs[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(out);
  }
}
