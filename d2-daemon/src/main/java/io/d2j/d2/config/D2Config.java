package io.d2j.d2.config;

import io.d2j.d2.domain.DdnsDomain;
import io.d2j.d2.transaction.TransactionPolicy;
import io.d2j.keaconfig.ConfigMap;
import io.d2j.keacontrol.logging.LoggerSpec;
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
 * @param loggers the {@code loggers} list, in order (empty: the built-in default logging)
 * @param d2j d2j's own settings from {@code user-context.d2j}
 * @param source the parsed {@code DhcpDdns} map (for config-get and error positions)
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
    List<LoggerSpec> loggers,
    D2jSettings d2j,
    ConfigMap source,
    List<String> warnings) {

  public D2Config {
    Objects.requireNonNull(ipAddress, "ipAddress");
    Objects.requireNonNull(dnsServerTimeout, "dnsServerTimeout");
    Objects.requireNonNull(controlSocket, "controlSocket");
    Objects.requireNonNull(d2j, "d2j");
    Objects.requireNonNull(source, "source");
    tsigKeys = List.copyOf(tsigKeys);
    forwardDomains = List.copyOf(forwardDomains);
    reverseDomains = List.copyOf(reverseDomains);
    loggers = List.copyOf(loggers);
    warnings = List.copyOf(warnings);
  }

  /**
   * The transaction settings this configuration asks for: the YXRRSET-on-remove rule from {@code
   * user-context.d2j}, Kea's fixed retry counts otherwise.
   */
  public TransactionPolicy policy() {
    TransactionPolicy base = TransactionPolicy.DEFAULT;
    return new TransactionPolicy(
        d2j.yxrrsetOnRemove().rule(), base.triesPerServer(), base.maxStepChanges());
  }
}
