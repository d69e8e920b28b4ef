package io.d2j.dhcp4.alloc;

import java.net.Inet4Address;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a query came in, as subnet selection needs it (Kea's {@code SubnetSelector}): the served
 * interface's name and addresses, and whether the query was sent to a broadcast address (then
 * ciaddr and the source address say nothing about the link).
 *
 * @param interfaceName the interface; empty when the transport cannot tell
 * @param addresses its IPv4 addresses served, in preference order
 * @param broadcast the query's destination was a broadcast address; false when not known
 */
public record Ingress(
    Optional<String> interfaceName, List<Inet4Address> addresses, boolean broadcast) {

  public Ingress {
    Objects.requireNonNull(interfaceName, "interfaceName");
    addresses = List.copyOf(addresses);
  }

  /** Only the addresses are known (no interface name, destination unknown). */
  public static Ingress addresses(List<Inet4Address> addresses) {
    return new Ingress(Optional.empty(), addresses, false);
  }
}
