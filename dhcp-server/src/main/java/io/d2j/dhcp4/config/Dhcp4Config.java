package io.d2j.dhcp4.config;

import io.d2j.dhcp4.ddns.DhcpDdns;
import io.d2j.dhcp4.ha.HaConfig;
import io.d2j.dhcp4.options.OptionSpaces;
import io.d2j.keaconfig.ConfigMap;
import io.d2j.keacontrol.logging.LoggerSpec;
import java.net.Inet4Address;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable, validated {@code Dhcp4} configuration (the subset d2j-dhcp4 implements; see the
 * module README).
 *
 * @param interfaces {@code interfaces-config}: the interfaces to serve and how
 * @param subnets every subnet, shared-network members included, in file order
 * @param globalOptions the global option-data (the lowest rank: below the subnets' and the
 *     classes')
 * @param declineProbationPeriod how long a declined address stays out of use
 * @param leaseDatabase memfile or PostgreSQL
 * @param expiredLeases the reclamation settings
 * @param dhcpDdns the link to D2 ({@code dhcp-ddns})
 * @param lenientOptionParsing {@code compatibility.lenient-option-parsing}: option 81 with N and S
 *     set is read as S instead of dropping the query (the only lenient rule d2j implements)
 * @param controlSocket the unix control socket path, if configured
 * @param metrics where the Prometheus {@code /metrics} listener binds ({@code
 *     user-context.d2j.metrics}); empty (the default): none
 * @param queryRateLimits per-client and per-relay query limits ({@code
 *     user-context.d2j.query-rate-limit}); off by default
 * @param plugins third-party handlers ({@code hooks-libraries} entries named {@code d2j:NAME})
 * @param highAvailability the HA relationship of a {@code libdhcp_ha.so} hook entry, if any
 * @param loggers Kea's {@code loggers} block, applied to Logback by the command line
 * @param source the {@code Dhcp4} map as read (for config-get)
 * @param warnings settings accepted with a warning, each starting with its JSON path
 * @param optionDefinitions built-in and {@code option-def} definitions
 * @param clientClasses {@code client-classes}
 * @param hosts host reservation settings and every reservation
 * @param echoClientId {@code echo-client-id}: echo option 61 in replies (RFC 6842)
 * @param globalPolicy the global {@link SubnetPolicy} (for queries no subnet serves)
 * @param leaseChecks {@code sanity-checks.lease-checks}
 * @param statistics {@code statistic-default-*}
 * @param parkedPacketLimit {@code parked-packet-limit} (HA parks replies; 0 = no limit)
 * @param multiThreading {@code multi-threading}
 */
public record Dhcp4Config(
    InterfacesConfig interfaces,
    List<Subnet4> subnets,
    List<OptionData> globalOptions,
    Duration declineProbationPeriod,
    LeaseDatabase leaseDatabase,
    ExpiredLeasesProcessing expiredLeases,
    DhcpDdns dhcpDdns,
    boolean lenientOptionParsing,
    Optional<Path> controlSocket,
    Optional<java.net.InetSocketAddress> metrics,
    QueryRateLimits queryRateLimits,
    List<PluginSpec> plugins,
    Optional<HaConfig> highAvailability,
    List<LoggerSpec> loggers,
    ConfigMap source,
    List<String> warnings,
    OptionSpaces optionDefinitions,
    ClassDictionary clientClasses,
    Hosts hosts,
    boolean echoClientId,
    SubnetPolicy globalPolicy,
    LeaseChecks leaseChecks,
    StatisticDefaults statistics,
    long parkedPacketLimit,
    MultiThreading multiThreading) {

  public Dhcp4Config {
    Objects.requireNonNull(interfaces, "interfaces");
    subnets = List.copyOf(subnets);
    globalOptions = List.copyOf(globalOptions);
    plugins = List.copyOf(plugins);
    loggers = List.copyOf(loggers);
    warnings = List.copyOf(warnings);
    Objects.requireNonNull(declineProbationPeriod, "declineProbationPeriod");
    Objects.requireNonNull(leaseDatabase, "leaseDatabase");
    Objects.requireNonNull(expiredLeases, "expiredLeases");
    Objects.requireNonNull(dhcpDdns, "dhcpDdns");
    Objects.requireNonNull(controlSocket, "controlSocket");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(queryRateLimits, "queryRateLimits");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(optionDefinitions, "optionDefinitions");
    Objects.requireNonNull(clientClasses, "clientClasses");
    Objects.requireNonNull(hosts, "hosts");
    Objects.requireNonNull(globalPolicy, "globalPolicy");
    Objects.requireNonNull(leaseChecks, "leaseChecks");
    Objects.requireNonNull(statistics, "statistics");
    Objects.requireNonNull(multiThreading, "multiThreading");
    Objects.requireNonNull(highAvailability, "highAvailability");
  }

  /** The subnet with this id. */
  public Optional<Subnet4> subnet(long id) {
    return subnets.stream().filter(s -> s.id() == id).findFirst();
  }

  /** The server identifier configured as global option-data (option 54), if any. */
  public Optional<Inet4Address> configuredServerId() {
    return globalOptions.stream()
        .filter(o -> o.isDhcp4() && o.code() == 54 && o.data().length() == 4)
        .findFirst()
        .map(
            o ->
                Addresses.fromLong(
                    ((long) o.data().get(0) << 24)
                        | (o.data().get(1) << 16)
                        | (o.data().get(2) << 8)
                        | o.data().get(3)));
  }
}
