package io.d2j.ncr;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An absolute DNS name as the sender spelled it: case preserved, trailing dot added.
 *
 * <p>{@code Fqdn.of("Host1.Example.com").text()} is {@code "Host1.Example.com."}; equality and
 * {@code hashCode} ignore ASCII case (RFC 4343), so it equals {@code
 * Fqdn.of("host1.example.com.")}. Master-file escapes are understood ({@code a\.b} is one label,
 * {@code \065} is the octet 65), so lengths are counted in wire octets as RFC 1035 §2.3.4 defines
 * them: a label holds at most 63 octets and the whole name at most 255 in wire format.
 */
public final class Fqdn {
  private static final int MAX_LABEL = 63;
  private static final int MAX_WIRE = 255;

  private final String text;
  private final byte[] canonicalWire;

  private Fqdn(String text, byte[] canonicalWire) {
    this.text = text;
    this.canonicalWire = canonicalWire;
  }

  /**
   * Parses and validates a name.
   *
   * @throws IllegalArgumentException naming the value and the reason, e.g. {@code invalid name
   *     'a..b': empty label}
   */
  public static Fqdn of(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isEmpty()) {
      throw invalid(text, "name is empty");
    }
    if (text.equals(".")) {
      throw invalid(text, "the root name has no host labels");
    }
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    ByteArrayOutputStream label = new ByteArrayOutputStream();
    boolean absolute = false;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '.') {
        closeLabel(text, label, wire);
        absolute = i == text.length() - 1;
        i++;
      } else if (c == '\\') {
        i = readEscape(text, i, label);
      } else {
        int cp = text.codePointAt(i);
        label.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(cp);
      }
    }
    if (!absolute) {
      closeLabel(text, label, wire);
    }
    wire.write(0); // the root label
    if (wire.size() > MAX_WIRE) {
      throw invalid(
          text, "name is " + wire.size() + " octets in wire format, more than " + MAX_WIRE);
    }
    byte[] lower = wire.toByteArray();
    for (int j = 0; j < lower.length; j++) {
      lower[j] = lowerAscii(lower[j]);
    }
    return new Fqdn(absolute ? text : text + ".", lower);
  }

  private static void closeLabel(
      String text, ByteArrayOutputStream label, ByteArrayOutputStream wire) {
    if (label.size() == 0) {
      throw invalid(text, "empty label");
    }
    if (label.size() > MAX_LABEL) {
      throw invalid(text, "a label is " + label.size() + " octets, more than " + MAX_LABEL);
    }
    wire.write(label.size());
    wire.writeBytes(label.toByteArray());
    label.reset();
  }

  /** RFC 1035 §5.1: {@code \X} is X literally, {@code \DDD} is the octet with decimal value DDD. */
  private static int readEscape(String text, int at, ByteArrayOutputStream label) {
    if (at + 1 >= text.length()) {
      throw invalid(text, "dangling escape at the end");
    }
    char next = text.charAt(at + 1);
    if (!isDigit(next)) {
      int cp = text.codePointAt(at + 1);
      label.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
      return at + 1 + Character.charCount(cp);
    }
    if (at + 3 >= text.length() || !isDigit(text.charAt(at + 2)) || !isDigit(text.charAt(at + 3))) {
      throw invalid(text, "escape at position " + at + " needs three decimal digits");
    }
    int value = Integer.parseInt(text.substring(at + 1, at + 4));
    if (value > 255) {
      throw invalid(text, "escape \\" + value + " is above 255");
    }
    label.write(value);
    return at + 4;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static byte lowerAscii(byte b) {
    return b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
  }

  private static IllegalArgumentException invalid(String text, String reason) {
    return new IllegalArgumentException("invalid name '" + text + "': " + reason);
  }

  /** The name as spelled by the sender, with trailing dot: {@code "Host1.Example.com."}. */
  public String text() {
    return text;
  }

  /** ASCII lower-case form with trailing dot: {@code "host1.example.com."}. */
  public String canonical() {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      sb.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
    }
    return sb.toString();
  }

  /**
   * Lower-cased DNS wire format, the FQDN part of the RFC 4701 §3.3 digest input: {@code
   * myhost.example.com.} is {@code 06 6d 79 68 6f 73 74 07 65 78 61 6d 70 6c 65 03 63 6f 6d 00}.
   */
  public byte[] canonicalWire() {
    return canonicalWire.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fqdn other && Arrays.equals(canonicalWire, other.canonicalWire);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(canonicalWire);
  }

  @Override
  public String toString() {
    return text;
  }
}
