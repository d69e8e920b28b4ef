package io.d2j.dhcp4.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@code struct sockaddr_in} and {@code struct sockaddr_ll} as bytes (Linux, host byte order for
 * the family and index fields, network order for ports and protocols). Pure.
 */
final class SockAddr {

  static final int IN_SIZE = 16;
  static final int LL_SIZE = 20;

  private SockAddr() {}

  /** {@code sockaddr_in} for {@code address:port}. */
  static byte[] in(Inet4Address address, int port) {
    ByteBuffer b = ByteBuffer.allocate(IN_SIZE);
    b.order(ByteOrder.nativeOrder()).putShort(0, (short) Libc.AF_INET);
    b.order(ByteOrder.BIG_ENDIAN).putShort(2, (short) port);
    b.position(4);
    b.put(address.getAddress());
    return b.array();
  }

  static int inPort(byte[] sockaddr) {
    return ((sockaddr[2] & 0xff) << 8) | (sockaddr[3] & 0xff);
  }

  /**
   * {@code sockaddr_ll} for sending IPv4 on interface {@code ifindex} to the link-layer address
   * {@code mac} (6 octets), or for binding when {@code mac} is empty.
   */
  static byte[] ll(int ifindex, byte[] mac) {
    ByteBuffer b = ByteBuffer.allocate(LL_SIZE);
    b.order(ByteOrder.nativeOrder()).putShort(0, (short) Libc.AF_PACKET);
    b.order(ByteOrder.BIG_ENDIAN).putShort(2, (short) Libc.ETH_P_IP);
    b.order(ByteOrder.nativeOrder()).putInt(4, ifindex);
    b.put(11, (byte) mac.length);
    b.position(12);
    b.put(mac);
    return b.array();
  }

  /** The interface index of a received {@code sockaddr_ll}. */
  static int llIndex(byte[] sockaddr) {
    return ByteBuffer.wrap(sockaddr).order(ByteOrder.nativeOrder()).getInt(4);
  }

  /** {@code sll_pkttype}: host, broadcast, multicast, other host, outgoing. */
  static int llPacketType(byte[] sockaddr) {
    return sockaddr[10] & 0xff;
  }

  /** The source link-layer address of a received {@code sockaddr_ll}. */
  static byte[] llAddress(byte[] sockaddr) {
    int len = Math.min(sockaddr[11] & 0xff, 8);
    byte[] out = new byte[len];
    System.arraycopy(sockaddr, 12, out, 0, len);
    return out;
  }

  static Inet4Address address(byte[] bytes, int offset) {
    try {
      return (Inet4Address)
          InetAddress.getByAddress(
              new byte[] {bytes[offset], bytes[offset + 1], bytes[offset + 2], bytes[offset + 3]});
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
