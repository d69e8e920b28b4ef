package io.d2j.dhcp4.control;

import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.log.Dhcp4Log;
import io.d2j.keacontrol.CommandRegistry;
import io.d2j.keacontrol.commands.DaemonTarget;
import io.d2j.keacontrol.commands.KeaDialect;
import io.d2j.keacontrol.commands.StandardCommands;
import io.d2j.keacontrol.commands.VersionInfo;
import io.d2j.keacontrol.stats.Statistics;
import java.time.Clock;
import java.util.Optional;

/**
 * kea-dhcp4's command set: kea-control's standard commands with kea-dhcp4's texts (Kea 2.2's
 * ctrl_dhcp4_srv.cc), and the lease commands.
 */
public final class Dhcp4Commands {

  /** How kea-dhcp4 words the standard commands. */
  public static final KeaDialect DIALECT =
      new KeaDialect(
          "Dhcp4",
          "Configuration seems sane. Control-socket, hook-libraries, and D2 configuration were"
              + " sanity checked, but not applied.",
          others -> {
            StringBuilder text = new StringBuilder("Unsupported '").append(others.get(0));
            text.append("' parameter");
            others.stream().skip(1).forEach(o -> text.append(" (and '").append(o).append("')"));
            return text.append('.').toString();
          },
          "Configuration successful.",
          "Config reload failed: ",
          (file, e) -> "Error writing configuration to " + file,
          new KeaDialect.LogIds(
              Dhcp4Log.DHCP4_CONFIG_LOAD_FAIL,
              Dhcp4Log.DHCP4_DYNAMIC_RECONFIGURATION_FAIL,
              Dhcp4Log.DHCP4_CONFIG_UNSUPPORTED_OBJECT,
              Optional.of(Dhcp4Log.DHCP4_DYNAMIC_RECONFIGURATION),
              Optional.of(Dhcp4Log.DHCP4_DYNAMIC_RECONFIGURATION_SUCCESS)));

  private Dhcp4Commands() {}

  /** Registers the standard commands and the lease commands over the running server. */
  public static <T extends DaemonTarget<Dhcp4Config> & LeaseTarget> CommandRegistry registerAll(
      CommandRegistry registry, T target, Statistics stats, Clock clock, VersionInfo version) {
    StandardCommands.registerAll(registry, target, DIALECT, stats, clock, version);
    new LeaseCommands(target, clock).registerAll(registry);
    return registry;
  }
}
