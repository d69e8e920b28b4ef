package io.d2j.dhcp4.classify;

import io.d2j.dhcp4.packet.DhcpPacket;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What an expression may ask about one query: the packet and where it came from ({@code pkt.iface},
 * {@code pkt.src}, {@code pkt.dst}). Built once per query by the shell.
 */
public final class PacketFacts {

  private final DhcpPacket query;
  private final String iface;
  private final byte[] ifaceBytes;
  private final int source;
  private final int destination;

  /**
   * @param iface the receiving interface's name, "" when unknown
   * @param source the sender's address (the relay or the client), {@link DhcpPacket#ANY} if unknown
   * @param destination the address the query was sent to ({@code 255.255.255.255} when broadcast)
   */
  public PacketFacts(
      DhcpPacket query, String iface, Inet4Address source, Inet4Address destination) {
    this.query = Objects.requireNonNull(query, "query");
    this.iface = Objects.requireNonNull(iface, "iface");
    this.ifaceBytes = iface.getBytes(StandardCharsets.UTF_8);
    // Inet4Address.hashCode() is the address as a 32-bit number: no array copy per read.
    this.source = Objects.requireNonNull(source, "source").hashCode();
    this.destination = Objects.requireNonNull(destination, "destination").hashCode();
  }

  /** Facts about a query whose origin is unknown (tests, the control channel). */
  public static PacketFacts of(DhcpPacket query) {
    return new PacketFacts(query, "", DhcpPacket.ANY, DhcpPacket.ANY);
  }

  public DhcpPacket query() {
    return query;
  }

  public String iface() {
    return iface;
  }

  byte[] ifaceBytes() {
    return ifaceBytes;
  }

  int source() {
    return source;
  }

  int destination() {
    return destination;
  }
}
