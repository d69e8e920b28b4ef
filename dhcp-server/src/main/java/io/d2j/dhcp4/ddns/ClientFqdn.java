package io.d2j.dhcp4.ddns;

import io.d2j.dhcp4.Octets;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * Option 81, Client FQDN (RFC 4702 §2), as Kea reads and writes it (spec §2.1):
 *
 * <pre>
 * 05 00 00 05 68 6f 73 74 31      flags S|E, RCODE1 0, RCODE2 0, partial wire name "host1"
 * 05 00 00 05 68 6f 73 74 31 00   the same name, full (ends with the root label)
 * 01 00 00 68 6f 73 74 32 2e      flags S, deprecated ASCII "host2." (full)
 * </pre>
 *
 * @param flags the low four bits: {@link #S}, {@link #O}, {@link #E}, {@link #N}; the upper four
 *     must be zero (RFC 4702 §2.1), so {@link #decode} drops them
 * @param rcode1 RCODE1, echoed by Kea
 * @param rcode2 RCODE2, echoed by Kea
 * @param name the labels joined by {@code .}, lower-case, escapes resolved, no trailing dot; may be
 *     empty
 * @param full whether the name is absolute (wire: ends with the root label; ASCII: with a dot)
 */
public record ClientFqdn(int flags, int rcode1, int rcode2, String name, boolean full) {

  /** The server performs the A update (RFC 4702 §2.1). */
  public static final int S = 0x01;

  /** The server overrode the client's S. */
  public static final int O = 0x02;

  /** Canonical wire encoding of the name (else the deprecated ASCII form). */
  public static final int E = 0x04;

  /** No server updates at all. */
  public static final int N = 0x08;

  public ClientFqdn {
    Objects.requireNonNull(name, "name");
    if ((flags & ~0x0f) != 0) {
      throw new IllegalArgumentException(
          "option 81: flags 0x" + Integer.toHexString(flags) + " set bits outside N, E, O, S");
    }
    if ((flags & (N | S)) == (N | S)) {
      throw new IllegalArgumentException("option 81: flags N and S are both set (RFC 4702 §2.1)");
    }
    if (rcode1 < 0 || rcode1 > 255 || rcode2 < 0 || rcode2 > 255) {
      throw new IllegalArgumentException(
          "option 81: RCODE1 " + rcode1 + " or RCODE2 " + rcode2 + " is not an octet");
    }
  }

  public boolean has(int flag) {
    return (flags & flag) != 0;
  }

  /** This option with other flags (E kept by the caller) and another name. */
  public ClientFqdn answer(int newFlags, String newName, boolean newFull) {
    return new ClientFqdn(newFlags, rcode1, rcode2, newName, newFull);
  }

  /**
   * Reads an option-81 payload.
   *
   * @throws IllegalArgumentException naming the defect, e.g. {@code option 81: truncated (2 octets,
   *     at least 3 needed)}, {@code option 81: flags N and S are both set (RFC 4702 §2.1)}
   */
  public static ClientFqdn decode(Octets payload) {
    return decode(payload, false);
  }

  /**
   * Reads an option-81 payload; with {@code lenient} (Kea's {@code lenient-option-parsing}) N is
   * cleared when the client set it together with S, instead of refusing the option.
   */
  public static ClientFqdn decode(Octets payload, boolean lenient) {
    if (payload.length() < 3) {
      throw new IllegalArgumentException(
          "option 81: truncated (" + payload.length() + " octets, at least 3 needed)");
    }
    int flags = payload.get(0) & 0x0f; // MBZ bits are ignored on receive, as Kea does
    if (lenient && (flags & (N | S)) == (N | S)) {
      flags &= ~N;
    }
    Octets raw = payload.slice(3, payload.length() - 3);
    if ((flags & E) != 0) {
      return wire(flags, payload.get(1), payload.get(2), raw);
    }
    String text = new String(raw.toByteArray(), StandardCharsets.ISO_8859_1);
    boolean full = text.endsWith(".");
    String body = full ? text.substring(0, text.length() - 1) : text;
    requireDnsText(body);
    String name = unescape(body);
    return new ClientFqdn(flags, payload.get(1), payload.get(2), lower(name), full);
  }

  /**
   * The deprecated ASCII form must read as a DNS name, as Kea parses it (its name parser refuses
   * the option, and Kea 2.2 drops the query: verified on the wire for a 70-octet label and for
   * {@code a..b}): no empty label, none over 63 octets.
   */
  private static void requireDnsText(String body) {
    if (body.isEmpty()) {
      return;
    }
    int labelStart = 0;
    int octets = 0;
    for (int i = 0; i <= body.length(); i++) {
      // Escapes are consumed below, so a '.' reached here is a label separator.
      if (i == body.length() || body.charAt(i) == '.') {
        if (octets == 0) {
          throw new IllegalArgumentException(
              "option 81: empty label at offset " + labelStart + " of the ASCII name");
        }
        if (octets > 63) {
          throw new IllegalArgumentException(
              "option 81: label of " + octets + " octets at offset " + labelStart + " exceeds 63");
        }
        labelStart = i + 1;
        octets = 0;
      } else if (body.charAt(i) == '\\' && i + 3 < body.length() && isDigits(body, i + 1)) {
        octets++;
        i += 3;
      } else if (body.charAt(i) == '\\' && i + 1 < body.length()) {
        octets++;
        i++;
      } else {
        octets++;
      }
    }
  }

  private static ClientFqdn wire(int flags, int rcode1, int rcode2, Octets raw) {
    StringBuilder name = new StringBuilder();
    int i = 0;
    boolean full = false;
    while (i < raw.length()) {
      int len = raw.get(i);
      if (len == 0) {
        if (i != raw.length() - 1) {
          throw new IllegalArgumentException(
              "option 81: " + (raw.length() - i - 1) + " octets after the root label");
        }
        full = true;
        break;
      }
      if (len > 63) {
        throw new IllegalArgumentException(
            "option 81: label length " + len + " at name offset " + i + " exceeds 63");
      }
      if (i + 1 + len > raw.length()) {
        throw new IllegalArgumentException(
            "option 81: label at name offset " + i + " runs past the end of the option");
      }
      if (name.length() > 0) {
        name.append('.');
      }
      name.append(new String(raw.slice(i + 1, len).toByteArray(), StandardCharsets.ISO_8859_1));
      i += 1 + len;
    }
    return new ClientFqdn(flags, rcode1, rcode2, lower(name.toString()), full);
  }

  /** The payload, in the encoding {@link #E} names. */
  public Octets encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(flags);
    out.write(rcode1);
    out.write(rcode2);
    if (has(E)) {
      if (!name.isEmpty()) {
        for (String label : name.split("\\.", -1)) {
          byte[] b = label.getBytes(StandardCharsets.ISO_8859_1);
          out.write(b.length);
          out.writeBytes(b);
        }
      }
      if (full) {
        out.write(0);
      }
    } else {
      out.writeBytes((name + (full ? "." : "")).getBytes(StandardCharsets.ISO_8859_1));
    }
    return Octets.of(out.toByteArray());
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /** Master-file escapes ({@code \032}, {@code \.}) resolved, as a DNS name parser would. */
  static String unescape(String text) {
    if (text.indexOf('\\') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 3 < text.length() && isDigits(text, i + 1)) {
        out.append((char) Integer.parseInt(text.substring(i + 1, i + 4)));
        i += 3;
      } else if (c == '\\' && i + 1 < text.length()) {
        out.append(text.charAt(++i));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isDigits(String s, int from) {
    for (int i = from; i < from + 3; i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
