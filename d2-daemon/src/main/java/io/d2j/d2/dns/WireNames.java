package io.d2j.d2.dns;

import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Absolute domain names as uncompressed wire octets (RFC 1035 §3.1: length-prefixed labels, a zero
 * octet at the end), letter case kept. The names d2j writes (NCR FQDNs the codec validated, reverse
 * names it built, configured zones) are plain dotted text; those take a fast path, anything with a
 * backslash escape goes through dnsjava's parser so that both read every name alike.
 */
final class WireNames {

  private static final int MAX_NAME = 255;
  private static final int MAX_LABEL = 63;

  private WireNames() {}

  /** {@code text} (absolute or not: a missing trailing dot is added) as wire octets. */
  static byte[] of(String text) {
    if (text.indexOf('\\') >= 0 || text.isEmpty()) {
      return viaDnsjava(text);
    }
    int length = text.length();
    boolean absolute = text.charAt(length - 1) == '.';
    if (absolute && length == 1) {
      return new byte[] {0};
    }
    int chars = absolute ? length - 1 : length;
    byte[] out = new byte[chars + 2];
    int w = 0;
    int labelStart = 0;
    for (int i = 0; i <= chars; i++) {
      if (i == chars || text.charAt(i) == '.') {
        int labelLength = i - labelStart;
        if (labelLength == 0 || labelLength > MAX_LABEL) {
          return viaDnsjava(text); // let the parser name the problem
        }
        out[w++] = (byte) labelLength;
        for (int k = labelStart; k < i; k++) {
          char c = text.charAt(k);
          if (c > 0x7e || c < 0x21) {
            return viaDnsjava(text);
          }
          out[w++] = (byte) c;
        }
        labelStart = i + 1;
      }
    }
    out[w++] = 0;
    if (w > MAX_NAME) {
      return viaDnsjava(text);
    }
    return out;
  }

  private static byte[] viaDnsjava(String text) {
    try {
      return Name.fromString(text.endsWith(".") ? text : text + ".").toWire();
    } catch (TextParseException e) {
      // The NCR codec and the config parser validated these names already.
      throw new IllegalArgumentException("not a DNS name: " + text, e);
    }
  }
}
