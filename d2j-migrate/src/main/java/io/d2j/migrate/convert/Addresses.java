package io.d2j.migrate.convert;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** IPv4/IPv6 literals and prefixes, parsed without any name lookup. */
final class Addresses {
  private static final Pattern IPV4 =
      Pattern.compile(
          "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private Addresses() {}

  /** The IPv4 literal, if {@code text} is one. */
  static Optional<Inet4Address> ipv4(String text) {
    if (!IPV4.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of((Inet4Address) InetAddress.getByName(text));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** The IPv6 literal, if {@code text} is one. */
  static Optional<Inet6Address> ipv6(String text) {
    if (!IPV6.matcher(text).matches() || text.chars().filter(c -> c == ':').count() < 2) {
      return Optional.empty();
    }
    try {
      InetAddress a = InetAddress.getByName(text);
      return a instanceof Inet6Address v6 ? Optional.of(v6) : Optional.empty();
    } catch (UnknownHostException | SecurityException e) {
      return Optional.empty();
    }
  }

  /** The address as a number. */
  static BigInteger number(InetAddress a) {
    return new BigInteger(1, a.getAddress());
  }

  /** Prefix length of a contiguous IPv4 netmask, or empty when the mask has holes. */
  static Optional<Integer> maskLength(Inet4Address mask) {
    int m = number(mask).intValue();
    int len = Integer.bitCount(m);
    int expected = len == 0 ? 0 : -1 << (32 - len);
    return m == expected ? Optional.of(len) : Optional.empty();
  }

  /** Whether {@code a} lies in {@code network/len}. */
  static boolean contains(InetAddress network, int len, InetAddress a) {
    if (network.getAddress().length != a.getAddress().length) {
      return false;
    }
    int bits = network.getAddress().length * 8;
    BigInteger shift = BigInteger.ONE.shiftLeft(bits - len);
    return number(network).divide(shift).equals(number(a).divide(shift));
  }

  /** Whether {@code network/len} has no host bits set. */
  static boolean isNetwork(InetAddress network, int len) {
    int bits = network.getAddress().length * 8;
    return number(network).mod(BigInteger.ONE.shiftLeft(bits - len)).signum() == 0;
  }

  /** Canonical text: dotted quad, or RFC 5952 compressed IPv6. */
  static String text(InetAddress a) {
    if (a instanceof Inet4Address) {
      return a.getHostAddress();
    }
    byte[] b = a.getAddress();
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLen = 0;
    for (int i = 0; i < 8; ) {
      if (groups[i] == 0) {
        int j = i;
        while (j < 8 && groups[j] == 0) {
          j++;
        }
        if (j - i > bestLen && j - i > 1) {
          bestStart = i;
          bestLen = j - i;
        }
        i = j;
      } else {
        i++;
      }
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        s.append("::");
        i += bestLen - 1;
        continue;
      }
      if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
        s.append(':');
      }
      s.append(Integer.toHexString(groups[i]));
    }
    return s.toString();
  }

  /** Whether {@code text} looks like a DNS host name (letters, digits, hyphens, dots). */
  static boolean isHostName(String text) {
    return text.matches(
            "[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*\\.?")
        && !text.matches("[0-9.]+");
  }
}
