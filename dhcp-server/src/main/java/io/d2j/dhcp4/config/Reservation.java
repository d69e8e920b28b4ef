package io.d2j.dhcp4.config;

import io.d2j.dhcp4.Octets;
import java.net.Inet4Address;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A host reservation, of a subnet or global ({@code Dhcp4.reservations}).
 *
 * @param identifier the one identifier it is keyed by
 * @param ipAddress the reserved address, if any (a reservation may carry only a name or options)
 * @param hostname the reserved host name, or empty
 * @param options reservation-scope option-data (override every other scope)
 * @param clientClasses classes the host joins ({@code client-classes})
 * @param nextServer {@code next-server} (siaddr), if set
 * @param serverHostname {@code server-hostname} (sname), or ""
 * @param bootFileName {@code boot-file-name} (file), or ""
 */
public record Reservation(
    HostIdentifier identifier,
    Optional<Inet4Address> ipAddress,
    String hostname,
    List<OptionData> options,
    List<String> clientClasses,
    Optional<Inet4Address> nextServer,
    String serverHostname,
    String bootFileName) {

  public Reservation {
    Objects.requireNonNull(identifier, "identifier");
    Objects.requireNonNull(ipAddress, "ipAddress");
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(nextServer, "nextServer");
    Objects.requireNonNull(serverHostname, "serverHostname");
    Objects.requireNonNull(bootFileName, "bootFileName");
    options = List.copyOf(options);
    clientClasses = List.copyOf(clientClasses);
  }

  /** The reserved hardware address, or empty when keyed otherwise. */
  public Octets hwAddress() {
    return identifier.type() == HostIdentifier.Type.HW_ADDRESS ? identifier.value() : Octets.EMPTY;
  }

  /** The reserved option-61 payload, or empty when keyed otherwise. */
  public Octets clientId() {
    return identifier.type() == HostIdentifier.Type.CLIENT_ID ? identifier.value() : Octets.EMPTY;
  }
}
