package io.d2j.dhcp4.config;

import io.d2j.dhcp4.ddns.DhcpDdns;
import io.d2j.dhcp4.ha.HaConfig;
import io.d2j.dhcp4.ha.HaConfigParser;
import io.d2j.dhcp4.ha.QueryScopes;
import io.d2j.dhcp4.options.OptionSpaces;
import io.d2j.keaconfig.ConfigException;
import io.d2j.keaconfig.ConfigList;
import io.d2j.keaconfig.ConfigMap;
import io.d2j.keaconfig.ConfigNode;
import io.d2j.keaconfig.ConfigString;
import io.d2j.keaconfig.KeaConfigReader;
import io.d2j.keacontrol.files.FileArea;
import io.d2j.keacontrol.files.PathGuard;
import io.d2j.keacontrol.files.PathKind;
import io.d2j.keacontrol.logging.LoggerSpec;
import io.d2j.keacontrol.logging.LoggersParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a parsed Kea configuration file into a {@link Dhcp4Config}. Every error names the JSON path
 * and source position; keys outside the supported subset are errors ({@code 'client-classes' is not
 * supported by d2j-dhcp4 yet}).
 */
public final class Dhcp4ConfigParser {

  private static final Set<String> TOP_LEVEL_IGNORED =
      Set.of("Dhcp6", "DhcpDdns", "Control-agent", "Logging");
  static final Set<String> GLOBAL_KEYS =
      union(
          union(SubnetParser.TIME_KEYS, NetworkKeys.KEYS),
          Set.of(
              "client-classes",
              "option-def",
              "host-reservation-identifiers",
              "reservations",
              "echo-client-id",
              "early-global-reservations-lookup",
              "ip-reservations-unique",
              "reservations-lookup-first",
              "sanity-checks",
              "statistic-default-sample-count",
              "statistic-default-sample-age",
              "compatibility",
              "parked-packet-limit",
              "dhcp-queue-control",
              "dhcp4o6-port",
              "multi-threading",
              "interfaces-config",
              "subnet4",
              "shared-networks",
              "option-data",
              "decline-probation-period",
              "lease-database",
              "expired-leases-processing",
              "control-socket",
              "hooks-libraries",
              "loggers",
              "dhcp-ddns",
              "lenient-option-parsing",
              "comment",
              "user-context"));
  private static final Set<String> INTERFACES_KEYS =
      Set.of(
          "interfaces",
          "dhcp-socket-type",
          "re-detect",
          "outbound-interface",
          "service-sockets-require-all",
          "service-sockets-retry-wait-time",
          "service-sockets-max-retries",
          "comment",
          "user-context");
  private static final Set<String> EXPIRED_KEYS =
      Set.of(
          "reclaim-timer-wait-time",
          "flush-reclaimed-timer-wait-time",
          "hold-reclaimed-time",
          "max-reclaim-leases",
          "max-reclaim-time",
          "unwarned-reclaim-cycles",
          "comment",
          "user-context");
  private static final Set<String> SOCKET_KEYS =
      Set.of("socket-type", "socket-name", "comment", "user-context");
  private static final Set<String> HOOK_KEYS =
      Set.of("library", "parameters", "comment", "user-context");
  private static final String PLUGIN_PREFIX = "d2j:";
  private static final String LEASE_CMDS = "libdhcp_lease_cmds.so";
  private static final String HA = "libdhcp_ha.so";

  private final List<String> warnings = new ArrayList<>();
  private final KeyPolicy policy = new KeyPolicy(warnings);
  private final OptionDataParser options = new OptionDataParser(policy);
  private final Path baseDir;
  private final PathGuard guard;

  private Dhcp4ConfigParser(Path baseDir, PathGuard guard) {
    this.baseDir = baseDir;
    this.guard = guard;
  }

  /**
   * Parses a whole configuration file's root map ({@code {"Dhcp4": {...}}}).
   *
   * @param baseDir where relative file names (lease file, control socket) are resolved
   * @throws ConfigException naming the JSON path and position of the first problem
   */
  public static Dhcp4Config parse(ConfigMap root, Path baseDir) {
    return parse(root, baseDir, PathGuard.TRUSTED);
  }

  /**
   * Parses a configuration whose paths (lease file, control socket, log files) {@code guard}
   * admits: {@link PathGuard#TRUSTED} for the operator's file, {@link PathGuard#forCommand} for one
   * a command sent (docs/security.md).
   */
  public static Dhcp4Config parse(ConfigMap root, Path baseDir, PathGuard guard) {
    return new Dhcp4ConfigParser(baseDir, guard).parseRoot(root);
  }

  /** Reads and parses {@code file}; relative names resolve against its directory. */
  public static Dhcp4Config read(Path file) throws java.io.IOException {
    Path dir = file.toAbsolutePath().getParent();
    return parse(KeaConfigReader.read(file), dir == null ? Path.of(".") : dir);
  }

  private Dhcp4Config parseRoot(ConfigMap root) {
    for (String key : root.keys()) {
      ConfigNode node = root.get(key).orElseThrow();
      if (TOP_LEVEL_IGNORED.contains(key)) {
        warnings.add("/" + key + ": ignored; this file is read by the DHCPv4 server only");
      } else if (!"Dhcp4".equals(key)) {
        throw node.error("unknown top-level object '" + key + "'");
      }
    }
    ConfigMap dhcp4 = root.requireMap("Dhcp4");
    policy.check(dhcp4, GLOBAL_KEYS, true);
    DhcpDdnsParser ddns = new DhcpDdnsParser(policy);
    DhcpDdns link = ddns.parse(dhcp4);
    SubnetParser.validateTimes(dhcp4);
    InterfacesConfig interfaces = interfaces(dhcp4);
    OptionDefParser optionDefParser = new OptionDefParser(policy);
    OptionSpaces builtIn = OptionSpaces.standard();
    OptionSpaces defs =
        builtIn.withRuntime(optionDefParser.parse(dhcp4.optList("option-def"), builtIn, false));
    ClassDictionary classes =
        new ClassesParser(policy, options, optionDefParser)
            .parse(dhcp4.optList("client-classes"), defs);
    List<OptionData> global = options.parse(dhcp4.optList("option-data"), defs);
    boolean unique = dhcp4.optBool("ip-reservations-unique").orElse(true);
    HostsParser hostsParser = new HostsParser(policy, options, unique);
    List<HostIdentifier.Type> identifiers = HostsParser.identifiers(dhcp4);
    List<Reservation> globalHosts = hostsParser.parse(dhcp4.optList("reservations"), null, defs);
    SubnetParser subnets =
        new SubnetParser(policy, options, hostsParser, defs, link.enableUpdates());
    List<Subnet4> all =
        subnets.parse(dhcp4, SubnetParser.globalScope(dhcp4, ddns.globalScope(dhcp4)));
    HostIndex index = new HostIndex();
    globalHosts.forEach(r -> index.add(HostIndex.GLOBAL, r));
    all.forEach(sub -> sub.reservations().forEach(r -> index.add(sub.id(), r)));
    Hosts hosts =
        new Hosts(
            identifiers,
            globalHosts,
            index,
            dhcp4.optBool("early-global-reservations-lookup").orElse(false),
            unique,
            dhcp4.optBool("reservations-lookup-first").orElse(false));
    long probation =
        seconds(dhcp4, "decline-probation-period", Dhcp4Defaults.DECLINE_PROBATION_PERIOD, 1);
    LeaseDatabase db = new LeaseDatabaseParser(policy, baseDir, guard).parse(dhcp4);
    ExpiredLeasesProcessing expired = expired(dhcp4);
    Optional<Path> socket = controlSocket(dhcp4);
    List<LoggerSpec> loggers =
        new LoggersParser(baseDir, guard, warnings).parse(dhcp4.optList("loggers"));
    List<PluginSpec> plugins = new ArrayList<>();
    Optional<HaConfig> ha = hooks(dhcp4, plugins);
    // Kea's HA hook gives each query its HA_<server> class before the class tests run.
    ClassDictionary classified =
        ha.map(h -> classes.withQueryClass(new QueryScopes(h)::className)).orElse(classes);
    boolean lenient = lenient(dhcp4);
    unsupportedButHarmless(dhcp4);
    return new Dhcp4Config(
        interfaces,
        all,
        global,
        Duration.ofSeconds(probation),
        db,
        expired,
        link,
        lenient,
        socket,
        metrics(dhcp4),
        queryRateLimits(dhcp4),
        plugins,
        ha,
        loggers,
        dhcp4,
        warnings,
        defs,
        classified,
        hosts,
        dhcp4.optBool("echo-client-id").orElse(true),
        NetworkKeys.resolve(NetworkKeys.parse(dhcp4)),
        leaseChecks(dhcp4),
        statisticDefaults(dhcp4),
        seconds(dhcp4, "parked-packet-limit", Dhcp4Defaults.PARKED_PACKET_LIMIT, 0),
        MultiThreading.parse(dhcp4, policy));
  }

  /** {@code compatibility.lenient-option-parsing} (Kea 2.2's place) or d2j's older global key. */
  private boolean lenient(ConfigMap dhcp4) {
    Optional<ConfigMap> compatibility = dhcp4.optMap("compatibility");
    compatibility.ifPresent(
        c -> policy.check(c, Set.of("lenient-option-parsing", "comment", "user-context"), false));
    return compatibility
        .flatMap(c -> c.optBool("lenient-option-parsing"))
        .or(() -> dhcp4.optBool("lenient-option-parsing"))
        .orElse(false);
  }

  /** {@code sanity-checks.lease-checks}. */
  private LeaseChecks leaseChecks(ConfigMap dhcp4) {
    Optional<ConfigMap> checks = dhcp4.optMap("sanity-checks");
    if (checks.isEmpty()) {
      return LeaseChecks.WARN;
    }
    policy.check(checks.get(), Set.of("lease-checks", "comment", "user-context"), false);
    Optional<String> mode = checks.get().optString("lease-checks");
    if (mode.isEmpty()) {
      return LeaseChecks.WARN;
    }
    return LeaseChecks.byKeaName(mode.get())
        .orElseThrow(
            () ->
                checks
                    .get()
                    .require("lease-checks")
                    .error(
                        "lease-checks must be none, warn, fix, fix-del or del, got '"
                            + mode.get()
                            + "'"));
  }

  private StatisticDefaults statisticDefaults(ConfigMap dhcp4) {
    for (String key : List.of("statistic-default-sample-count", "statistic-default-sample-age")) {
      dhcp4
          .get(key)
          .ifPresent(
              n ->
                  policy.warn(
                      n,
                      "d2j-dhcp4 keeps the latest sample of each statistic only; the limit is"
                          + " shown by config-get"));
    }
    return new StatisticDefaults(
        seconds(dhcp4, "statistic-default-sample-count", StatisticDefaults.SAMPLE_COUNT, 0),
        seconds(dhcp4, "statistic-default-sample-age", StatisticDefaults.SAMPLE_AGE, 0));
  }

  /**
   * Keys Kea 2.2 has whose every value d2j honours by behaving as it does anyway, or whose only
   * other value it refuses: the DHCPv4-over-DHCPv6 port (0 = off) and Kea's packet queue (d2j reads
   * the socket directly; the kernel's receive buffer is its queue).
   */
  private void unsupportedButHarmless(ConfigMap dhcp4) {
    Optional<Long> port = dhcp4.optLong("dhcp4o6-port");
    if (port.isPresent() && port.get() != 0) {
      throw dhcp4
          .require("dhcp4o6-port")
          .error("DHCPv4-over-DHCPv6 (RFC 7341) is " + KeyPolicy.NOT_SUPPORTED);
    }
    Optional<ConfigMap> queue = dhcp4.optMap("dhcp-queue-control");
    if (queue.isPresent()) {
      policy.check(
          queue.get(),
          Set.of("enable-queue", "queue-type", "capacity", "comment", "user-context"),
          false);
      if (queue.get().optBool("enable-queue").orElse(false)) {
        policy.warn(
            queue.get().require("enable-queue"),
            "d2j-dhcp4 has no packet queue of its own: it reads queries from the socket in"
                + " batches, and the kernel's receive buffer holds what waits");
      }
    }
  }

  private InterfacesConfig interfaces(ConfigMap dhcp4) {
    Optional<ConfigMap> found = dhcp4.optMap("interfaces-config");
    if (found.isEmpty()) {
      return InterfacesConfig.NONE;
    }
    ConfigMap config = found.get();
    policy.check(config, INTERFACES_KEYS, false);
    List<String> names = new ArrayList<>();
    for (ConfigNode item : config.optList("interfaces").map(ConfigList::items).orElse(List.of())) {
      if (!(item instanceof ConfigString s) || s.value().isBlank()) {
        throw item.error("expected an interface name, got " + item.typeName());
      }
      names.add(interfaceEntry(item, s.value().trim(), names));
    }
    String type = config.optString("dhcp-socket-type").orElse("raw");
    if (!"udp".equals(type) && !"raw".equals(type)) {
      throw config
          .require("dhcp-socket-type")
          .error("dhcp-socket-type must be raw or udp, got '" + type + "'");
    }
    String outbound = config.optString("outbound-interface").orElse("same-as-inbound");
    if (!"same-as-inbound".equals(outbound) && !"use-routing".equals(outbound)) {
      throw config
          .require("outbound-interface")
          .error(
              "outbound-interface must be same-as-inbound or use-routing, got '" + outbound + "'");
    }
    return new InterfacesConfig(
        names,
        "udp".equals(type) ? InterfacesConfig.SocketType.UDP : InterfacesConfig.SocketType.RAW,
        "use-routing".equals(outbound)
            ? InterfacesConfig.Outbound.USE_ROUTING
            : InterfacesConfig.Outbound.SAME_AS_INBOUND,
        config.optBool("re-detect").orElse(true),
        config.optBool("service-sockets-require-all").orElse(false),
        Duration.ofMillis(seconds(config, "service-sockets-retry-wait-time", 5000, 0)),
        seconds(config, "service-sockets-max-retries", 0, 0));
  }

  /**
   * One {@code interfaces} entry checked as Kea's {@code CfgIface::use} checks it, except that the
   * interface need not exist yet (it is looked up, and retried, when the server opens its sockets).
   */
  private static String interfaceEntry(ConfigNode item, String entry, List<String> earlier) {
    int slash = entry.indexOf('/');
    String name = slash < 0 ? entry : entry.substring(0, slash).trim();
    if (slash >= 0) {
      String address = entry.substring(slash + 1).trim();
      if (name.isEmpty()) {
        throw item.error("empty interface name in '" + entry + "'");
      }
      if ("*".equals(name)) {
        throw item.error("the wildcard '*' cannot be used with an address ('" + entry + "')");
      }
      if (address.isEmpty() || !(ipOrNull(address) instanceof java.net.Inet4Address)) {
        throw item.error("'" + address + "' in '" + entry + "' is not an IPv4 address");
      }
      entry = name + "/" + address;
    }
    for (String e : earlier) {
      String other = e.indexOf('/') < 0 ? e : e.substring(0, e.indexOf('/'));
      if (e.equals(entry)
          || ("*".equals(name) && "*".equals(other))
          || (other.equals(name) && (slash < 0 || e.indexOf('/') < 0))) {
        throw item.error(
            "*".equals(name)
                ? "the wildcard '*' can only be listed once"
                : "interface '" + name + "' is already listed ('" + e + "')");
      }
    }
    return entry;
  }

  private static java.net.InetAddress ipOrNull(String text) {
    try {
      return io.d2j.ncr.IpAddresses.parse(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private ExpiredLeasesProcessing expired(ConfigMap dhcp4) {
    Optional<ConfigMap> e = dhcp4.optMap("expired-leases-processing");
    e.ifPresent(map -> policy.check(map, EXPIRED_KEYS, false));
    ConfigMap map = e.orElse(null);
    return new ExpiredLeasesProcessing(
        Duration.ofSeconds(
            value(map, "reclaim-timer-wait-time", Dhcp4Defaults.RECLAIM_TIMER_WAIT_TIME)),
        Duration.ofSeconds(
            value(
                map,
                "flush-reclaimed-timer-wait-time",
                Dhcp4Defaults.FLUSH_RECLAIMED_TIMER_WAIT_TIME)),
        Duration.ofSeconds(value(map, "hold-reclaimed-time", Dhcp4Defaults.HOLD_RECLAIMED_TIME)),
        (int) value(map, "max-reclaim-leases", Dhcp4Defaults.MAX_RECLAIM_LEASES),
        Duration.ofMillis(value(map, "max-reclaim-time", Dhcp4Defaults.MAX_RECLAIM_TIME_MS)),
        (int) value(map, "unwarned-reclaim-cycles", Dhcp4Defaults.UNWARNED_RECLAIM_CYCLES));
  }

  private static long value(ConfigMap map, String key, long dflt) {
    return map == null ? dflt : seconds(map, key, dflt, 0);
  }

  private Optional<Path> controlSocket(ConfigMap dhcp4) {
    Optional<ConfigMap> socket = dhcp4.optMap("control-socket");
    if (socket.isEmpty()) {
      return Optional.empty();
    }
    policy.check(socket.get(), SOCKET_KEYS, false);
    String type = socket.get().optString("socket-type").orElse("unix");
    if (!"unix".equals(type)) {
      throw socket
          .get()
          .require("socket-type")
          .error("socket-type must be unix, got '" + type + "'");
    }
    String name = socket.get().requireString("socket-name");
    if (name.isBlank()) {
      throw socket.get().require("socket-name").error("socket-name must not be blank");
    }
    return Optional.of(
        guard.admit(socket.get(), "socket-name", baseDir, FileArea.SOCKET, PathKind.SOCKET));
  }

  /**
   * {@code user-context.d2j.metrics: {"address": "127.0.0.1", "port": 9581}}: d2j's settings live
   * in user-context so that the file still loads in Kea; inside {@code d2j} unknown keys are
   * errors. The port is required; the address is an address literal, loopback when left out.
   */
  private static Optional<java.net.InetSocketAddress> metrics(ConfigMap dhcp4) {
    Optional<ConfigMap> d2j = dhcp4.optMap("user-context").flatMap(c -> c.optMap("d2j"));
    if (d2j.isEmpty()) {
      return Optional.empty();
    }
    d2j.get().rejectUnknownKeys(D2J_KEYS);
    Optional<ConfigMap> found = d2j.get().optMap("metrics");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    ConfigMap metrics = found.get();
    metrics.rejectUnknownKeys(Set.of("address", "port"));
    String text = metrics.optString("address").orElse("127.0.0.1");
    java.net.InetAddress address;
    try {
      address = io.d2j.ncr.IpAddresses.parse(text);
    } catch (IllegalArgumentException e) {
      throw metrics.require("address").error("'" + text + "' is not an IPv4 or IPv6 address");
    }
    if (!metrics.has("port")) {
      throw metrics.error("metrics: port is required (e.g. \"port\": 9581)");
    }
    long port = metrics.requireLong("port");
    if (port < 1 || port > 65535) {
      throw metrics.require("port").error("port must be between 1 and 65535, got " + port);
    }
    return Optional.of(new java.net.InetSocketAddress(address, (int) port));
  }

  /** The keys of {@code user-context.d2j}: d2j's own settings. */
  private static final Set<String> D2J_KEYS = Set.of("metrics", "query-rate-limit");

  /**
   * {@code user-context.d2j.query-rate-limit} ({@link QueryRateLimits}): {@code per-client} and
   * {@code per-relay} each {@code {"per-second": N, "burst": M}} ({@code per-second} required,
   * {@code burst} defaults to it), {@code max-tracked} how many of each are remembered.
   */
  private static QueryRateLimits queryRateLimits(ConfigMap dhcp4) {
    Optional<ConfigMap> found =
        dhcp4
            .optMap("user-context")
            .flatMap(c -> c.optMap("d2j"))
            .flatMap(c -> c.optMap("query-rate-limit"));
    if (found.isEmpty()) {
      return QueryRateLimits.OFF;
    }
    ConfigMap limits = found.get();
    limits.rejectUnknownKeys(Set.of("per-client", "per-relay", "max-tracked", "comment"));
    long tracked =
        ranged(limits, "max-tracked", QueryRateLimits.DEFAULT_MAX_TRACKED, 1, 16_777_216);
    return new QueryRateLimits(
        limits.optMap("per-client").map(Dhcp4ConfigParser::rate),
        limits.optMap("per-relay").map(Dhcp4ConfigParser::rate),
        (int) tracked);
  }

  private static QueryRateLimits.Rate rate(ConfigMap r) {
    r.rejectUnknownKeys(Set.of("per-second", "burst", "comment"));
    if (!r.has("per-second")) {
      throw r.error("missing mandatory 'per-second' (queries a second, sustained)");
    }
    long perSecond = ranged(r, "per-second", 1, 1, 10_000_000);
    return new QueryRateLimits.Rate(perSecond, ranged(r, "burst", perSecond, 1, 100_000_000));
  }

  private static long ranged(ConfigMap m, String key, long dflt, long min, long max) {
    if (!m.has(key)) {
      return dflt;
    }
    long v = m.requireLong(key);
    if (v < min || v > max) {
      throw m.require(key).error(key + " must be between " + min + " and " + max + ", got " + v);
    }
    return v;
  }

  /**
   * The {@code hooks-libraries} entries: {@code d2j:NAME} plugins go to {@code plugins}; Kea's
   * {@code libdhcp_lease_cmds.so} (in any directory) is accepted, as d2j-dhcp4 always serves the
   * lease commands; Kea's {@code libdhcp_ha.so} is parsed into the HA relationship returned. Any
   * other library is an error.
   */
  private Optional<HaConfig> hooks(ConfigMap dhcp4, List<PluginSpec> plugins) {
    Optional<HaConfig> ha = Optional.empty();
    boolean leaseCommands = false;
    for (ConfigNode item :
        dhcp4.optList("hooks-libraries").map(ConfigList::items).orElse(List.of())) {
      ConfigMap hook = asMap(item);
      policy.check(hook, HOOK_KEYS, false);
      String library = hook.requireString("library");
      String file = library.substring(library.lastIndexOf('/') + 1);
      if (LEASE_CMDS.equals(file) || HA.equals(file)) {
        boolean isHa = HA.equals(file);
        if (isHa ? ha.isPresent() : leaseCommands) {
          throw hook.require("library").error(file + " is listed twice");
        }
        if (isHa) {
          if (!hook.has("parameters")) {
            throw hook.error(file + " needs parameters with 'high-availability'");
          }
          ha =
              Optional.of(
                  new HaConfigParser(warnings, guard, baseDir)
                      .parse(hook.requireMap("parameters")));
        } else {
          // d2j-dhcp4 serves lease4-add, lease4-get, ... itself; the entry only has to be valid.
          hook.optMap("parameters").ifPresent(p -> p.rejectUnknownKeys(Set.of("comment")));
          leaseCommands = true;
        }
        continue;
      }
      if (!library.startsWith(PLUGIN_PREFIX) || library.length() == PLUGIN_PREFIX.length()) {
        throw hook.require("library")
            .error(
                "Kea hook libraries cannot be loaded by d2j-dhcp4;"
                    + " name a d2j plugin as \"d2j:NAME\", got '"
                    + library
                    + "'");
      }
      ConfigMap args =
          hook.optMap("parameters")
              .orElseGet(() -> KeaConfigReader.parse("{}", library + " (no parameters)"));
      plugins.add(
          new PluginSpec(library.substring(PLUGIN_PREFIX.length()), args, hook.require("library")));
    }
    if (ha.isPresent() && !leaseCommands) {
      warnings.add(
          "/Dhcp4/hooks-libraries: libdhcp_ha.so without libdhcp_lease_cmds.so: a Kea partner"
              + " needs both; d2j-dhcp4 serves the lease commands either way");
    }
    return ha;
  }

  private static long seconds(ConfigMap map, String key, long dflt, long min) {
    long v = map.optLong(key).orElse(dflt);
    if (v < min || v > 0xFFFF_FFFFL) {
      throw map.require(key).error(key + " must be between " + min + " and 4294967295, got " + v);
    }
    return v;
  }

  static ConfigMap asMap(ConfigNode node) {
    if (node instanceof ConfigMap map) {
      return map;
    }
    throw node.error("expected a map, got " + node.typeName());
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    java.util.HashSet<String> out = new java.util.HashSet<>(a);
    out.addAll(b);
    return Set.copyOf(out);
  }
}
