package io.d2j.dhcp4.config;

import io.d2j.dhcp4.Octets;
import java.util.Objects;

/**
 * One configured option, already encoded for the wire.
 *
 * @param code the DHCPv4 option code, 1-254
 * @param data the payload (without code and length octets)
 * @param alwaysSend send it even when the client did not ask for it in option 55
 */
public record OptionData(int code, Octets data, boolean alwaysSend) {

  public OptionData {
    Objects.requireNonNull(data, "data");
    if (code < 1 || code > 254) {
      throw new IllegalArgumentException("option code " + code + " is outside 1-254");
    }
  }
}
