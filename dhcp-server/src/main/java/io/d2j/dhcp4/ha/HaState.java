package io.d2j.dhcp4.ha;

import java.util.Optional;

/**
 * The states of the HA state machine (spec §6.3), named as heartbeats, {@code status-get} and
 * {@code state-machine.states[].state} spell them. {@link #UNAVAILABLE} is the pseudo-state this
 * server records for a partner that did not answer; no server is ever in it.
 */
public enum HaState {
  BACKUP("backup"),
  COMMUNICATION_RECOVERY("communication-recovery"),
  HOT_STANDBY("hot-standby"),
  LOAD_BALANCING("load-balancing"),
  IN_MAINTENANCE("in-maintenance"),
  PARTNER_DOWN("partner-down"),
  PARTNER_IN_MAINTENANCE("partner-in-maintenance"),
  PASSIVE_BACKUP("passive-backup"),
  READY("ready"),
  SYNCING("syncing"),
  TERMINATED("terminated"),
  WAITING("waiting"),
  UNAVAILABLE("unavailable");

  private final String wire;

  HaState(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** The name in upper case, as Kea's log lines show states ({@code PARTNER-DOWN}). */
  public String logName() {
    return this == UNAVAILABLE ? "UNDEFINED" : wire.toUpperCase(java.util.Locale.ROOT);
  }

  public static Optional<HaState> fromWire(String text) {
    for (HaState s : values()) {
      if (s.wire.equals(text)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
