package io.d2j.d2.config;

import io.d2j.keaconfig.ConfigMap;
import io.d2j.tsig.TsigKeySpec;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable, validated {@code DhcpDdns} configuration snapshot. Built only by {@link
 * D2ConfigParser}; swapped whole on reconfiguration.
 *
 * @param controlSocket the unix command socket, if configured
 * @param source the parsed configuration tree (for config-get and error positions)
 * @param warnings load-time warnings (already formatted with their JSON path) for the operator
 */
public record D2Config(
    InetAddress ipAddress,
    int port,
    Duration dnsServerTimeout,
    List<TsigKeySpec> tsigKeys,
    List<DdnsDomain> forwardDomains,
    List<DdnsDomain> reverseDomains,
    Optional<ControlSocketSpec> controlSocket,
    ConfigMap source,
    List<String> warnings) {

  public D2Config {
    Objects.requireNonNull(ipAddress, "ipAddress");
    Objects.requireNonNull(dnsServerTimeout, "dnsServerTimeout");
    Objects.requireNonNull(controlSocket, "controlSocket");
    Objects.requireNonNull(source, "source");
    tsigKeys = List.copyOf(tsigKeys);
    forwardDomains = List.copyOf(forwardDomains);
    reverseDomains = List.copyOf(reverseDomains);
    warnings = List.copyOf(warnings);
  }
}
