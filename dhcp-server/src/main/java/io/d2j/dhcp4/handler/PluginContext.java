package io.d2j.dhcp4.handler;

import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.lease.LeaseEvents;
import io.d2j.dhcp4.lease.LeaseStore;
import io.d2j.keacontrol.stats.Statistics;
import java.time.Clock;
import java.util.Objects;

/**
 * What plugins get when they are built: the configuration, the lease store, the lease-event
 * listener and the server's statistics. Built once per configuration in the composition root.
 */
public record PluginContext(
    Dhcp4Config config, LeaseStore leases, LeaseEvents events, Statistics stats) {

  public PluginContext {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(leases, "leases");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(stats, "stats");
  }

  /** With statistics of their own (tests that do not look at them). */
  public PluginContext(Dhcp4Config config, LeaseStore leases, LeaseEvents events) {
    this(config, leases, events, new Statistics(Clock.systemUTC()));
  }
}
