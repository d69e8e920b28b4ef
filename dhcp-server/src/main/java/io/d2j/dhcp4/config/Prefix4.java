package io.d2j.dhcp4.config;

import io.d2j.dhcp4.Octets;
import io.d2j.ncr.IpAddresses;
import java.net.Inet4Address;
import java.util.Objects;

/**
 * An IPv4 prefix such as {@code 10.0.0.0/24}.
 *
 * @param network the network address (host bits zero)
 * @param length the prefix length, 0 to 32
 */
public record Prefix4(Inet4Address network, int length) {

  public Prefix4 {
    Objects.requireNonNull(network, "network");
    if (length < 0 || length > 32) {
      throw new IllegalArgumentException("prefix length " + length + " is outside 0-32");
    }
    if ((Addresses.toLong(network) & ~mask(length)) != 0) {
      throw new IllegalArgumentException(
          IpAddresses.format(network)
              + "/"
              + length
              + ": host bits are set in the network address");
    }
  }

  /** Option 1's payload for each prefix length: built once, as every reply with a lease has one. */
  private static final Octets[] NETMASKS = new Octets[33];

  static {
    for (int length = 0; length <= 32; length++) {
      long m = mask(length);
      NETMASKS[length] =
          Octets.of((byte) (m >>> 24), (byte) (m >>> 16), (byte) (m >>> 8), (byte) m);
    }
  }

  static long mask(int length) {
    return length == 0 ? 0 : (0xFFFF_FFFFL << (32 - length)) & 0xFFFF_FFFFL;
  }

  /** Whether {@code address} lies inside this prefix. */
  public boolean contains(Inet4Address address) {
    return (Addresses.toLong(address) & mask(length)) == Addresses.toLong(network);
  }

  /** The netmask (option 1), e.g. 255.255.255.0 for a /24. */
  public Inet4Address netmask() {
    return Addresses.fromLong(mask(length));
  }

  /** The netmask as option 1's four octets. */
  public Octets netmaskOctets() {
    return NETMASKS[length];
  }

  /** Whether {@code address} is this prefix's network or directed broadcast address. */
  public boolean isNetworkOrBroadcast(Inet4Address address) {
    long a = Addresses.toLong(address);
    long net = Addresses.toLong(network);
    return a == net || a == (net | (~mask(length) & 0xFFFF_FFFFL));
  }

  /** The directed broadcast address (all host bits set). */
  public Inet4Address broadcast() {
    return Addresses.fromLong(Addresses.toLong(network) | (~mask(length) & 0xFFFF_FFFFL));
  }

  @Override
  public String toString() {
    return IpAddresses.format(network) + "/" + length;
  }
}
