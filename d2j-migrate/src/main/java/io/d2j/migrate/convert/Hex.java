package io.d2j.migrate.convert;

import io.d2j.migrate.conf.Token;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/** dhcpd's colon-separated hex ({@code 0:0:c0:5d:bd:95}) and DNS wire names. */
final class Hex {
  private Hex() {}

  /** The octets of a word made of 1- or 2-digit hex groups separated by colons. */
  static Optional<byte[]> colonSeparated(Token t) {
    if (t.kind() != Token.Kind.WORD) {
      return Optional.empty();
    }
    String[] groups = t.text().split(":", -1);
    byte[] out = new byte[groups.length];
    for (int i = 0; i < groups.length; i++) {
      String g = groups[i];
      if (g.isEmpty() || g.length() > 2 || !g.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
        return Optional.empty();
      }
      out[i] = (byte) Integer.parseInt(g, 16);
    }
    return Optional.of(out);
  }

  /**
   * Lower-case, colon-separated two-digit hex: Kea's {@code hw-address} / {@code client-id} form.
   */
  static String colons(byte[] b) {
    return HexFormat.ofDelimiter(":").formatHex(b);
  }

  /** A name in DNS wire form (RFC 1035 §3.1), uncompressed. */
  static byte[] dnsWire(String name) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    if (!n.isEmpty()) {
      for (String label : n.split("\\.", -1)) {
        byte[] l = label.getBytes(StandardCharsets.US_ASCII);
        out.write(l.length);
        out.writeBytes(l);
      }
    }
    out.write(0);
    return out.toByteArray();
  }
}
