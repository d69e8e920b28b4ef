package io.d2j.dhcp4.handler;

import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.ha.ScopeFilter;
import io.d2j.dhcp4.lease.LeaseEvents;
import io.d2j.dhcp4.lease.LeaseStore;
import io.d2j.keacontrol.stats.Statistics;
import java.time.Clock;
import java.util.Objects;

/**
 * What plugins get when they are built: the configuration, the lease store, the lease-event
 * listener, the server's statistics and HA's scope filter. Built once per configuration in the
 * composition root.
 */
public record PluginContext(
    Dhcp4Config config,
    LeaseStore leases,
    LeaseEvents events,
    Statistics stats,
    ScopeFilter haFilter) {

  public PluginContext {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(leases, "leases");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(stats, "stats");
    Objects.requireNonNull(haFilter, "haFilter");
  }

  /** Without HA: the {@code ha} slot passes every query. */
  public PluginContext(
      Dhcp4Config config, LeaseStore leases, LeaseEvents events, Statistics stats) {
    this(config, leases, events, stats, ScopeFilter.ALL);
  }

  /** With statistics of their own and no HA (tests that do not look at them). */
  public PluginContext(Dhcp4Config config, LeaseStore leases, LeaseEvents events) {
    this(config, leases, events, new Statistics(Clock.systemUTC()));
  }
}
