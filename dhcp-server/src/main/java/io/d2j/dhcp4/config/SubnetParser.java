package io.d2j.dhcp4.config;

import io.d2j.dhcp4.options.OptionSpaces;
import io.d2j.keaconfig.ConfigList;
import io.d2j.keaconfig.ConfigMap;
import io.d2j.keaconfig.ConfigNode;
import io.d2j.keaconfig.ConfigString;
import io.d2j.ncr.IpAddresses;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Parses {@code subnet4} and {@code shared-networks}: subnets, pools, relays and reservations,
 * applying the global → shared-network → subnet inheritance of lease times, option-data, the DDNS
 * keys ({@link DdnsKeys}) and the rest of {@link SubnetPolicy} ({@link NetworkKeys}).
 */
final class SubnetParser {

  /** Keys every scope that holds lease settings accepts. */
  static final Set<String> TIME_KEYS =
      Set.of(
          "valid-lifetime",
          "min-valid-lifetime",
          "max-valid-lifetime",
          "renew-timer",
          "rebind-timer",
          "calculate-tee-times",
          "t1-percent",
          "t2-percent");

  private static final Set<String> LIFETIME_KEYS =
      Set.of("valid-lifetime", "min-valid-lifetime", "max-valid-lifetime");

  /** DHCPv4-over-DHCPv6 (RFC 7341): accepted only empty, as Kea's defaults write them. */
  private static final Set<String> DHCP4O6_KEYS =
      Set.of("4o6-interface", "4o6-interface-id", "4o6-subnet");

  static final Set<String> SUBNET_KEYS =
      union(
          TIME_KEYS,
          NetworkKeys.KEYS,
          DHCP4O6_KEYS,
          Set.of(
              "id",
              "subnet",
              "pools",
              "option-data",
              "relay",
              "reservations",
              "interface",
              "client-class",
              "require-client-classes",
              "comment",
              "user-context",
              "metadata"));
  static final Set<String> NETWORK_KEYS =
      union(
          TIME_KEYS,
          NetworkKeys.KEYS,
          Set.of(),
          Set.of(
              "name",
              "subnet4",
              "option-data",
              "relay",
              "interface",
              "client-class",
              "require-client-classes",
              "comment",
              "user-context",
              "metadata"));
  static final Set<String> POOL_KEYS =
      Set.of(
          "pool",
          "option-data",
          "client-class",
          "require-client-classes",
          "comment",
          "user-context",
          "metadata");

  private final KeyPolicy policy;
  private final OptionDataParser optionParser;
  private final HostsParser hosts;
  private final OptionSpaces defs;
  private final List<Subnet4> subnets = new ArrayList<>();
  private final Map<Long, ConfigNode> ids = new HashMap<>();
  private final Map<Prefix4, ConfigNode> prefixes = new HashMap<>();
  private final List<ConfigMap> unnumbered = new ArrayList<>();

  private final boolean ddnsEnabled;

  /**
   * @param ddnsEnabled {@code dhcp-ddns.enable-updates}, which each subnet's {@code
   *     ddns-send-updates} is ANDed with
   */
  SubnetParser(
      KeyPolicy policy,
      OptionDataParser optionParser,
      HostsParser hosts,
      OptionSpaces defs,
      boolean ddnsEnabled) {
    this.policy = policy;
    this.optionParser = optionParser;
    this.hosts = hosts;
    this.defs = defs;
    this.ddnsEnabled = ddnsEnabled;
  }

  /**
   * A scope's settings as its children inherit them.
   *
   * @param lifetime the triplet of the globals (a subnet that sets none of the three keys, and
   *     whose network sets none, uses it)
   * @param lifetimeKeys a shared network's own lifetime keys, which its subnets inherit key by key
   * @param options the shared network's option-data (the globals' rank below the classes')
   */
  record Scope(
      Lifetime lifetime,
      Map<String, ConfigNode> lifetimeKeys,
      OptionalLong renew,
      OptionalLong rebind,
      Optional<Boolean> calculate,
      OptionalDouble t1,
      OptionalDouble t2,
      List<OptionData> options,
      List<Inet4Address> relays,
      Optional<String> iface,
      Optional<String> network,
      Optional<String> networkClientClass,
      List<String> networkRequiredClasses,
      Map<String, Object> ddns,
      Map<String, Object> settings) {}

  /**
   * The global scope.
   *
   * @param globalDdns the global DDNS values, legacy {@code dhcp-ddns} keys already moved in
   */
  static Scope globalScope(ConfigMap dhcp4, Map<String, Object> globalDdns) {
    validateTimes(dhcp4);
    Lifetime lifetime =
        Lifetime.of(
                Optional.of(dhcp4.optLong("valid-lifetime").orElse(Dhcp4Defaults.VALID_LIFETIME)),
                dhcp4.optLong("min-valid-lifetime"),
                dhcp4.optLong("max-valid-lifetime"),
                dhcp4,
                "valid-lifetime")
            .orElseThrow();
    return new Scope(
        lifetime,
        Map.of(),
        or(dhcp4.optLong("renew-timer"), OptionalLong.empty()),
        or(dhcp4.optLong("rebind-timer"), OptionalLong.empty()),
        Optional.of(dhcp4.optBool("calculate-tee-times").orElse(Dhcp4Defaults.CALCULATE_TEE_TIMES)),
        OptionalDouble.of(
            orDouble(dhcp4, "t1-percent", OptionalDouble.of(Dhcp4Defaults.T1_PERCENT))
                .getAsDouble()),
        OptionalDouble.of(
            orDouble(dhcp4, "t2-percent", OptionalDouble.of(Dhcp4Defaults.T2_PERCENT))
                .getAsDouble()),
        List.of(),
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        globalDdns,
        NetworkKeys.parse(dhcp4));
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
        Map<String, ConfigNode> lifetimeKeys = new LinkedHashMap<>();
        for (String k : LIFETIME_KEYS) {
          network.get(k).ifPresent(n -> lifetimeKeys.put(k, n));
        }
        // A network's own triplet must hold together, even if every subnet overrides it.
        Lifetime.parse(network, "valid-lifetime");
        Scope scope =
            new Scope(
                global.lifetime(),
                lifetimeKeys,
                or(network.optLong("renew-timer"), global.renew()),
                or(network.optLong("rebind-timer"), global.rebind()),
                network.optBool("calculate-tee-times").or(global::calculate),
                orDouble(network, "t1-percent", global.t1()),
                orDouble(network, "t2-percent", global.t2()),
                optionParser.parse(network.optList("option-data"), defs),
                orList(relays(network), global.relays()),
                network.optString("interface").filter(s -> !s.isEmpty()).or(global::iface),
                Optional.of(name),
                clientClass(network),
                requiredClasses(network),
                DdnsKeys.merge(global.ddns(), DdnsKeys.parse(network)),
                NetworkKeys.merge(global.settings(), NetworkKeys.parse(network)));
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
      Optional<Long> id = map.optLong("id").filter(v -> v != 0);
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
      long id = map.optLong("id").filter(v -> v != 0).orElseGet(() -> assigned.get(map));
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
    for (String key : DHCP4O6_KEYS) {
      Optional<ConfigNode> n = map.get(key);
      if (n.isPresent() && !(n.get() instanceof ConfigString s && s.value().isEmpty())) {
        throw n.get()
            .error("'" + key + "' (DHCPv4-over-DHCPv6, RFC 7341) is " + KeyPolicy.NOT_SUPPORTED);
      }
    }
    LeaseTimes times;
    try {
      times =
          new LeaseTimes(
              lifetime(map, parent),
              or(map.optLong("renew-timer"), parent.renew()),
              or(map.optLong("rebind-timer"), parent.rebind()),
              map.optBool("calculate-tee-times").or(parent::calculate).orElse(false),
              orDouble(map, "t1-percent", parent.t1()).getAsDouble(),
              orDouble(map, "t2-percent", parent.t2()).getAsDouble());
    } catch (IllegalArgumentException e) {
      throw map.error(e.getMessage());
    }
    List<Pool4> pools = pools(map, prefix);
    List<Reservation> reservations = hosts.parse(map.optList("reservations"), prefix, defs);
    Map<String, Object> settings = NetworkKeys.merge(parent.settings(), NetworkKeys.parse(map));
    return new Subnet4(
        id,
        prefix,
        pools,
        merge(parent.options(), optionParser.parse(map.optList("option-data"), defs)),
        times,
        orList(relays(map), parent.relays()),
        reservations,
        parent.network(),
        map.optString("interface").filter(s -> !s.isEmpty()).or(parent::iface),
        DdnsKeys.resolve(DdnsKeys.merge(parent.ddns(), DdnsKeys.parse(map)), ddnsEnabled),
        clientClass(map),
        parent.networkClientClass(),
        requiredClasses(map),
        parent.networkRequiredClasses(),
        NetworkKeys.resolve(settings));
  }

  /**
   * Kea's triplet for a subnet: its own lifetime keys, those of its shared network filling the gaps
   * key by key; none at all means the globals' triplet.
   */
  private static Lifetime lifetime(ConfigMap map, Scope parent) {
    Map<String, Long> values = new HashMap<>();
    for (String k : LIFETIME_KEYS) {
      Optional<Long> own = map.optLong(k);
      if (own.isPresent()) {
        values.put(k, own.get());
      } else if (parent.lifetimeKeys().containsKey(k)) {
        values.put(k, ((io.d2j.keaconfig.ConfigNumber) parent.lifetimeKeys().get(k)).longValue());
      }
    }
    if (values.isEmpty()) {
      return parent.lifetime();
    }
    return Lifetime.of(
            Optional.ofNullable(values.get("valid-lifetime")),
            Optional.ofNullable(values.get("min-valid-lifetime")),
            Optional.ofNullable(values.get("max-valid-lifetime")),
            map,
            "valid-lifetime")
        .orElseThrow();
  }

  private static Optional<String> clientClass(ConfigMap map) {
    return map.optString("client-class").filter(s -> !s.isEmpty());
  }

  private static List<String> requiredClasses(ConfigMap map) {
    List<String> out = new ArrayList<>();
    for (ConfigNode c :
        map.optList("require-client-classes").map(ConfigList::items).orElse(List.of())) {
      if (!(c instanceof ConfigString s)) {
        throw c.error("expected a class name, got " + c.typeName());
      }
      if (!s.value().isEmpty() && !out.contains(s.value())) {
        out.add(s.value());
      }
    }
    return out;
  }

  private static Prefix4 prefix(ConfigMap map) {
    String text = map.requireString("subnet");
    ConfigNode at = map.require("subnet");
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw at.error("subnet '" + text + "' needs a prefix length, e.g. 192.0.2.0/24");
    }
    Inet4Address network = ipv4(at, text.substring(0, slash).strip());
    int length;
    try {
      length = Integer.parseInt(text.substring(slash + 1).strip());
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
      Pool4 range;
      List<OptionData> options = optionParser.parse(map.optList("option-data"), defs);
      try {
        range = poolRange(at, text, options);
      } catch (IllegalArgumentException e) {
        throw at.error(e.getMessage());
      }
      Pool4 pool =
          new Pool4(range.first(), range.last(), options, clientClass(map), requiredClasses(map));
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

  /** {@code relay}: {@code ip-addresses}, or Kea 2.2's older single {@code ip-address}. */
  private List<Inet4Address> relays(ConfigMap map) {
    Optional<ConfigMap> relay = map.optMap("relay");
    if (relay.isEmpty()) {
      return List.of();
    }
    policy.check(relay.get(), Set.of("ip-addresses", "ip-address"), false);
    if (relay.get().has("ip-addresses") && relay.get().has("ip-address")) {
      throw relay.get().error("relay has both ip-address and ip-addresses; use ip-addresses");
    }
    List<Inet4Address> out = new ArrayList<>();
    if (relay.get().has("ip-address")) {
      String text = relay.get().requireString("ip-address");
      // 0.0.0.0 is kept as Kea keeps it: no relayed query has that giaddr, so it selects nothing.
      out.add(ipv4(relay.get().require("ip-address"), text));
      return out;
    }
    for (ConfigNode a :
        relay.get().optList("ip-addresses").map(ConfigList::items).orElse(List.of())) {
      if (!(a instanceof ConfigString s)) {
        throw a.error("expected a string, got " + a.typeName());
      }
      out.add(ipv4(a, s.value()));
    }
    return out;
  }

  static void validateTimes(ConfigMap map) {
    for (String key :
        List.of(
            "valid-lifetime",
            "min-valid-lifetime",
            "max-valid-lifetime",
            "renew-timer",
            "rebind-timer")) {
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

  private static <T> List<T> orList(List<T> own, List<T> inherited) {
    return own.isEmpty() ? inherited : own;
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

  /**
   * Parent options overridden by the child's: a child that sets an option (space and code) hides
   * every parent entry of it; the child's come first, as the most specific scope is searched first.
   */
  static List<OptionData> merge(List<OptionData> parent, List<OptionData> child) {
    Set<String> own = new HashSet<>();
    child.forEach(o -> own.add(o.space() + "/" + o.code()));
    List<OptionData> out = new ArrayList<>(child);
    for (OptionData o : parent) {
      if (!own.contains(o.space() + "/" + o.code())) {
        out.add(o);
      }
    }
    return out;
  }

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    Set<String> out = new HashSet<>();
    for (Set<String> s : sets) {
      out.addAll(s);
    }
    return Set.copyOf(out);
  }
}
