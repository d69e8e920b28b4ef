package io.d2j.dhcp4.ha;

import java.util.Optional;

/**
 * {@code state-machine.states[].pause}: whether the machine stops on entering a state until an
 * operator sends {@code ha-continue} (spec §6.2).
 */
public enum StatePausing {
  /** Pause every time the state is entered. */
  ALWAYS("always"),
  /** Never pause (the default). */
  NEVER("never"),
  /** Pause the first time the state is entered after start or reconfiguration. */
  ONCE("once");

  private final String wire;

  StatePausing(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<StatePausing> fromWire(String text) {
    for (StatePausing p : values()) {
      if (p.wire.equals(text)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
