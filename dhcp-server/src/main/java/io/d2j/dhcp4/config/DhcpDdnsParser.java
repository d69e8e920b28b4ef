package io.d2j.dhcp4.config;

import io.d2j.dhcp4.ddns.DhcpDdns;
import io.d2j.keaconfig.ConfigMap;
import io.d2j.keaconfig.ConfigNode;
import io.d2j.ncr.IpAddresses;
import io.d2j.ncr.auth.NcrAuthKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code Dhcp4.dhcp-ddns} (spec §1.1) and the legacy behavioural keys Kea 2.2 still reads there,
 * which move to the global scope unless the global key is set (spec §1.3), with Kea's warnings:
 *
 * <pre>
 * /Dhcp4/dhcp-ddns/qualifying-suffix: dhcp-ddns:qualifying-suffix is deprecated, moving it to
 *     global:ddns-qualifying-suffix
 * </pre>
 */
final class DhcpDdnsParser {

  private static final Set<String> KEYS =
      union(
          DdnsKeys.LEGACY.keySet(),
          Set.of(
              "enable-updates",
              "server-ip",
              "server-port",
              "sender-ip",
              "sender-port",
              "max-queue-size",
              "ncr-protocol",
              "ncr-format",
              "comment",
              "user-context"));

  private final KeyPolicy policy;

  DhcpDdnsParser(KeyPolicy policy) {
    this.policy = policy;
  }

  DhcpDdns parse(ConfigMap dhcp4) {
    Optional<ConfigMap> block = dhcp4.optMap("dhcp-ddns");
    if (block.isEmpty()) {
      return DhcpDdns.DISABLED;
    }
    ConfigMap m = block.get();
    policy.check(m, KEYS, false);
    boolean enable = m.optBool("enable-updates").orElse(false);
    InetAddress server = address(m, "server-ip").orElse(IpAddresses.parse("127.0.0.1"));
    int serverPort = port(m, "server-port", 53001);
    Optional<InetAddress> senderIp = address(m, "sender-ip");
    int senderPort = port(m, "sender-port", 0);
    InetAddress sender = senderIp.orElse(DhcpDdns.wildcardFor(server));
    if (senderIp.isPresent() && server.getClass() != sender.getClass()) {
      throw m.require("sender-ip")
          .error(
              "sender-ip "
                  + IpAddresses.format(sender)
                  + " is not of the same address family as server-ip "
                  + IpAddresses.format(server));
    }
    if (server.equals(sender) && serverPort == senderPort) {
      throw m.error(
          "D2 server address and sender address cannot be the same: "
              + IpAddresses.format(server)
              + " port "
              + serverPort);
    }
    long queue = m.optLong("max-queue-size").orElse(1024L);
    if (queue < 1 || queue > Integer.MAX_VALUE) {
      throw m.require("max-queue-size")
          .error("max-queue-size must be between 1 and " + Integer.MAX_VALUE + ", got " + queue);
    }
    String protocol = m.optString("ncr-protocol").orElse("UDP");
    if ("TCP".equalsIgnoreCase(protocol)) {
      throw m.require("ncr-protocol")
          .error("ncr-protocol TCP is not supported (Kea rejects it too); use UDP");
    }
    if (!"UDP".equalsIgnoreCase(protocol)) {
      throw m.require("ncr-protocol").error("ncr-protocol must be UDP, got '" + protocol + "'");
    }
    String format = m.optString("ncr-format").orElse("JSON");
    if (!"JSON".equals(format.toUpperCase(Locale.ROOT))) {
      throw m.require("ncr-format").error("ncr-format must be JSON, got '" + format + "'");
    }
    return new DhcpDdns(
        enable,
        new InetSocketAddress(server, serverPort),
        new InetSocketAddress(sender, senderPort),
        (int) queue,
        acks(m),
        signingKey(m));
  }

  private static final Set<String> NCR_KEY_KEYS = Set.of("name", "algorithm", "secret");

  /**
   * {@code user-context.d2j.ncr-key}: the HMAC-SHA256 key NCRs are signed with, the same name and
   * secret as the D2's {@code tsig-keys} entry its {@code ncr-authentication} names.
   */
  private static Optional<NcrAuthKey> signingKey(ConfigMap m) {
    Optional<ConfigMap> key =
        m.optMap("user-context").flatMap(c -> c.optMap("d2j")).flatMap(c -> c.optMap("ncr-key"));
    if (key.isEmpty()) {
      return Optional.empty();
    }
    ConfigMap k = key.get();
    k.rejectUnknownKeys(NCR_KEY_KEYS);
    String algorithm = k.optString("algorithm").orElse("HMAC-SHA256");
    if (!"HMAC-SHA256".equalsIgnoreCase(algorithm)) {
      throw k.require("algorithm")
          .error("NCRs are signed with HMAC-SHA256 only, got '" + algorithm + "'");
    }
    String name = k.requireString("name");
    byte[] secret;
    try {
      secret = java.util.Base64.getDecoder().decode(k.requireString("secret").strip());
    } catch (IllegalArgumentException e) {
      throw k.require("secret").error("secret is not valid base64: " + e.getMessage());
    }
    try {
      return Optional.of(new NcrAuthKey(name, secret));
    } catch (IllegalArgumentException e) {
      String field = e.getMessage().startsWith("secret") ? "secret" : "name";
      throw k.require(field).error(e.getMessage());
    }
  }

  /** {@code user-context.d2j.acks}: d2j's acknowledged NCR delivery, off by default. */
  private static boolean acks(ConfigMap m) {
    Optional<ConfigMap> d2j = m.optMap("user-context").flatMap(c -> c.optMap("d2j"));
    return d2j.flatMap(c -> c.optBool("acks")).orElse(false);
  }

  /** The global DDNS values: the global keys, plus legacy {@code dhcp-ddns} keys moved in. */
  Map<String, Object> globalScope(ConfigMap dhcp4) {
    Map<String, Object> moved = new LinkedHashMap<>();
    Optional<ConfigMap> block = dhcp4.optMap("dhcp-ddns");
    if (block.isPresent()) {
      for (Map.Entry<String, String> e : DdnsKeys.LEGACY.entrySet()) {
        String legacy = e.getKey();
        String global = e.getValue();
        if (!block.get().has(legacy)) {
          continue;
        }
        ConfigNode node = block.get().require(legacy);
        if (dhcp4.has(global)) {
          policy.warn(
              node, "dhcp-ddns:" + legacy + " is ignored: global:" + global + " is set and wins");
        } else {
          moved.put(global, DdnsKeys.value(global, block.get(), legacy));
          policy.warn(
              node, "dhcp-ddns:" + legacy + " is deprecated, moving it to global:" + global);
        }
      }
    }
    return DdnsKeys.merge(moved, DdnsKeys.parse(dhcp4));
  }

  private static Optional<InetAddress> address(ConfigMap m, String key) {
    Optional<String> text = m.optString(key);
    if (text.isEmpty() || text.get().isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(IpAddresses.parse(text.get()));
    } catch (IllegalArgumentException e) {
      throw m.require(key).error(key + " '" + text.get() + "' is not an IP address");
    }
  }

  private static int port(ConfigMap m, String key, int dflt) {
    long v = m.optLong(key).orElse((long) dflt);
    if (v < 0 || v > 65535) {
      throw m.require(key).error(key + " must be between 0 and 65535, got " + v);
    }
    return (int) v;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    java.util.HashSet<String> out = new java.util.HashSet<>(a);
    out.addAll(b);
    return Set.copyOf(out);
  }
}
