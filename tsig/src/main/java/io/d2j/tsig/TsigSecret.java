package io.d2j.tsig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The shared secret of a TSIG key. It never shows itself: {@link #toString()} is {@code
 * [redacted]}, error messages never echo it, and {@link #equals} compares in constant time.
 *
 * <pre>{@code
 * TsigSecret.fromBase64("LSWXnfkKZjdPJI5QxlpnfQ==")         // 16 octets
 * TsigSecret.fromFile(Path.of("/etc/kea/d2key.secret"))    // same text, surrounding blanks trimmed
 * }</pre>
 */
public final class TsigSecret {
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  private final byte[] bytes;

  private TsigSecret(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Decodes a base64 secret (RFC 4648 §4; blanks are ignored, padding is optional).
   *
   * @throws IllegalArgumentException {@code secret: <reason>}, never containing the input
   */
  public static TsigSecret fromBase64(String b64) {
    return decode(b64, "secret");
  }

  /**
   * Reads a base64 secret from a file, as Kea's {@code secret-file} (2.5.8+) does.
   *
   * @throws IllegalArgumentException {@code secret-file: <path> ...} when the file cannot be read,
   *     is empty, or is not base64
   */
  public static TsigSecret fromFile(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "secret-file: cannot read " + file + " (" + e.getClass().getSimpleName() + ")", e);
    }
    if (text.isBlank()) {
      throw new IllegalArgumentException("secret-file: " + file + " is empty");
    }
    return decode(text.trim(), "secret-file: " + file);
  }

  private static TsigSecret decode(String b64, String field) {
    if (b64 == null || b64.isBlank()) {
      throw new IllegalArgumentException(field + ": must not be blank");
    }
    StringBuilder compact = new StringBuilder(b64.length());
    for (int i = 0; i < b64.length(); i++) {
      char c = b64.charAt(i);
      if (!Character.isWhitespace(c)) {
        compact.append(c);
      }
    }
    String text = compact.toString();
    int padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
    String data = text.substring(0, text.length() - padding);
    for (int i = 0; i < data.length(); i++) {
      if (ALPHABET.indexOf(data.charAt(i)) < 0) {
        // The wording is Kea's (util/encode); the offending character is deliberately not shown.
        throw new IllegalArgumentException(
            field + ": attempt to decode a value not in base64 char set");
      }
    }
    int tail = data.length() % 4;
    if (tail == 1 || (padding > 0 && tail + padding != 4)) {
      throw new IllegalArgumentException(field + ": incomplete base64 input");
    }
    // The last character of a 2- or 3-character group carries 4 or 2 unused bits (RFC 4648 §3.5).
    if (tail > 1) {
      int last = ALPHABET.indexOf(data.charAt(data.length() - 1));
      int unusedMask = tail == 2 ? 0x0f : 0x03;
      if ((last & unusedMask) != 0) {
        throw new IllegalArgumentException(field + ": non-zero bits left over");
      }
    }
    byte[] decoded = Base64.getDecoder().decode(data);
    if (decoded.length == 0) {
      throw new IllegalArgumentException(field + ": must not be blank");
    }
    return new TsigSecret(decoded);
  }

  /** A copy of the secret octets; the caller should clear it when done. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Length of the secret in octets. */
  public int length() {
    return bytes.length;
  }

  @Override
  public boolean equals(Object o) {
    // MessageDigest.isEqual is time-constant for equal lengths (JDK 6u17+).
    return o instanceof TsigSecret other && MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    // Only the length: a content hash in a heap dump or log would be a secret oracle.
    return bytes.length;
  }

  @Override
  public String toString() {
    return "[redacted]";
  }
}
