package io.d2j.dhcp4.control;

import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.lease.LeaseEvents;
import io.d2j.dhcp4.lease.LeaseStore;

/**
 * What the lease commands act on: the running server's configuration and lease store, implemented
 * by the runtime (the standard commands see it as a kea-control {@code DaemonTarget}).
 */
public interface LeaseTarget {

  /** The configuration in force. */
  Dhcp4Config config();

  /** The lease store of the configuration in force (a reload opens it again). */
  LeaseStore leases();

  /**
   * Where lease changes that should reach DNS are reported ({@code lease4-del} with {@code
   * "update-ddns": true}); by default nowhere.
   */
  default LeaseEvents leaseEvents() {
    return LeaseEvents.NONE;
  }
}
