package io.d2j.dhcp4.ddns;

import java.util.Arrays;
import java.util.Optional;

/**
 * {@code ddns-replace-client-name}: whether the server keeps the name a client sent or makes one
 * from the leased address (spec §1.4).
 */
public enum ReplaceClientName {
  /** Use the client's name; never make one up (an empty option-81 name is still generated). */
  NEVER("never"),
  /** Discard any client name and always generate one, even when the client sent no option. */
  ALWAYS("always"),
  /** Discard the client's name when it sent one; give nothing to a client that sent none. */
  WHEN_PRESENT("when-present"),
  /** Keep the client's name; generate one only when it sent none. */
  WHEN_NOT_PRESENT("when-not-present");

  private final String keaName;

  ReplaceClientName(String keaName) {
    this.keaName = keaName;
  }

  /** The configuration spelling, e.g. {@code when-not-present}. */
  public String keaName() {
    return keaName;
  }

  /** Whether a name the client sent is thrown away. */
  boolean discardsClientName() {
    return this == ALWAYS || this == WHEN_PRESENT;
  }

  /** Whether a client that sent no name option still gets a generated one (as option 12). */
  boolean generatesWithoutOption() {
    return this == ALWAYS || this == WHEN_NOT_PRESENT;
  }

  /** The mode spelled {@code name}, if any. */
  public static Optional<ReplaceClientName> fromKeaName(String name) {
    return Arrays.stream(values()).filter(m -> m.keaName.equals(name)).findFirst();
  }
}
