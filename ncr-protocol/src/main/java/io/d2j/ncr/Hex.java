package io.d2j.ncr;

/** Base16 without separators, as NCRs and the CLI spell byte strings. */
final class Hex {
  private static final char[] DIGITS = "0123456789ABCDEF".toCharArray();

  private Hex() {}

  /** Upper-case hex of {@code bytes}. */
  static String encode(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = DIGITS[(bytes[i] >>> 4) & 0xf];
      out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
    }
    return new String(out);
  }

  /**
   * Decodes case-insensitive hex.
   *
   * @throws IllegalArgumentException {@code odd number of hex digits (5) in '00010'} or {@code
   *     invalid hex digit 'g' at position 2 in '00g1'}
   */
  static byte[] decode(String hex) {
    if (hex.length() % 2 != 0) {
      throw new IllegalArgumentException(
          "odd number of hex digits (" + hex.length() + ") in '" + hex + "'");
    }
    byte[] out = new byte[hex.length() / 2];
    for (int i = 0; i < hex.length(); i += 2) {
      out[i / 2] = (byte) ((digit(hex, i) << 4) | digit(hex, i + 1));
    }
    return out;
  }

  private static int digit(String hex, int at) {
    int d = Character.digit(hex.charAt(at), 16);
    // Character.digit also accepts non-ASCII digits; hex on the wire is ASCII only.
    if (d < 0 || hex.charAt(at) > 'f') {
      throw new IllegalArgumentException(
          "invalid hex digit '" + hex.charAt(at) + "' at position " + at + " in '" + hex + "'");
    }
    return d;
  }
}
