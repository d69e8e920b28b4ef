package io.d2j.dhcp4.net;

import java.net.Inet4Address;

/**
 * A reply and where it goes.
 *
 * @param payload the DHCP message
 * @param inReplyTo the query's datagram (which interface, which local address)
 * @param to the IP destination
 * @param port the UDP destination port
 * @param relayed whether {@code to} is a relay agent (routed; never a link-layer unicast)
 * @param clientMac the client's hardware address (chaddr, when Ethernet): the link-layer
 *     destination of a unicast to a client that has no address yet
 */
public record Outbound(
    byte[] payload,
    Inbound inReplyTo,
    Inet4Address to,
    int port,
    boolean relayed,
    byte[] clientMac) {

  @Override
  public String toString() {
    return to.getHostAddress() + ":" + port;
  }
}
