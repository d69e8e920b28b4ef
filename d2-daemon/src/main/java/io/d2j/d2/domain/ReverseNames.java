package io.d2j.d2.domain;

import java.net.Inet4Address;
import java.net.InetAddress;

/** Reverse-zone owner names (RFC 1035 §3.5 for in-addr.arpa, RFC 3596 §2.5 for ip6.arpa). */
public final class ReverseNames {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private ReverseNames() {}

  /**
   * {@code 192.0.2.10} gives {@code 10.2.0.192.in-addr.arpa.}; IPv6 gives 32 nibbles, least
   * significant first, upper-case as Kea writes them (DNS compares names case-insensitively).
   */
  public static String of(InetAddress address) {
    byte[] b = address.getAddress();
    StringBuilder sb = new StringBuilder(80);
    if (address instanceof Inet4Address) {
      for (int i = 3; i >= 0; i--) {
        sb.append(b[i] & 0xff).append('.');
      }
      return sb.append("in-addr.arpa.").toString();
    }
    for (int i = b.length - 1; i >= 0; i--) {
      sb.append(HEX[b[i] & 0x0f]).append('.').append(HEX[(b[i] >> 4) & 0x0f]).append('.');
    }
    return sb.append("ip6.arpa.").toString();
  }
}
