package io.d2j.dhcp4.config;

import io.d2j.keaconfig.ConfigMap;
import io.d2j.keaconfig.ConfigNode;
import io.d2j.keaconfig.ConfigNumber;
import java.net.Inet4Address;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The keys of {@link SubnetPolicy}, valid at global, shared-network and subnet scope: each is
 * validated where it is written, a child scope overrides its parent key by key (as Kea's
 * inheritance does), and a subnet's set resolves with Kea's defaults.
 */
final class NetworkKeys {

  static final String MATCH_CLIENT_ID = "match-client-id";
  static final String AUTHORITATIVE = "authoritative";
  static final String NEXT_SERVER = "next-server";
  static final String SERVER_HOSTNAME = "server-hostname";
  static final String BOOT_FILE_NAME = "boot-file-name";
  static final String RESERVATIONS_GLOBAL = "reservations-global";
  static final String RESERVATIONS_IN_SUBNET = "reservations-in-subnet";
  static final String RESERVATIONS_OUT_OF_POOL = "reservations-out-of-pool";
  static final String RESERVATION_MODE = "reservation-mode";
  static final String STORE_EXTENDED_INFO = "store-extended-info";
  static final String CACHE_THRESHOLD = "cache-threshold";
  static final String CACHE_MAX_AGE = "cache-max-age";

  static final Set<String> KEYS =
      Set.of(
          MATCH_CLIENT_ID,
          AUTHORITATIVE,
          NEXT_SERVER,
          SERVER_HOSTNAME,
          BOOT_FILE_NAME,
          RESERVATIONS_GLOBAL,
          RESERVATIONS_IN_SUBNET,
          RESERVATIONS_OUT_OF_POOL,
          RESERVATION_MODE,
          STORE_EXTENDED_INFO,
          CACHE_THRESHOLD,
          CACHE_MAX_AGE);

  private NetworkKeys() {}

  /**
   * The values {@code map} sets itself, validated ({@code reservation-mode} as its three flags).
   */
  static Map<String, Object> parse(ConfigMap map) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String key : map.keys()) {
      if (!KEYS.contains(key)) {
        continue;
      }
      switch (key) {
        case MATCH_CLIENT_ID,
            AUTHORITATIVE,
            RESERVATIONS_GLOBAL,
            RESERVATIONS_IN_SUBNET,
            RESERVATIONS_OUT_OF_POOL,
            STORE_EXTENDED_INFO ->
            out.put(key, map.optBool(key).orElseThrow());
        case NEXT_SERVER -> out.put(key, ClassesParser.nextServer(map));
        case SERVER_HOSTNAME -> out.put(key, ClassesParser.text(map, key, ClassesParser.MAX_SNAME));
        case BOOT_FILE_NAME -> out.put(key, ClassesParser.text(map, key, ClassesParser.MAX_FILE));
        case CACHE_THRESHOLD -> {
          ConfigNode n = map.require(key);
          if (!(n instanceof ConfigNumber number)) {
            throw n.error("expected a real, got " + n.typeName());
          }
          double v = number.value().doubleValue();
          if (!(v > 0 && v < 1)) {
            throw n.error("cache-threshold must be greater than 0 and less than 1, got " + v);
          }
          out.put(key, v);
        }
        case CACHE_MAX_AGE -> {
          long v = map.requireLong(key);
          if (v < 0 || v > 0xFFFF_FFFFL) {
            throw map.require(key)
                .error("cache-max-age must be between 0 and 4294967295, got " + v);
          }
          out.put(key, v);
        }
        case RESERVATION_MODE -> {
          for (String k :
              Set.of(RESERVATIONS_GLOBAL, RESERVATIONS_IN_SUBNET, RESERVATIONS_OUT_OF_POOL)) {
            if (map.has(k)) {
              throw map.require(key).error("reservation-mode cannot be used together with " + k);
            }
          }
          String mode = map.requireString(key);
          boolean[] flags =
              switch (mode) {
                case "disabled" -> new boolean[] {false, false, false};
                case "out-of-pool" -> new boolean[] {false, true, true};
                case "global" -> new boolean[] {true, false, false};
                case "all" -> new boolean[] {false, true, false};
                default ->
                    throw map.require(key)
                        .error(
                            "reservation-mode must be disabled, out-of-pool, global or all, got '"
                                + mode
                                + "'");
              };
          out.put(RESERVATIONS_GLOBAL, flags[0]);
          out.put(RESERVATIONS_IN_SUBNET, flags[1]);
          out.put(RESERVATIONS_OUT_OF_POOL, flags[2]);
        }
        default -> throw new IllegalStateException(key);
      }
    }
    return out;
  }

  static Map<String, Object> merge(Map<String, Object> parent, Map<String, Object> child) {
    Map<String, Object> out = new LinkedHashMap<>(parent);
    out.putAll(child);
    return out;
  }

  @SuppressWarnings("unchecked")
  static SubnetPolicy resolve(Map<String, Object> values) {
    SubnetPolicy d = SubnetPolicy.defaults();
    Object threshold = values.get(CACHE_THRESHOLD);
    Object maxAge = values.get(CACHE_MAX_AGE);
    return new SubnetPolicy(
        (Boolean) values.getOrDefault(MATCH_CLIENT_ID, d.matchClientId()),
        (Boolean) values.getOrDefault(AUTHORITATIVE, d.authoritative()),
        (Optional<Inet4Address>) values.getOrDefault(NEXT_SERVER, d.nextServer()),
        (String) values.getOrDefault(SERVER_HOSTNAME, d.serverHostname()),
        (String) values.getOrDefault(BOOT_FILE_NAME, d.bootFileName()),
        (Boolean) values.getOrDefault(RESERVATIONS_GLOBAL, d.reservationsGlobal()),
        (Boolean) values.getOrDefault(RESERVATIONS_IN_SUBNET, d.reservationsInSubnet()),
        (Boolean) values.getOrDefault(RESERVATIONS_OUT_OF_POOL, d.reservationsOutOfPool()),
        (Boolean) values.getOrDefault(STORE_EXTENDED_INFO, d.storeExtendedInfo()),
        threshold == null ? OptionalDouble.empty() : OptionalDouble.of((Double) threshold),
        maxAge == null ? OptionalLong.empty() : OptionalLong.of((Long) maxAge));
  }
}
