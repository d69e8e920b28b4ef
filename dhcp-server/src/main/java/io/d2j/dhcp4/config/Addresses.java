package io.d2j.dhcp4.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** IPv4 addresses as unsigned 32-bit numbers, for pool arithmetic. */
public final class Addresses {

  private Addresses() {}

  public static long toLong(Inet4Address address) {
    // Inet4Address.hashCode() is the address as a 32-bit number (as PacketFacts reads it): no
    // array copy, and pool arithmetic runs several times per query.
    return address.hashCode() & 0xFFFF_FFFFL;
  }

  public static Inet4Address fromLong(long value) {
    byte[] b = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    try {
      return (Inet4Address) InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw new AssertionError("four octets are always an address", e);
    }
  }
}
