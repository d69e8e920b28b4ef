package io.d2j.dhcp4.ha;

import java.util.Optional;

/** A peer's {@code role} (spec §6.2). */
public enum HaRole {
  PRIMARY("primary"),
  SECONDARY("secondary"),
  STANDBY("standby"),
  BACKUP("backup");

  private final String wire;

  HaRole(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<HaRole> fromWire(String text) {
    for (HaRole r : values()) {
      if (r.wire.equals(text)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
