package io.d2j.dhcp4.runtime;

import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpPacket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.OptionalInt;

/**
 * Where a reply goes (RFC 2131 §4.1), with kea-dhcp4's {@code -P}: when given, every reply goes to
 * that port.
 *
 * <ol>
 *   <li>relayed (giaddr set): to the relay, giaddr:67;
 *   <li>NAK to a direct client: broadcast, 255.255.255.255:68;
 *   <li>ciaddr set (RENEWING, INFORM): unicast to ciaddr:68;
 *   <li>otherwise (a client with no address yet): with raw sockets ({@code directUnicast}) and the
 *       client's broadcast bit clear, unicast to yiaddr:68 (the frame goes to chaddr, no ARP); else
 *       broadcast to 255.255.255.255:68, as §4.1 permits a server that cannot deliver without ARP.
 * </ol>
 */
public final class ReplyRouting {

  public static final int SERVER_PORT = 67;
  public static final int CLIENT_PORT = 68;
  public static final Inet4Address BROADCAST = broadcast();

  private ReplyRouting() {}

  public static InetSocketAddress destination(
      DhcpPacket query, DhcpPacket reply, OptionalInt clientPortOverride) {
    return destination(query, reply, clientPortOverride, false);
  }

  /**
   * @param directUnicast whether the transport can unicast to a client that has no address yet (raw
   *     sockets: the frame goes to chaddr)
   */
  public static InetSocketAddress destination(
      DhcpPacket query, DhcpPacket reply, OptionalInt clientPortOverride, boolean directUnicast) {
    if (query.relayed()) {
      return new InetSocketAddress(query.giaddr(), clientPortOverride.orElse(SERVER_PORT));
    }
    int port = clientPortOverride.orElse(CLIENT_PORT);
    boolean nak = reply.messageType().filter(t -> t == DhcpMessageType.NAK).isPresent();
    if (!nak && !query.ciaddr().equals(DhcpPacket.ANY)) {
      return new InetSocketAddress(query.ciaddr(), port);
    }
    if (!nak && directUnicast && !query.broadcastFlag() && !reply.yiaddr().equals(DhcpPacket.ANY)) {
      return new InetSocketAddress(reply.yiaddr(), port);
    }
    return new InetSocketAddress(BROADCAST, port);
  }

  private static Inet4Address broadcast() {
    try {
      return (Inet4Address) InetAddress.getByAddress(new byte[] {-1, -1, -1, -1});
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
