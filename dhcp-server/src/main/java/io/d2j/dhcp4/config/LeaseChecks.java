package io.d2j.dhcp4.config;

import java.util.Optional;

/**
 * {@code sanity-checks.lease-checks}: what to do with a stored lease whose subnet id does not match
 * the subnet its address now belongs to (after a configuration change), when leases are loaded or
 * added by a command.
 */
public enum LeaseChecks {
  /** Keep it as it is. */
  NONE("none"),
  /** Keep it and log a warning (Kea's default). */
  WARN("warn"),
  /** Move it to the subnet its address belongs to; keep it unchanged if there is none. */
  FIX("fix"),
  /** Move it to the subnet its address belongs to; delete it if there is none. */
  FIX_DEL("fix-del"),
  /** Delete it. */
  DEL("del");

  private final String keaName;

  LeaseChecks(String keaName) {
    this.keaName = keaName;
  }

  public String keaName() {
    return keaName;
  }

  public static Optional<LeaseChecks> byKeaName(String name) {
    for (LeaseChecks c : values()) {
      if (c.keaName.equals(name)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
