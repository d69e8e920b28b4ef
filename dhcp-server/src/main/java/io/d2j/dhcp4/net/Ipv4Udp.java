package io.d2j.dhcp4.net;

import java.net.Inet4Address;
import java.util.Arrays;

/**
 * The IPv4 and UDP headers a packet socket sees and must write itself (RFC 791, RFC 768). Pure:
 * {@link #parse} checks what the kernel did not (a packet socket gets the frame as it came), {@link
 * #build} writes both headers with their checksums.
 */
final class Ipv4Udp {

  static final int IP_HEADER = 20;
  static final int UDP_HEADER = 8;
  private static final int PROTO_UDP = 17;
  private static final int TTL = 64;

  /** A UDP datagram with its addresses. */
  record Datagram(
      Inet4Address source, int sourcePort, Inet4Address destination, int port, byte[] payload) {}

  private Ipv4Udp() {}

  /**
   * The UDP datagram in {@code packet[0..length)}, or null when it is not a whole, unfragmented
   * IPv4 UDP datagram (the socket filter lets through only those, but a filter is no parser). UDP
   * checksums are not verified: on veth and other offloading links a packet socket sees locally
   * sent datagrams before their checksum is filled in.
   */
  static Datagram parse(byte[] packet, int length) {
    if (length < IP_HEADER + UDP_HEADER || (packet[0] & 0xf0) != 0x40) {
      return null;
    }
    int ihl = (packet[0] & 0x0f) * 4;
    int total = u16(packet, 2);
    if (ihl < IP_HEADER
        || total > length
        || total < ihl + UDP_HEADER
        || (packet[9] & 0xff) != PROTO_UDP
        || (u16(packet, 6) & 0x3fff) != 0) { // MF or a fragment offset
      return null;
    }
    int udpLength = u16(packet, ihl + 4);
    if (udpLength < UDP_HEADER || ihl + udpLength > total) {
      return null;
    }
    return new Datagram(
        SockAddr.address(packet, 12),
        u16(packet, ihl),
        SockAddr.address(packet, 16),
        u16(packet, ihl + 2),
        Arrays.copyOfRange(packet, ihl + UDP_HEADER, ihl + udpLength));
  }

  /** IPv4 header (no options, DF clear, TTL 64) + UDP header + {@code payload}, checksummed. */
  static byte[] build(
      Inet4Address source, int sourcePort, Inet4Address destination, int port, byte[] payload) {
    int udpLength = UDP_HEADER + payload.length;
    byte[] p = new byte[IP_HEADER + udpLength];
    p[0] = 0x45;
    put16(p, 2, p.length);
    p[8] = (byte) TTL;
    p[9] = (byte) PROTO_UDP;
    System.arraycopy(source.getAddress(), 0, p, 12, 4);
    System.arraycopy(destination.getAddress(), 0, p, 16, 4);
    put16(p, 10, checksum(p, 0, IP_HEADER, 0));
    put16(p, IP_HEADER, sourcePort);
    put16(p, IP_HEADER + 2, port);
    put16(p, IP_HEADER + 4, udpLength);
    System.arraycopy(payload, 0, p, IP_HEADER + UDP_HEADER, payload.length);
    // Pseudo-header: addresses, protocol, UDP length (RFC 768).
    long pseudo = sum(p, 12, 8) + PROTO_UDP + udpLength;
    int udpSum = checksum(p, IP_HEADER, udpLength, pseudo);
    put16(p, IP_HEADER + 6, udpSum == 0 ? 0xffff : udpSum);
    return p;
  }

  /** The Internet checksum (RFC 1071) of {@code p[offset..offset+length)} plus {@code initial}. */
  static int checksum(byte[] p, int offset, int length, long initial) {
    long sum = initial + sum(p, offset, length);
    while ((sum >> 16) != 0) {
      sum = (sum & 0xffff) + (sum >> 16);
    }
    return (int) (~sum & 0xffff);
  }

  private static long sum(byte[] p, int offset, int length) {
    long sum = 0;
    int i = offset;
    for (; i + 1 < offset + length; i += 2) {
      sum += ((p[i] & 0xff) << 8) | (p[i + 1] & 0xff);
    }
    if (i < offset + length) {
      sum += (p[i] & 0xff) << 8;
    }
    return sum;
  }

  private static int u16(byte[] p, int at) {
    return ((p[at] & 0xff) << 8) | (p[at + 1] & 0xff);
  }

  private static void put16(byte[] p, int at, int v) {
    p[at] = (byte) (v >> 8);
    p[at + 1] = (byte) v;
  }
}
