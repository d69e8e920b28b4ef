package io.d2j.dhcp4.net;

import java.net.Inet4Address;
import java.util.Optional;

/**
 * One datagram received for the server, and where it came in.
 *
 * @param payload the UDP payload (the DHCP message)
 * @param via the served interface it belongs to; empty when the transport cannot tell (the JDK
 *     fallback)
 * @param arrivalIndex the kernel index of the interface it arrived on (0 when unknown): a relay's
 *     query for one served interface's address may arrive on another
 * @param source the sender's address and port
 * @param destination the address it was sent to (255.255.255.255 for a broadcast); null when
 *     unknown
 * @param sourceMac the sender's link-layer address (raw sockets only; else empty)
 */
public record Inbound(
    byte[] payload,
    Optional<ListenPlan.Served> via,
    int arrivalIndex,
    Inet4Address source,
    int sourcePort,
    Inet4Address destination,
    byte[] sourceMac) {

  @Override
  public String toString() {
    return source.getHostAddress()
        + ":"
        + sourcePort
        + via.map(v -> " on " + v.nic().name()).orElse("");
  }
}
