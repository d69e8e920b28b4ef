package io.d2j.d2.control;

import io.d2j.d2.stats.Statistics;
import io.d2j.keacontrol.CommandRegistry;
import java.time.Clock;

/** Kea's D2 command set (d2-behaviour.md §9.3), registered into a registry the runtime owns. */
public final class D2Commands {

  private D2Commands() {}

  /**
   * Registers build-report, config-*, shutdown, status-get, statistic-*, version-get.
   *
   * @param clock for status-get's seconds and the statistics' time zone (Kea prints local time)
   */
  public static CommandRegistry registerAll(
      CommandRegistry registry,
      ControlTarget target,
      Statistics stats,
      Clock clock,
      VersionInfo version) {
    new ConfigCommands(target).registerAll(registry);
    new ServerCommands(target, stats, clock, version).registerAll(registry);
    return registry;
  }
}
