package io.d2j.dhcp4.config;

import io.d2j.dhcp4.Octets;
import io.d2j.keaconfig.ConfigList;
import io.d2j.keaconfig.ConfigMap;
import io.d2j.keaconfig.ConfigNode;
import io.d2j.ncr.IpAddresses;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Parses {@code subnet4} and {@code shared-networks}: subnets, pools, relays and reservations,
 * applying the global → shared-network → subnet inheritance of lease times, option-data and the
 * DDNS keys ({@link DdnsKeys}).
 */
final class SubnetParser {

  /** Keys every scope that holds lease settings accepts. */
  static final Set<String> TIME_KEYS =
      Set.of(
          "valid-lifetime",
          "renew-timer",
          "rebind-timer",
          "calculate-tee-times",
          "t1-percent",
          "t2-percent");

  private static final Set<String> SUBNET_KEYS =
      union(
          TIME_KEYS,
          Set.of(
              "id",
              "subnet",
              "pools",
              "option-data",
              "relay",
              "reservations",
              "interface",
              "comment",
              "user-context"));
  private static final Set<String> NETWORK_KEYS =
      union(
          TIME_KEYS,
          Set.of(
              "name", "subnet4", "option-data", "relay", "interface", "comment", "user-context"));
  private static final Set<String> POOL_KEYS =
      Set.of("pool", "option-data", "client-class", "comment", "user-context");
  private static final Set<String> RESERVATION_KEYS =
      Set.of(
          "hw-address",
          "client-id",
          "ip-address",
          "hostname",
          "option-data",
          "comment",
          "user-context");

  private final KeyPolicy policy;
  private final OptionDataParser optionParser;
  private final List<Subnet4> subnets = new ArrayList<>();
  private final Map<Long, ConfigNode> ids = new HashMap<>();
  private final Map<Prefix4, ConfigNode> prefixes = new HashMap<>();
  private final List<ConfigMap> unnumbered = new ArrayList<>();

  private final boolean ddnsEnabled;
  private final Set<String> haClasses;

  /**
   * @param ddnsEnabled {@code dhcp-ddns.enable-updates}, which each subnet's {@code
   *     ddns-send-updates} is ANDed with
   * @param haClasses the {@code HA_<peer>} classes of the high-availability relationship, the only
   *     pool {@code client-class} values read until client classes are supported
   */
  SubnetParser(
      KeyPolicy policy, OptionDataParser optionParser, boolean ddnsEnabled, Set<String> haClasses) {
    this.policy = policy;
    this.optionParser = optionParser;
    this.ddnsEnabled = ddnsEnabled;
    this.haClasses = Set.copyOf(haClasses);
  }

  /** A scope's lease settings and options, as its children inherit them. */
  record Scope(
      OptionalLong valid,
      OptionalLong renew,
      OptionalLong rebind,
      Optional<Boolean> calculate,
      OptionalDouble t1,
      OptionalDouble t2,
      List<OptionData> options,
      List<Inet4Address> relays,
      Optional<String> iface,
      Optional<String> network,
      Map<String, Object> ddns) {

    Scope child(
        ConfigMap map,
        List<OptionData> own,
        List<Inet4Address> ownRelays,
        Optional<String> networkName) {
      return new Scope(
          or(map.optLong("valid-lifetime"), valid),
          or(map.optLong("renew-timer"), renew),
          or(map.optLong("rebind-timer"), rebind),
          map.optBool("calculate-tee-times").or(() -> calculate),
          orDouble(map, "t1-percent", t1),
          orDouble(map, "t2-percent", t2),
          merge(options, own),
          ownRelays.isEmpty() ? relays : ownRelays,
          map.optString("interface").or(() -> iface),
          networkName.or(() -> network),
          DdnsKeys.merge(ddns, DdnsKeys.parse(map)));
    }
  }

  /**
   * The global scope.
   *
   * @param globalDdns the global DDNS values, legacy {@code dhcp-ddns} keys already moved in
   */
  static Scope globalScope(
      ConfigMap dhcp4, List<OptionData> globalOptions, Map<String, Object> globalDdns) {
    Scope root =
        new Scope(
            OptionalLong.empty(),
            OptionalLong.empty(),
            OptionalLong.empty(),
            Optional.empty(),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            List.of(),
            List.of(),
            Optional.empty(),
            Optional.empty(),
            Map.of());
    return new Scope(
        OptionalLong.of(dhcp4.optLong("valid-lifetime").orElse(Dhcp4Defaults.VALID_LIFETIME)),
        or(dhcp4.optLong("renew-timer"), root.renew()),
        or(dhcp4.optLong("rebind-timer"), root.rebind()),
        Optional.of(dhcp4.optBool("calculate-tee-times").orElse(Dhcp4Defaults.CALCULATE_TEE_TIMES)),
        OptionalDouble.of(
            orDouble(dhcp4, "t1-percent", OptionalDouble.of(Dhcp4Defaults.T1_PERCENT))
                .getAsDouble()),
        OptionalDouble.of(
            orDouble(dhcp4, "t2-percent", OptionalDouble.of(Dhcp4Defaults.T2_PERCENT))
                .getAsDouble()),
        globalOptions,
        List.of(),
        Optional.empty(),
        Optional.empty(),
        globalDdns);
  }

  List<Subnet4> parse(ConfigMap dhcp4, Scope global) {
    Optional<ConfigList> networks = dhcp4.optList("shared-networks");
    Map<String, ConfigNode> names = new HashMap<>();
    List<Object[]> pending = new ArrayList<>();
    if (networks.isPresent()) {
      for (ConfigNode item : networks.get()) {
        ConfigMap network = Dhcp4ConfigParser.asMap(item);
        policy.check(network, NETWORK_KEYS, true);
        String name = network.requireString("name");
        if (name.isBlank()) {
          throw network.require("name").error("shared network name must not be blank");
        }
        ConfigNode first = names.putIfAbsent(name, network.require("name"));
        if (first != null) {
          throw network
              .require("name")
              .error(
                  "duplicate shared network name '"
                      + name
                      + "' (first at "
                      + first.position()
                      + ")");
        }
        validateTimes(network);
        Scope scope =
            global.child(
                network,
                optionParser.parse(network.optList("option-data")),
                relays(network),
                Optional.of(name));
        for (ConfigNode s : network.optList("subnet4").map(ConfigList::items).orElse(List.of())) {
          pending.add(new Object[] {Dhcp4ConfigParser.asMap(s), scope});
        }
      }
    }
    List<Object[]> ordered = new ArrayList<>();
    for (ConfigNode s : dhcp4.optList("subnet4").map(ConfigList::items).orElse(List.of())) {
      ordered.add(new Object[] {Dhcp4ConfigParser.asMap(s), global});
    }
    ordered.addAll(pending);
    List<Object[]> withIds = new ArrayList<>();
    for (Object[] entry : ordered) {
      ConfigMap map = (ConfigMap) entry[0];
      policy.check(map, SUBNET_KEYS, true);
      Optional<Long> id = map.optLong("id");
      if (id.isPresent()) {
        if (id.get() < 1 || id.get() > 0xFFFF_FFFEL) {
          throw map.require("id")
              .error("subnet id must be between 1 and 4294967294, got " + id.get());
        }
        ConfigNode first = ids.putIfAbsent(id.get(), map.require("id"));
        if (first != null) {
          throw map.require("id")
              .error("duplicate subnet id " + id.get() + " (first at " + first.position() + ")");
        }
      } else {
        unnumbered.add(map);
      }
      withIds.add(entry);
    }
    long next = 1;
    Map<ConfigMap, Long> assigned = new LinkedHashMap<>();
    for (ConfigMap map : unnumbered) {
      while (ids.containsKey(next)) {
        next++;
      }
      ids.put(next, map);
      assigned.put(map, next);
      policy.warn(
          map,
          "subnet has no id; assigned "
              + next
              + " (give ids explicitly so leases keep their subnet when the file changes)");
    }
    for (Object[] entry : withIds) {
      ConfigMap map = (ConfigMap) entry[0];
      long id = map.optLong("id").orElseGet(() -> assigned.get(map));
      subnets.add(parseSubnet(map, id, (Scope) entry[1]));
    }
    return subnets;
  }

  private Subnet4 parseSubnet(ConfigMap map, long id, Scope parent) {
    Prefix4 prefix = prefix(map);
    ConfigNode first = prefixes.putIfAbsent(prefix, map.require("subnet"));
    if (first != null) {
      throw map.require("subnet")
          .error("subnet " + prefix + " is already defined (at " + first.position() + ")");
    }
    validateTimes(map);
    Scope scope =
        parent.child(
            map, optionParser.parse(map.optList("option-data")), relays(map), Optional.empty());
    LeaseTimes times;
    try {
      times =
          new LeaseTimes(
              scope.valid().getAsLong(),
              scope.renew(),
              scope.rebind(),
              scope.calculate().orElse(false),
              scope.t1().getAsDouble(),
              scope.t2().getAsDouble());
    } catch (IllegalArgumentException e) {
      throw map.error(e.getMessage());
    }
    List<Pool4> pools = pools(map, prefix);
    List<Reservation> reservations = reservations(map, prefix);
    return new Subnet4(
        id,
        prefix,
        pools,
        scope.options(),
        times,
        scope.relays(),
        reservations,
        scope.network(),
        scope.iface(),
        DdnsKeys.resolve(scope.ddns(), ddnsEnabled));
  }

  private static Prefix4 prefix(ConfigMap map) {
    String text = map.requireString("subnet");
    ConfigNode at = map.require("subnet");
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw at.error("subnet '" + text + "' needs a prefix length, e.g. 192.0.2.0/24");
    }
    Inet4Address network = ipv4(at, text.substring(0, slash));
    int length;
    try {
      length = Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw at.error("subnet '" + text + "': prefix length is not a number");
    }
    try {
      return new Prefix4(network, length);
    } catch (IllegalArgumentException e) {
      throw at.error("subnet '" + text + "': " + e.getMessage());
    }
  }

  private List<Pool4> pools(ConfigMap subnet, Prefix4 prefix) {
    List<Pool4> pools = new ArrayList<>();
    for (ConfigNode item : subnet.optList("pools").map(ConfigList::items).orElse(List.of())) {
      ConfigMap map = Dhcp4ConfigParser.asMap(item);
      policy.check(map, POOL_KEYS, false);
      ConfigNode at = map.require("pool");
      String text = map.requireString("pool");
      Pool4 pool;
      List<OptionData> options = optionParser.parse(map.optList("option-data"));
      try {
        pool = poolRange(at, text, options);
      } catch (IllegalArgumentException e) {
        throw at.error(e.getMessage());
      }
      Optional<String> clientClass = haClass(map);
      if (clientClass.isPresent()) {
        pool = new Pool4(pool.first(), pool.last(), options, clientClass, List.of());
      }
      if (!prefix.contains(pool.first()) || !prefix.contains(pool.last())) {
        throw at.error("pool " + pool + " lies outside subnet " + prefix);
      }
      for (Pool4 other : pools) {
        if (other.contains(pool.first())
            || other.contains(pool.last())
            || pool.contains(other.first())) {
          throw at.error("pool " + pool + " overlaps pool " + other);
        }
      }
      pools.add(pool);
    }
    return pools;
  }

  /**
   * A pool's {@code client-class}: until client classes are supported, only the class of an HA
   * peer's scope ({@code HA_server1}), which is how Kea operators split pools between
   * load-balancing peers (spec §6.2).
   */
  private Optional<String> haClass(ConfigMap pool) {
    if (!pool.has("client-class")) {
      return Optional.empty();
    }
    String name = pool.requireString("client-class");
    if (!haClasses.contains(name)) {
      throw pool.require("client-class")
          .error(
              "'client-class' is "
                  + KeyPolicy.NOT_SUPPORTED
                  + " except for the classes of the high-availability peers ("
                  + (haClasses.isEmpty()
                      ? "none configured"
                      : String.join(", ", new java.util.TreeSet<>(haClasses)))
                  + "), got '"
                  + name
                  + "'");
    }
    return Optional.of(name);
  }

  private static Pool4 poolRange(ConfigNode at, String text, List<OptionData> options) {
    int dash = text.indexOf('-');
    if (dash >= 0) {
      return new Pool4(
          ipv4(at, text.substring(0, dash).trim()),
          ipv4(at, text.substring(dash + 1).trim()),
          options);
    }
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw at.error("pool '" + text + "' is neither 'first - last' nor a prefix");
    }
    Prefix4 p;
    try {
      p =
          new Prefix4(
              ipv4(at, text.substring(0, slash).trim()),
              Integer.parseInt(text.substring(slash + 1).trim()));
    } catch (NumberFormatException e) {
      throw at.error("pool '" + text + "': prefix length is not a number");
    }
    return new Pool4(p.network(), p.broadcast(), options);
  }

  private List<Reservation> reservations(ConfigMap subnet, Prefix4 prefix) {
    List<Reservation> out = new ArrayList<>();
    Map<String, ConfigNode> identifiers = new HashMap<>();
    Map<Inet4Address, ConfigNode> addresses = new HashMap<>();
    for (ConfigNode item :
        subnet.optList("reservations").map(ConfigList::items).orElse(List.of())) {
      ConfigMap map = Dhcp4ConfigParser.asMap(item);
      policy.check(map, RESERVATION_KEYS, false);
      boolean hw = map.has("hw-address");
      boolean cid = map.has("client-id");
      if (hw == cid) {
        throw map.error("a reservation needs exactly one identifier: hw-address or client-id");
      }
      String key = hw ? "hw-address" : "client-id";
      Octets id = hex(map, key);
      if (id.isEmpty()) {
        throw map.require(key).error(key + " must not be empty");
      }
      ConfigNode first = identifiers.putIfAbsent(key + "=" + id, map.require(key));
      if (first != null) {
        throw map.require(key)
            .error(
                "duplicate reservation for "
                    + key
                    + " "
                    + id.toColonHex()
                    + " (first at "
                    + first.position()
                    + ")");
      }
      Optional<Inet4Address> ip =
          map.optString("ip-address").map(t -> ipv4(map.require("ip-address"), t));
      if (ip.isPresent()) {
        ConfigNode at = map.require("ip-address");
        if (!prefix.contains(ip.get())) {
          throw at.error(
              "reserved address "
                  + IpAddresses.format(ip.get())
                  + " lies outside subnet "
                  + prefix);
        }
        ConfigNode firstIp = addresses.putIfAbsent(ip.get(), at);
        if (firstIp != null) {
          throw at.error(
              "address "
                  + IpAddresses.format(ip.get())
                  + " is reserved twice (first at "
                  + firstIp.position()
                  + ")");
        }
      }
      out.add(
          new Reservation(
              hw ? id : Octets.EMPTY,
              hw ? Octets.EMPTY : id,
              ip,
              map.optString("hostname").orElse(""),
              optionParser.parse(map.optList("option-data"))));
    }
    return out;
  }

  private static Octets hex(ConfigMap map, String key) {
    try {
      return OptionDefinitions.parseHex(map.requireString(key));
    } catch (IllegalArgumentException e) {
      throw map.require(key).error(key + ": " + e.getMessage());
    }
  }

  private List<Inet4Address> relays(ConfigMap map) {
    Optional<ConfigMap> relay = map.optMap("relay");
    if (relay.isEmpty()) {
      return List.of();
    }
    policy.check(relay.get(), Set.of("ip-addresses"), false);
    List<Inet4Address> out = new ArrayList<>();
    for (ConfigNode a :
        relay.get().optList("ip-addresses").map(ConfigList::items).orElse(List.of())) {
      if (!(a instanceof io.d2j.keaconfig.ConfigString s)) {
        throw a.error("expected a string, got " + a.typeName());
      }
      out.add(ipv4(a, s.value()));
    }
    return out;
  }

  static void validateTimes(ConfigMap map) {
    for (String key : List.of("valid-lifetime", "renew-timer", "rebind-timer")) {
      Optional<Long> v = map.optLong(key);
      if (v.isPresent() && (v.get() < 0 || v.get() > 0xFFFF_FFFFL)) {
        throw map.require(key).error(key + " must be between 0 and 4294967295, got " + v.get());
      }
    }
    if (map.optLong("valid-lifetime").map(v -> v == 0).orElse(false)) {
      throw map.require("valid-lifetime").error("valid-lifetime must not be 0");
    }
  }

  static Inet4Address ipv4(ConfigNode at, String text) {
    try {
      if (IpAddresses.parse(text) instanceof Inet4Address v4) {
        return v4;
      }
    } catch (IllegalArgumentException e) {
      // reported below with the node's position
    }
    throw at.error("'" + text + "' is not an IPv4 address");
  }

  private static OptionalLong or(Optional<Long> own, OptionalLong inherited) {
    return own.isPresent() ? OptionalLong.of(own.get()) : inherited;
  }

  private static OptionalDouble orDouble(ConfigMap map, String key, OptionalDouble inherited) {
    Optional<ConfigNode> node = map.get(key);
    if (node.isEmpty()) {
      return inherited;
    }
    if (node.get() instanceof io.d2j.keaconfig.ConfigNumber n) {
      return OptionalDouble.of(n.value().doubleValue());
    }
    throw node.get().error("expected a real, got " + node.get().typeName());
  }

  /** Parent options overridden code by code by the child's. */
  static List<OptionData> merge(List<OptionData> parent, List<OptionData> child) {
    Map<Integer, OptionData> byCode = new LinkedHashMap<>();
    parent.forEach(o -> byCode.put(o.code(), o));
    child.forEach(o -> byCode.put(o.code(), o));
    return List.copyOf(byCode.values());
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    java.util.HashSet<String> out = new java.util.HashSet<>(a);
    out.addAll(b);
    return Set.copyOf(out);
  }
}
