package io.d2j.dhcp4.config;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.options.OptionSpaces;
import java.util.Objects;

/**
 * One configured option, already encoded for the wire (a {@code dhcp4} option that encapsulates
 * another space carries the same scope's options of that space in its payload).
 *
 * @param space {@code dhcp4}, {@code vendor-N} (a sub-option of option 125 for enterprise N) or a
 *     space some option encapsulates
 * @param code 1-254 in {@code dhcp4}, 0-255 elsewhere
 * @param data the payload (without code and length octets)
 * @param alwaysSend send it even when the client did not ask for it in option 55
 */
public record OptionData(String space, int code, Octets data, boolean alwaysSend) {

  public OptionData {
    Objects.requireNonNull(space, "space");
    Objects.requireNonNull(data, "data");
    boolean dhcp4 = OptionSpaces.DHCP4.equals(space);
    if (dhcp4 ? code < 1 || code > 254 : code < 0 || code > 255) {
      throw new IllegalArgumentException(
          "option code " + code + " is outside " + (dhcp4 ? "1-254" : "0-255"));
    }
  }

  /** A {@code dhcp4} option. */
  public OptionData(int code, Octets data, boolean alwaysSend) {
    this(OptionSpaces.DHCP4, code, data, alwaysSend);
  }

  /** Whether it is a top-level option (not a sub-option of some space). */
  public boolean isDhcp4() {
    return OptionSpaces.DHCP4.equals(space);
  }
}
