package io.d2j.ncr;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * IP address literals without name resolution. {@link InetAddress#getByName} would resolve a
 * hostname, which an NCR decoder must never do, so the text is parsed here.
 *
 * <p>Accepted: IPv4 dotted quads ({@code 192.0.2.10}, no leading zeros, as {@code inet_pton}) and
 * RFC 4291 §2.2 IPv6 text ({@code 2001:db8::abcd}, {@code ::ffff:192.0.2.1}); zone ids are not.
 * {@link #format} writes the RFC 5952 form Kea's senders produce.
 */
public final class IpAddresses {
  private IpAddresses() {}

  /**
   * Parses an IPv4 or IPv6 literal.
   *
   * @throws IllegalArgumentException {@code invalid IP address '192.0.2.300'}
   */
  public static InetAddress parse(String text) {
    Objects.requireNonNull(text, "text");
    byte[] bytes = text.indexOf(':') >= 0 ? parse6(text) : parse4(text);
    if (bytes == null) {
      throw new IllegalArgumentException("invalid IP address '" + text + "'");
    }
    try {
      return bytes.length == 4
          ? InetAddress.getByAddress(bytes)
          // Inet6Address keeps ::ffff:a.b.c.d an IPv6 address; InetAddress would turn it into IPv4.
          : Inet6Address.getByAddress(null, bytes, -1);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("address of " + bytes.length + " octets", e);
    }
  }

  /** {@code 192.0.2.10}, or RFC 5952 §4 text such as {@code 2001:db8::abcd}; never a scope id. */
  public static String format(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      return dotted(b, 0);
    }
    int[] words = new int[8];
    for (int i = 0; i < 8; i++) {
      words[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    if (words[0] == 0
        && words[1] == 0
        && words[2] == 0
        && words[3] == 0
        && words[4] == 0
        && words[5] == 0xffff) {
      return "::ffff:" + dotted(b, 12); // RFC 5952 §5: mixed notation for IPv4-mapped addresses
    }
    int bestStart = -1;
    int bestLen = 1; // RFC 5952 §4.2.2: a single zero word is not compressed
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && words[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(words[i]));
    }
    return sb.toString();
  }

  private static String dotted(byte[] b, int from) {
    return (b[from] & 0xff)
        + "."
        + (b[from + 1] & 0xff)
        + "."
        + (b[from + 2] & 0xff)
        + "."
        + (b[from + 3] & 0xff);
  }

  private static byte[] parse4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
        return null;
      }
      int value = 0;
      for (int k = 0; k < p.length(); k++) {
        char c = p.charAt(k);
        if (c < '0' || c > '9') {
          return null;
        }
        value = value * 10 + (c - '0');
      }
      if (value > 255) {
        return null;
      }
      out[i] = (byte) value;
    }
    return out;
  }

  private static byte[] parse6(String text) {
    int gap = text.indexOf("::");
    if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    String head = gap < 0 ? text : text.substring(0, gap);
    String tail = gap < 0 ? "" : text.substring(gap + 2);
    List<Integer> headWords = words(head, gap < 0);
    List<Integer> tailWords = words(tail, true);
    if (headWords == null || tailWords == null) {
      return null;
    }
    int count = headWords.size() + tailWords.size();
    if (gap < 0 ? count != 8 : count > 7) {
      return null;
    }
    List<Integer> all = new ArrayList<>(headWords);
    for (int i = count; i < 8; i++) {
      all.add(0);
    }
    all.addAll(tailWords);
    byte[] out = new byte[16];
    for (int i = 0; i < 8; i++) {
      out[2 * i] = (byte) (all.get(i) >>> 8);
      out[2 * i + 1] = all.get(i).byteValue();
    }
    return out;
  }

  /** Colon-separated 16-bit words; the last one may be a dotted quad (two words) if allowed. */
  private static List<Integer> words(String part, boolean quadAllowedAtEnd) {
    List<Integer> words = new ArrayList<>();
    if (part.isEmpty()) {
      return words;
    }
    String[] groups = part.split(":", -1);
    for (int i = 0; i < groups.length; i++) {
      String g = groups[i];
      if (g.indexOf('.') >= 0 && i == groups.length - 1 && quadAllowedAtEnd) {
        byte[] quad = parse4(g);
        if (quad == null) {
          return null;
        }
        words.add(((quad[0] & 0xff) << 8) | (quad[1] & 0xff));
        words.add(((quad[2] & 0xff) << 8) | (quad[3] & 0xff));
        continue;
      }
      if (g.isEmpty() || g.length() > 4) {
        return null;
      }
      int value = 0;
      for (int k = 0; k < g.length(); k++) {
        char c = g.charAt(k);
        int d = c > 'f' ? -1 : Character.digit(c, 16);
        if (d < 0) {
          return null;
        }
        value = (value << 4) | d;
      }
      words.add(value);
    }
    return words;
  }
}
