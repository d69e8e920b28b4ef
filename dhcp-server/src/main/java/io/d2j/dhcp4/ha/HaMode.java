package io.d2j.dhcp4.ha;

import java.util.Optional;

/** How the servers of an HA relationship share the work ({@code mode}, spec §6.2). */
public enum HaMode {
  /** Two active servers, each answering the clients the RFC 3074 hash gives it. */
  LOAD_BALANCING("load-balancing"),
  /** The primary answers every client; the standby takes over when the primary fails. */
  HOT_STANDBY("hot-standby"),
  /** One primary answers every client and copies its leases to backups; no failover. */
  PASSIVE_BACKUP("passive-backup");

  private final String wire;

  HaMode(String wire) {
    this.wire = wire;
  }

  /** The name as configurations and {@code status-get} spell it. */
  public String wire() {
    return wire;
  }

  public static Optional<HaMode> fromWire(String text) {
    for (HaMode m : values()) {
      if (m.wire.equals(text)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
