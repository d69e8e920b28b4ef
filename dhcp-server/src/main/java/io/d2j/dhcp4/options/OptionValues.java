package io.d2j.dhcp4.options;

import io.d2j.dhcp4.Octets;
import io.d2j.ncr.IpAddresses;
import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Turns {@code option-data} text into option payloads the way Kea 2.2 does: {@code csv-format} true
 * splits {@code data} on unescaped commas ({@code \,} keeps one), drops empty values, trims each
 * and writes it by its field's type; {@code csv-format} false reads hex ({@code 0a0b}, {@code
 * 0x0a0b}, {@code 0a:0b}, {@code 0a 0b}; an odd digit count gets a leading zero) or a quoted string
 * ({@code 'text'}).
 *
 * <p>Where Kea quietly uses only part of the text (more values than a non-array option holds) the
 * value is kept as Kea keeps it and {@code warn} is told.
 */
public final class OptionValues {

  private OptionValues() {}

  /**
   * The payload of {@code def} from CSV {@code data}.
   *
   * @throws IllegalArgumentException naming the value, e.g. {@code '10.0.0.300' is not an IPv4
   *     address}
   */
  public static Octets encodeCsv(OptionDef def, String data, Consumer<String> warn) {
    List<String> values = tokens(data);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<OptionDataType> fields = def.fields();
    if (def.type() == OptionDataType.EMPTY) {
      if (!values.isEmpty()) {
        warn.accept(
            "option '" + def.name() + "' is of type empty; its data '" + data + "' is not sent");
      }
      return Octets.EMPTY;
    }
    if (def.type() == OptionDataType.RECORD) {
      if (values.size() < fields.size()) {
        throw new IllegalArgumentException(
            "option '"
                + def.name()
                + "' is a record of "
                + fields.size()
                + " fields ("
                + typeNames(fields)
                + "), got "
                + values.size()
                + " value"
                + (values.size() == 1 ? "" : "s"));
      }
      for (int i = 0; i < fields.size(); i++) {
        write(fields.get(i), values.get(i).strip(), out);
      }
      if (def.array()) {
        for (int i = fields.size(); i < values.size(); i++) {
          write(fields.get(fields.size() - 1), values.get(i).strip(), out);
        }
      } else if (values.size() > fields.size()) {
        warn.accept(extra(def, values.size(), fields.size()));
      }
      return Octets.of(out.toByteArray());
    }
    if (def.array()) {
      for (String v : values) {
        write(def.type(), v.strip(), out);
      }
      return Octets.of(out.toByteArray());
    }
    if (values.isEmpty()) {
      throw new IllegalArgumentException("option '" + def.name() + "' needs a value");
    }
    if (values.size() > 1) {
      warn.accept(extra(def, values.size(), 1));
    }
    write(def.type(), values.get(0).strip(), out);
    return Octets.of(out.toByteArray());
  }

  private static String extra(OptionDef def, int given, int used) {
    return "option '"
        + def.name()
        + "' takes "
        + used
        + " value"
        + (used == 1 ? "" : "s")
        + " and "
        + given
        + " were given: the rest is ignored, as Kea does"
        + (def.type() == OptionDataType.STRING ? " (write a comma inside a string as \\,)" : "");
  }

  private static String typeNames(List<OptionDataType> fields) {
    List<String> names = new ArrayList<>();
    fields.forEach(f -> names.add(f.keaName()));
    return String.join(", ", names);
  }

  /** Kea's CSV split: commas separate unless escaped; empty values vanish. */
  public static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder token = new StringBuilder();
    boolean escaped = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ',') {
        if (escaped) {
          token.append(c);
          escaped = false;
        } else {
          if (token.length() > 0) {
            out.add(token.toString());
          }
          token.setLength(0);
        }
      } else if (c == '\\') {
        if (escaped) {
          token.append(c);
          escaped = false;
        } else {
          escaped = true;
        }
      } else {
        if (escaped) {
          token.append('\\');
          escaped = false;
        }
        token.append(c);
      }
    }
    if (escaped) {
      token.append('\\');
    }
    if (token.length() > 0) {
      out.add(token.toString());
    }
    return out;
  }

  /** One field value of {@code type}, appended to {@code out}. */
  public static void write(OptionDataType type, String v, ByteArrayOutputStream out) {
    switch (type) {
      case BINARY -> out.writeBytes(hex(v).toByteArray());
      case BOOLEAN -> out.write(bool(v) ? 1 : 0);
      case INT8 -> number(out, integer(v, -128, 127), 1);
      case INT16 -> number(out, integer(v, -32768, 32767), 2);
      case INT32 -> number(out, integer(v, Integer.MIN_VALUE, Integer.MAX_VALUE), 4);
      case UINT8 -> number(out, integer(v, 0, 0xFF), 1);
      case UINT16 -> number(out, integer(v, 0, 0xFFFF), 2);
      case UINT32 -> number(out, integer(v, 0, 0xFFFF_FFFFL), 4);
      case IPV4_ADDRESS -> out.writeBytes(ipv4(v).getAddress());
      case IPV6_ADDRESS -> out.writeBytes(ipv6(v).getAddress());
      case IPV6_PREFIX -> prefix(v, out);
      case PSID -> psid(v, out);
      case STRING -> {
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        if (b.length == 0) {
          throw new IllegalArgumentException("a string value must not be empty");
        }
        out.writeBytes(b);
      }
      case TUPLE -> {
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        if (b.length > 255) {
          throw new IllegalArgumentException(
              "tuple '" + v + "' is " + b.length + " octets, at most 255 fit");
        }
        out.write(b.length);
        out.writeBytes(b);
      }
      case FQDN -> fqdn(v, out);
      case EMPTY, RECORD ->
          throw new IllegalArgumentException("'" + type + "' is not a field type");
    }
  }

  /**
   * Hex as {@code csv-format: false} takes it: plain digits (odd count gets a leading zero), {@code
   * 0x} prefix, or octets separated by ':' or ' ' (one or two digits each).
   */
  public static Octets hex(String text) {
    String t = text.strip();
    if (t.indexOf(':') >= 0 || t.indexOf(' ') >= 0) {
      String sep = t.indexOf(':') >= 0 ? ":" : " ";
      String[] groups = t.split(java.util.regex.Pattern.quote(sep), -1);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (String g : groups) {
        if (g.isEmpty() && groups.length > 1) {
          throw new IllegalArgumentException("'" + text + "' has two separators in a row");
        }
        if (g.length() > 2 || !isHex(g)) {
          throw new IllegalArgumentException("'" + text + "' is not hex octets");
        }
        if (!g.isEmpty()) {
          out.write(Integer.parseInt(g, 16));
        }
      }
      return Octets.of(out.toByteArray());
    }
    if (t.length() > 2 && (t.startsWith("0x") || t.startsWith("0X"))) {
      t = t.substring(2);
    }
    if (!isHex(t)) {
      throw new IllegalArgumentException("'" + text + "' is not a string of hex digits");
    }
    if (t.length() % 2 != 0) {
      t = "0" + t;
    }
    byte[] b = new byte[t.length() / 2];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(t.substring(2 * i, 2 * i + 2), 16);
    }
    return Octets.of(b);
  }

  /** {@code csv-format: false} data: {@code 'quoted text'} as its octets, else {@link #hex}. */
  public static Octets binary(String data) {
    String t = data.strip();
    if (t.length() > 1 && t.charAt(0) == '\'' && t.charAt(t.length() - 1) == '\'') {
      String inner = t.substring(1, t.length() - 1).strip();
      if (!inner.isEmpty()) {
        return Octets.of(inner.getBytes(StandardCharsets.UTF_8));
      }
    }
    return hex(data);
  }

  private static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Kea reads an integer as decimal and, failing that, as hex with or without {@code 0x} (its
   * lexical cast falls back to a hex stream), so {@code "0xf0"} and {@code "f0"} are 240.
   */
  static long integer(String v, long min, long max) {
    long n;
    try {
      n = Long.parseLong(v);
    } catch (NumberFormatException e) {
      String h = v.startsWith("0x") || v.startsWith("0X") ? v.substring(2) : v;
      if (h.isEmpty() || !isHex(h) || h.length() > 15) {
        throw new IllegalArgumentException("'" + v + "' is not an integer", e);
      }
      n = Long.parseLong(h, 16);
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException("'" + v + "' is outside " + min + "-" + max);
    }
    return n;
  }

  private static boolean bool(String v) {
    switch (v.toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        try {
          int n = Integer.parseInt(v);
          if (n == 0 || n == 1) {
            return n == 1;
          }
        } catch (NumberFormatException e) {
          // reported below
        }
        throw new IllegalArgumentException("'" + v + "' is not a boolean (true, false, 1, 0)");
    }
  }

  private static void number(ByteArrayOutputStream out, long value, int octets) {
    for (int i = octets - 1; i >= 0; i--) {
      out.write((int) (value >>> (8 * i)));
    }
  }

  static Inet4Address ipv4(String v) {
    InetAddress a = address(v);
    if (a instanceof Inet4Address v4) {
      return v4;
    }
    throw new IllegalArgumentException("'" + v + "' is not an IPv4 address");
  }

  private static Inet6Address ipv6(String v) {
    InetAddress a = address(v);
    if (a instanceof Inet6Address v6) {
      return v6;
    }
    throw new IllegalArgumentException("'" + v + "' is not an IPv6 address");
  }

  private static InetAddress address(String v) {
    try {
      return IpAddresses.parse(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + v + "' is not an IP address", e);
    }
  }

  private static void prefix(String v, ByteArrayOutputStream out) {
    String t = v.replace(" ", "").replace("\t", "");
    int slash = t.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("'" + v + "' is not an IPv6 prefix (address/length)");
    }
    byte[] address = ipv6(t.substring(0, slash)).getAddress();
    int length = (int) integer(t.substring(slash + 1), 0, 128);
    out.write(length);
    int octets = (length + 7) / 8;
    int padBits = (8 - length % 8) % 8;
    for (int i = 0; i < octets; i++) {
      int b = address[i] & 0xFF;
      if (i == octets - 1 && padBits > 0) {
        b = (b >> padBits) << padBits;
      }
      out.write(b);
    }
  }

  private static void psid(String v, ByteArrayOutputStream out) {
    String t = v.replace(" ", "").replace("\t", "");
    int slash = t.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("'" + v + "' is not a PSID (psid/length)");
    }
    long psid = integer(t.substring(0, slash), 0, 0xFFFF);
    int length = (int) integer(t.substring(slash + 1), 0, 16);
    if (length > 0 && psid > (0xFFFF >> (16 - length))) {
      throw new IllegalArgumentException("PSID " + psid + " does not fit in " + length + " bits");
    }
    out.write(length);
    long shifted = length == 0 ? psid : (psid << (16 - length)) & 0xFFFF;
    number(out, shifted, 2);
  }

  /** RFC 1035 §3.1 wire form, uncompressed, case kept; "." is the root alone. */
  private static void fqdn(String name, ByteArrayOutputStream out) {
    if (name.equals(".")) {
      out.write(0);
      return;
    }
    String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    if (n.isEmpty()) {
      throw new IllegalArgumentException("'" + name + "' is not a domain name");
    }
    int total = 1;
    for (String label : n.split("\\.", -1)) {
      byte[] b = label.getBytes(StandardCharsets.US_ASCII);
      if (b.length == 0 || b.length > 63) {
        throw new IllegalArgumentException("'" + name + "' has an empty or over-long label");
      }
      total += 1 + b.length;
      out.write(b.length);
      out.writeBytes(b);
    }
    if (total > 255) {
      throw new IllegalArgumentException("'" + name + "' is longer than 255 octets");
    }
    out.write(0);
  }

  /**
   * Why {@code payload} (given as hex, {@code csv-format} false) does not fit {@code def}, or null:
   * fixed-size fields need their octets, an array whole elements, a string something besides NULs
   * (Kea builds the option from the octets and refuses what its definition cannot read).
   */
  public static String binaryProblem(OptionDef def, Octets payload) {
    int n = payload.length();
    List<OptionDataType> fields = def.fields();
    if (def.type() == OptionDataType.EMPTY) {
      return null;
    }
    if (def.isString()) {
      for (int i = 0; i < n; i++) {
        if (payload.get(i) != 0) {
          return null;
        }
      }
      return "a string option needs at least one octet that is not NUL";
    }
    int fixed = 0;
    boolean variable = false;
    for (OptionDataType f : fields) {
      if (f.fixedSize() < 0) {
        variable = true;
      } else {
        fixed += f.fixedSize();
      }
    }
    if (variable) {
      return n < fixed ? "option buffer truncated: " + n + " octets, at least " + fixed : null;
    }
    if (!def.array()) {
      return n < fixed ? "option buffer truncated: " + n + " octets, expected " + fixed : null;
    }
    OptionDataType last = fields.get(fields.size() - 1);
    int head = fixed - last.fixedSize();
    if (n < fixed || (n - head) % last.fixedSize() != 0) {
      return n
          + " octets are not "
          + (head > 0 ? head + " octets and " : "")
          + "whole "
          + last.keaName()
          + " values ("
          + last.fixedSize()
          + " octets each)";
    }
    return null;
  }
}
