package io.d2j.dhcp4.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.d2j.dhcp4.ddns.DhcpDdns;
import io.d2j.keaconfig.ConfigList;
import io.d2j.keaconfig.ConfigMap;
import io.d2j.keaconfig.ConfigNode;
import io.d2j.ncr.IpAddresses;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code config-get} shows: the operator's {@code Dhcp4} map with every setting d2j-dhcp4
 * supports filled in with the value it runs with, where kea-dhcp4 2.2's {@code config-get} shows
 * one (its defaults, and the values each subnet and shared network inherits). Values come from the
 * parsed {@link Dhcp4Config} where it holds them, so the rendering shows what the server does, not
 * a second table of defaults. The result loads again (config-set of config-get's answer is the same
 * configuration). Checked against a running kea-dhcp4 on Kea's own examples by KeaConfigGetIT.
 */
public final class EffectiveConfig {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /**
   * Kea 2.2's global defaults of the keys the parsed model does not keep at global scope (each
   * scope reads them through its parent).
   */
  private static final Map<String, Object> GLOBAL_DEFAULTS =
      Map.ofEntries(
          Map.entry("valid-lifetime", Dhcp4Defaults.VALID_LIFETIME),
          Map.entry("calculate-tee-times", Dhcp4Defaults.CALCULATE_TEE_TIMES),
          Map.entry("t1-percent", Dhcp4Defaults.T1_PERCENT),
          Map.entry("t2-percent", Dhcp4Defaults.T2_PERCENT),
          Map.entry("dhcp4o6-port", 0L),
          Map.entry("ddns-send-updates", true),
          Map.entry("ddns-override-no-update", false),
          Map.entry("ddns-override-client-update", false),
          Map.entry("ddns-replace-client-name", "never"),
          Map.entry("ddns-generated-prefix", "myhost"),
          Map.entry("ddns-qualifying-suffix", ""),
          Map.entry("ddns-update-on-renew", false),
          Map.entry("ddns-use-conflict-resolution", true),
          Map.entry("hostname-char-set", "[^A-Za-z0-9.-]"),
          Map.entry("hostname-char-replacement", ""));

  private EffectiveConfig() {}

  /** {@code {"Dhcp4": {…}}} as config-get shows it. */
  public static ObjectNode render(Dhcp4Config c) {
    ObjectNode dhcp4 = (ObjectNode) c.source().toJson();
    globals(c, dhcp4);
    for (JsonNode subnet : dhcp4.withArray("subnet4")) {
      subnet(c, (ObjectNode) subnet);
    }
    ArrayNode networks = dhcp4.withArray("shared-networks");
    List<ConfigNode> sources =
        c.source().optList("shared-networks").map(ConfigList::items).orElse(List.of());
    for (int i = 0; i < networks.size() && i < sources.size(); i++) {
      if (sources.get(i) instanceof ConfigMap source) {
        sharedNetwork(c, source, dhcp4, (ObjectNode) networks.get(i));
      }
    }
    comments(dhcp4);
    ObjectNode out = JSON.objectNode();
    out.set("Dhcp4", dhcp4);
    return out;
  }

  /** Kea shows a map's {@code comment} as {@code user-context.comment}; so does d2j. */
  private static void comments(JsonNode node) {
    if (node instanceof ObjectNode map) {
      JsonNode comment = map.remove("comment");
      if (comment != null) {
        map.withObject("/user-context").set("comment", comment);
      }
      map.fields()
          .forEachRemaining(
              e -> {
                if (!e.getKey().equals("user-context")) {
                  comments(e.getValue());
                }
              });
    } else if (node instanceof ArrayNode list) {
      list.forEach(EffectiveConfig::comments);
    }
  }

  private static void globals(Dhcp4Config c, ObjectNode d) {
    GLOBAL_DEFAULTS.forEach((key, value) -> putIfAbsent(d, key, value));
    policy(d, c.globalPolicy());
    d.put("decline-probation-period", c.declineProbationPeriod().toSeconds());
    d.put("echo-client-id", c.echoClientId());
    d.put("parked-packet-limit", c.parkedPacketLimit());
    d.put("statistic-default-sample-count", c.statistics().sampleCount());
    d.put("statistic-default-sample-age", c.statistics().sampleAge());
    d.put("early-global-reservations-lookup", c.hosts().earlyGlobalLookup());
    d.put("ip-reservations-unique", c.hosts().addressesUnique());
    d.put("reservations-lookup-first", c.hosts().lookupFirst());
    ArrayNode ids = d.putArray("host-reservation-identifiers");
    c.hosts().identifiers().forEach(t -> ids.add(t.keaName()));
    d.withObject("/sanity-checks").put("lease-checks", c.leaseChecks().keaName());
    ObjectNode mt = d.withObject("/multi-threading");
    mt.put("enable-multi-threading", c.multiThreading().enabled());
    mt.put("thread-pool-size", c.multiThreading().threadPoolSize());
    mt.put("packet-queue-size", c.multiThreading().packetQueueSize());
    ObjectNode queue = d.withObject("/dhcp-queue-control");
    putIfAbsent(queue, "enable-queue", false);
    putIfAbsent(queue, "queue-type", "kea-ring4");
    putIfAbsent(queue, "capacity", 64L);
    ExpiredLeasesProcessing e = c.expiredLeases();
    ObjectNode expired = d.withObject("/expired-leases-processing");
    expired.put("reclaim-timer-wait-time", e.reclaimTimerWaitTime().toSeconds());
    expired.put("flush-reclaimed-timer-wait-time", e.flushReclaimedTimerWaitTime().toSeconds());
    expired.put("hold-reclaimed-time", e.holdReclaimedTime().toSeconds());
    expired.put("max-reclaim-leases", e.maxReclaimLeases());
    expired.put("max-reclaim-time", e.maxReclaimTime().toMillis());
    expired.put("unwarned-reclaim-cycles", e.unwarnedReclaimCycles());
    dhcpDdns(d.withObject("/dhcp-ddns"), c.dhcpDdns());
    ObjectNode interfaces = d.withObject("/interfaces-config");
    interfaces.withArray("interfaces");
    interfaces.put("re-detect", c.interfaces().reDetect());
    for (String list : new String[] {"option-data", "option-def", "hooks-libraries"}) {
      d.withArray(list);
    }
  }

  private static void dhcpDdns(ObjectNode out, DhcpDdns link) {
    out.put("enable-updates", link.enableUpdates());
    out.put("server-ip", IpAddresses.format(link.server().getAddress()));
    out.put("server-port", link.server().getPort());
    out.put("sender-ip", IpAddresses.format(link.sender().getAddress()));
    out.put("sender-port", link.sender().getPort());
    out.put("max-queue-size", link.maxQueueSize());
    putIfAbsent(out, "ncr-protocol", "UDP");
    putIfAbsent(out, "ncr-format", "JSON");
  }

  /**
   * A shared network's values: its own, else the global ones (Kea's inheritance); the lifetime
   * triplet resolves per scope as {@link Lifetime#parse} does.
   */
  private static void sharedNetwork(Dhcp4Config c, ConfigMap source, ObjectNode d, ObjectNode n) {
    for (JsonNode subnet : n.withArray("subnet4")) {
      subnet(c, (ObjectNode) subnet);
    }
    n.withArray("option-data");
    if (!n.has("relay")) {
      n.putObject("relay").putArray("ip-addresses");
    } else if (n.get("relay").has("ip-address")) {
      ObjectNode relay = (ObjectNode) n.get("relay");
      relay.putArray("ip-addresses").add(relay.remove("ip-address"));
    }
    Lifetime life =
        Lifetime.parse(source, "valid-lifetime")
            .or(() -> Lifetime.parse(c.source(), "valid-lifetime"))
            .orElse(Lifetime.fixed(Dhcp4Defaults.VALID_LIFETIME));
    n.put("valid-lifetime", life.value());
    n.put("min-valid-lifetime", life.min());
    n.put("max-valid-lifetime", life.max());
    for (String key : new String[] {"calculate-tee-times", "t1-percent", "t2-percent"}) {
      if (!n.has(key)) {
        n.set(key, d.get(key));
      }
    }
    policy(
        n,
        NetworkKeys.resolve(
            NetworkKeys.merge(NetworkKeys.parse(c.source()), NetworkKeys.parse(source))));
  }

  private static void subnet(Dhcp4Config c, ObjectNode s) {
    Optional<Subnet4> found =
        c.subnets().stream()
            .filter(sub -> sub.prefix().toString().equals(prefixText(s.path("subnet").asText())))
            .findFirst();
    if (found.isEmpty()) {
      return;
    }
    Subnet4 sub = found.get();
    s.put("id", sub.id());
    // d2j accepts DHCPv4-over-DHCPv6 settings only empty.
    for (String key : new String[] {"4o6-interface", "4o6-interface-id", "4o6-subnet"}) {
      putIfAbsent(s, key, "");
    }
    s.put("subnet", sub.prefix().toString());
    LeaseTimes t = sub.times();
    s.put("valid-lifetime", t.valid().value());
    s.put("min-valid-lifetime", t.valid().min());
    s.put("max-valid-lifetime", t.valid().max());
    t.renewTimer().ifPresent(v -> s.put("renew-timer", v));
    t.rebindTimer().ifPresent(v -> s.put("rebind-timer", v));
    s.put("calculate-tee-times", t.calculateTeeTimes());
    s.put("t1-percent", t.t1Percent());
    s.put("t2-percent", t.t2Percent());
    policy(s, sub.policy());
    ArrayNode relays = JSON.arrayNode();
    sub.relayAddresses().forEach(a -> relays.add(IpAddresses.format(a)));
    s.remove("relay");
    s.putObject("relay").set("ip-addresses", relays);
    s.withArray("option-data");
    s.withArray("reservations");
    ArrayNode pools = s.withArray("pools");
    for (int i = 0; i < pools.size() && i < sub.pools().size(); i++) {
      ObjectNode pool = (ObjectNode) pools.get(i);
      Pool4 p = sub.pools().get(i);
      pool.put("pool", poolText(p));
      pool.withArray("option-data");
    }
  }

  /**
   * As Kea writes a pool: {@code 192.0.2.0/28} when the range is exactly a prefix, else a range.
   */
  static String poolText(Pool4 p) {
    long first = Addresses.toLong(p.first());
    long size = p.size();
    if (Long.bitCount(size) == 1 && (first & (size - 1)) == 0) {
      return IpAddresses.format(p.first()) + "/" + (32 - Long.numberOfTrailingZeros(size));
    }
    return IpAddresses.format(p.first()) + "-" + IpAddresses.format(p.last());
  }

  /** A prefix as {@link Prefix4#toString} writes it ({@code 192.0.2.0/24}). */
  private static String prefixText(String text) {
    return text.replace(" ", "");
  }

  /** The {@link SubnetPolicy} keys, in place of {@code reservation-mode} when that was used. */
  private static void policy(ObjectNode out, SubnetPolicy p) {
    out.remove("reservation-mode");
    out.put("match-client-id", p.matchClientId());
    out.put("authoritative", p.authoritative());
    out.put("next-server", p.nextServer().map(IpAddresses::format).orElse("0.0.0.0"));
    out.put("server-hostname", p.serverHostname());
    out.put("boot-file-name", p.bootFileName());
    out.put("reservations-global", p.reservationsGlobal());
    out.put("reservations-in-subnet", p.reservationsInSubnet());
    out.put("reservations-out-of-pool", p.reservationsOutOfPool());
    out.put("store-extended-info", p.storeExtendedInfo());
    p.cacheThreshold().ifPresent(v -> out.put("cache-threshold", v));
    p.cacheMaxAge().ifPresent(v -> out.put("cache-max-age", v));
  }

  private static void putIfAbsent(ObjectNode map, String key, Object value) {
    if (map.has(key)) {
      return;
    }
    if (value instanceof Boolean b) {
      map.put(key, b);
    } else if (value instanceof Long l) {
      map.put(key, l);
    } else if (value instanceof Double v) {
      map.put(key, v);
    } else {
      map.put(key, (String) value);
    }
  }
}
