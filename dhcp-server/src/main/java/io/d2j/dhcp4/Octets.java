package io.d2j.dhcp4;

import java.net.Inet4Address;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable string of octets with value equality: hardware addresses, client identifiers and
 * option payloads. A record cannot hold a {@code byte[]} without losing value equality, so packets
 * and leases hold these instead.
 */
public final class Octets implements Comparable<Octets> {
  /** No octets: an absent client identifier or an empty option. */
  public static final Octets EMPTY = new Octets(new byte[0]);

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private final byte[] bytes;

  private Octets(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A copy of {@code bytes}. */
  public static Octets of(byte... bytes) {
    return bytes.length == 0 ? EMPTY : new Octets(bytes.clone());
  }

  /** A copy of {@code length} octets of {@code bytes} from {@code offset}. */
  public static Octets of(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    return length == 0 ? EMPTY : new Octets(Arrays.copyOfRange(bytes, offset, offset + length));
  }

  /** The four octets of {@code address}, in network order. */
  public static Octets of(Inet4Address address) {
    return new Octets(address.getAddress()); // getAddress returns a fresh copy
  }

  /**
   * {@code value} as {@code length} octets in network order (big-endian), as DHCP options carry
   * integers.
   *
   * @throws IllegalArgumentException {@code 65536 does not fit 2 octets}
   */
  public static Octets ofUnsigned(long value, int length) {
    if (length < 1 || length > 8 || (length < 8 && value >>> (8 * length) != 0)) {
      throw new IllegalArgumentException(value + " does not fit " + length + " octets");
    }
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = (byte) (value >>> (8 * (length - 1 - i)));
    }
    return new Octets(out);
  }

  /**
   * Parses colon-separated hex as Kea writes hardware addresses and client ids ({@code
   * 00:0c:01:02:03:04}); each group is one or two hex digits. The empty string is {@link #EMPTY}.
   *
   * @throws IllegalArgumentException {@code invalid hex octet 'xy' at group 2 in '00:xy'}
   */
  public static Octets parseColonHex(String text) {
    if (text.isEmpty()) {
      return EMPTY;
    }
    String[] groups = text.split(":", -1);
    byte[] out = new byte[groups.length];
    for (int i = 0; i < groups.length; i++) {
      String g = groups[i];
      int value = g.isEmpty() || g.length() > 2 ? -1 : 0;
      for (int k = 0; k < g.length() && value >= 0; k++) {
        char c = g.charAt(k);
        int d = c > 'f' ? -1 : Character.digit(c, 16);
        value = d < 0 ? -1 : (value << 4) | d;
      }
      if (value < 0) {
        throw new IllegalArgumentException(
            "invalid hex octet '" + g + "' at group " + (i + 1) + " in '" + text + "'");
      }
      out[i] = (byte) value;
    }
    return new Octets(out);
  }

  /** The number of octets. */
  public int length() {
    return bytes.length;
  }

  /** Whether there are no octets. */
  public boolean isEmpty() {
    return bytes.length == 0;
  }

  /** The octet at {@code index}, 0-255. */
  public int get(int index) {
    return bytes[index] & 0xff;
  }

  /** A copy of the octets. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** Copies the octets into {@code target} at {@code offset}. */
  public void copyTo(byte[] target, int offset) {
    System.arraycopy(bytes, 0, target, offset, bytes.length);
  }

  /** Copies {@code length} octets from {@code from} into {@code target} at {@code offset}. */
  public void copyTo(int from, byte[] target, int offset, int length) {
    System.arraycopy(bytes, from, target, offset, length);
  }

  /** {@code length} octets from {@code from}. */
  public Octets slice(int from, int length) {
    return of(bytes, from, length);
  }

  /** Lower-case colon hex, {@code 00:0c:01:02:03:04}, as Kea's lease file spells it. */
  public String toColonHex() {
    if (bytes.length == 0) {
      return "";
    }
    StringBuilder sb = new StringBuilder(bytes.length * 3 - 1);
    for (int i = 0; i < bytes.length; i++) {
      if (i > 0) {
        sb.append(':');
      }
      sb.append(HEX[(bytes[i] >>> 4) & 0xf]).append(HEX[bytes[i] & 0xf]);
    }
    return sb.toString();
  }

  @Override
  public int compareTo(Octets other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Octets other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toColonHex();
  }
}
