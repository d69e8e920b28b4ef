package io.d2j.keacontrol.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.d2j.keacontrol.CommandRegistry;
import io.d2j.keacontrol.stats.Statistics;
import java.time.Clock;

/**
 * The commands every Kea daemon answers (d2-behaviour.md §9.3), registered over one {@link
 * DaemonTarget}: {@code build-report}, {@code version-get}, {@code status-get}, {@code shutdown},
 * {@code statistic-get}, {@code statistic-get-all}, {@code statistic-reset}, {@code
 * statistic-reset-all}, {@code config-get}, {@code config-hash-get}, {@code config-test}, {@code
 * config-set}, {@code config-reload}, {@code config-write}; {@code list-commands} is the registry's
 * own. A daemon adds its own commands beside them (D2's backlog, DHCPv4's leases).
 *
 * <pre>{@code
 * CommandRegistry registry = new CommandRegistry("kea-dhcp4");
 * StandardCommands.registerAll(registry, target, Dhcp4Dialect.KEA, stats, clock, version);
 * new LeaseCommands(target, clock).registerAll(registry);
 * }</pre>
 */
public final class StandardCommands {

  private StandardCommands() {}

  /**
   * @param clock for status-get's seconds and the statistics' time zone (Kea prints local time)
   */
  public static <C> CommandRegistry registerAll(
      CommandRegistry registry,
      DaemonTarget<C> target,
      KeaDialect dialect,
      Statistics stats,
      Clock clock,
      VersionInfo version) {
    new ConfigCommands<>(target, dialect).registerAll(registry);
    new ServerCommands(target, stats, clock, version).registerAll(registry);
    return registry;
  }

  /**
   * The hash config-get and config-hash-get show: SHA-256 of the rendered configuration's compact
   * JSON text, in upper-case hex as Kea prints it.
   */
  public static String configHash(ObjectNode rendered) {
    return ConfigCommands.hash(rendered);
  }
}
