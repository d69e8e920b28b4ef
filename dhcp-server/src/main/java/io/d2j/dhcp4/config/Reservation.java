package io.d2j.dhcp4.config;

import io.d2j.dhcp4.Octets;
import java.net.Inet4Address;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A host reservation of a subnet, identified by exactly one of hardware address or client id.
 *
 * @param hwAddress the hardware address, or empty
 * @param clientId the whole option-61 payload, or empty
 * @param ipAddress the reserved address, if any (a reservation may carry only a name or options)
 * @param hostname the reserved host name, or empty
 * @param options reservation-scope option-data (override every other scope)
 */
public record Reservation(
    Octets hwAddress,
    Octets clientId,
    Optional<Inet4Address> ipAddress,
    String hostname,
    List<OptionData> options) {

  public Reservation {
    Objects.requireNonNull(hwAddress, "hwAddress");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(ipAddress, "ipAddress");
    Objects.requireNonNull(hostname, "hostname");
    options = List.copyOf(options);
    if (hwAddress.isEmpty() == clientId.isEmpty()) {
      throw new IllegalArgumentException(
          "a reservation needs exactly one identifier: hw-address or client-id");
    }
  }

  /** Whether this reservation is for a client with these identifiers. */
  public boolean matches(Octets clientHwAddress, Octets clientClientId) {
    return hwAddress.isEmpty()
        ? !clientClientId.isEmpty() && clientId.equals(clientClientId)
        : hwAddress.equals(clientHwAddress);
  }
}
