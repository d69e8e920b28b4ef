package io.d2j.dhcp4.handler;

import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.lease.LeaseEvents;
import io.d2j.dhcp4.lease.LeaseStore;
import java.util.Objects;

/**
 * What plugins get when they are built: the configuration, the lease store and the lease-event
 * listener. Built once per configuration in the composition root.
 */
public record PluginContext(Dhcp4Config config, LeaseStore leases, LeaseEvents events) {

  public PluginContext {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(leases, "leases");
    Objects.requireNonNull(events, "events");
  }
}
