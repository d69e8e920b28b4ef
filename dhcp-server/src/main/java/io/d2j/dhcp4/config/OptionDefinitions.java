package io.d2j.dhcp4.config;

import io.d2j.dhcp4.Octets;
import io.d2j.ncr.IpAddresses;
import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The standard DHCPv4 option definitions of RFC 2132 (and a few later RFCs) by Kea's names, and the
 * encoding of {@code option-data} text ({@code csv-format} true) into option payloads. Instances
 * are immutable; the parser holds one.
 */
public final class OptionDefinitions {

  /** The payload type of an option, as Kea's definitions name them. */
  public enum Type {
    IPV4_ADDRESS,
    STRING,
    UINT8,
    UINT16,
    UINT32,
    INT32,
    BOOLEAN,
    FQDN,
    BINARY
  }

  /**
   * One definition.
   *
   * @param name Kea's option name
   * @param code the option code
   * @param type the element type
   * @param array whether the payload is a list of elements
   */
  public record Definition(String name, int code, Type type, boolean array) {}

  private final Map<String, Definition> byName = new HashMap<>();
  private final Map<Integer, Definition> byCode = new HashMap<>();

  private OptionDefinitions(List<Definition> definitions) {
    for (Definition d : definitions) {
      byName.put(d.name(), d);
      byCode.put(d.code(), d);
    }
  }

  /** The standard DHCPv4 space ({@code dhcp4}). */
  public static OptionDefinitions standard() {
    return new OptionDefinitions(
        List.of(
            def("subnet-mask", 1, Type.IPV4_ADDRESS, false),
            def("time-offset", 2, Type.INT32, false),
            def("routers", 3, Type.IPV4_ADDRESS, true),
            def("time-servers", 4, Type.IPV4_ADDRESS, true),
            def("name-servers", 5, Type.IPV4_ADDRESS, true),
            def("domain-name-servers", 6, Type.IPV4_ADDRESS, true),
            def("log-servers", 7, Type.IPV4_ADDRESS, true),
            def("cookie-servers", 8, Type.IPV4_ADDRESS, true),
            def("lpr-servers", 9, Type.IPV4_ADDRESS, true),
            def("impress-servers", 10, Type.IPV4_ADDRESS, true),
            def("resource-location-servers", 11, Type.IPV4_ADDRESS, true),
            def("boot-size", 13, Type.UINT16, false),
            def("merit-dump", 14, Type.STRING, false),
            def("domain-name", 15, Type.STRING, false),
            def("swap-server", 16, Type.IPV4_ADDRESS, false),
            def("root-path", 17, Type.STRING, false),
            def("extensions-path", 18, Type.STRING, false),
            def("ip-forwarding", 19, Type.BOOLEAN, false),
            def("non-local-source-routing", 20, Type.BOOLEAN, false),
            def("max-dgram-reassembly", 22, Type.UINT16, false),
            def("default-ip-ttl", 23, Type.UINT8, false),
            def("path-mtu-aging-timeout", 24, Type.UINT32, false),
            def("interface-mtu", 26, Type.UINT16, false),
            def("all-subnets-local", 27, Type.BOOLEAN, false),
            def("broadcast-address", 28, Type.IPV4_ADDRESS, false),
            def("perform-mask-discovery", 29, Type.BOOLEAN, false),
            def("mask-supplier", 30, Type.BOOLEAN, false),
            def("router-discovery", 31, Type.BOOLEAN, false),
            def("router-solicitation-address", 32, Type.IPV4_ADDRESS, false),
            def("static-routes", 33, Type.IPV4_ADDRESS, true),
            def("trailer-encapsulation", 34, Type.BOOLEAN, false),
            def("arp-cache-timeout", 35, Type.UINT32, false),
            def("ieee802-3-encapsulation", 36, Type.BOOLEAN, false),
            def("default-tcp-ttl", 37, Type.UINT8, false),
            def("tcp-keepalive-interval", 38, Type.UINT32, false),
            def("tcp-keepalive-garbage", 39, Type.BOOLEAN, false),
            def("nis-domain", 40, Type.STRING, false),
            def("nis-servers", 41, Type.IPV4_ADDRESS, true),
            def("ntp-servers", 42, Type.IPV4_ADDRESS, true),
            def("vendor-encapsulated-options", 43, Type.BINARY, false),
            def("netbios-name-servers", 44, Type.IPV4_ADDRESS, true),
            def("netbios-dd-server", 45, Type.IPV4_ADDRESS, true),
            def("netbios-node-type", 46, Type.UINT8, false),
            def("netbios-scope", 47, Type.STRING, false),
            def("font-servers", 48, Type.IPV4_ADDRESS, true),
            def("x-display-manager", 49, Type.IPV4_ADDRESS, true),
            def("dhcp-server-identifier", 54, Type.IPV4_ADDRESS, false),
            def("dhcp-message", 56, Type.STRING, false),
            def("vendor-class-identifier", 60, Type.STRING, false), // Kea: OPT_STRING_TYPE
            def("nwip-domain-name", 62, Type.STRING, false),
            def("nis-plus-domain-name", 64, Type.STRING, false),
            def("nis-plus-servers", 65, Type.IPV4_ADDRESS, true),
            def("tftp-server-name", 66, Type.STRING, false),
            def("boot-file-name", 67, Type.STRING, false),
            def("mobile-ip-home-agent", 68, Type.IPV4_ADDRESS, true),
            def("smtp-server", 69, Type.IPV4_ADDRESS, true),
            def("pop-server", 70, Type.IPV4_ADDRESS, true),
            def("nntp-server", 71, Type.IPV4_ADDRESS, true),
            def("www-server", 72, Type.IPV4_ADDRESS, true),
            def("finger-server", 73, Type.IPV4_ADDRESS, true),
            def("irc-server", 74, Type.IPV4_ADDRESS, true),
            def("streettalk-server", 75, Type.IPV4_ADDRESS, true),
            def("streettalk-directory-assistance-server", 76, Type.IPV4_ADDRESS, true),
            def("pcode", 100, Type.STRING, false),
            def("tcode", 101, Type.STRING, false),
            def("v4-captive-portal", 114, Type.STRING, false),
            def("domain-search", 119, Type.FQDN, true)));
  }

  private static Definition def(String name, int code, Type type, boolean array) {
    return new Definition(name, code, type, array);
  }

  public Optional<Definition> byName(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Optional<Definition> byCode(int code) {
    return Optional.ofNullable(byCode.get(code));
  }

  /**
   * Encodes {@code csv} (comma-separated values, Kea's {@code csv-format: true}) per {@code def}.
   *
   * @throws IllegalArgumentException naming the value, e.g. {@code '10.0.0.300' is not an IPv4
   *     address}
   */
  public static Octets encodeCsv(Definition def, String csv) {
    if (def.type() == Type.STRING) {
      // A string option takes the whole text, commas included (it has one element).
      if (csv.isEmpty()) {
        throw new IllegalArgumentException("a string option must not be empty");
      }
      return Octets.of(unescapeCommas(csv).getBytes(StandardCharsets.UTF_8));
    }
    if (def.type() == Type.BINARY) {
      return parseHex(csv);
    }
    String[] values = csv.split(",", -1);
    if (!def.array() && values.length != 1) {
      throw new IllegalArgumentException(
          "expects one value, got " + values.length + " in '" + csv + "'");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String raw : values) {
      String v = raw.trim();
      encodeOne(def.type(), v, out);
    }
    return Octets.of(out.toByteArray());
  }

  private static void encodeOne(Type type, String v, ByteArrayOutputStream out) {
    switch (type) {
      case IPV4_ADDRESS -> out.writeBytes(ipv4(v).getAddress());
      case UINT8 -> writeNumber(out, unsigned(v, 0xFFL), 1);
      case UINT16 -> writeNumber(out, unsigned(v, 0xFFFFL), 2);
      case UINT32 -> writeNumber(out, unsigned(v, 0xFFFF_FFFFL), 4);
      case INT32 -> writeNumber(out, signed32(v), 4);
      case BOOLEAN -> out.write(bool(v) ? 1 : 0);
      case FQDN -> writeFqdn(out, v);
      default -> throw new IllegalStateException("not an element type: " + type);
    }
  }

  private static Inet4Address ipv4(String v) {
    InetAddress a;
    try {
      a = IpAddresses.parse(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + v + "' is not an IPv4 address", e);
    }
    if (a instanceof Inet4Address v4) {
      return v4;
    }
    throw new IllegalArgumentException("'" + v + "' is not an IPv4 address");
  }

  /**
   * Kea splits CSV data on commas with backslash escapes: a backslash before a comma keeps the
   * comma in the value, two backslashes are one, any other backslash stays. So a string with commas
   * is written escaped (Kea's multiple-options.json example sets boot-file-name to a POSIX TZ
   * string that way), and the value sent is the unescaped text.
   */
  static String unescapeCommas(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        char next = text.charAt(i + 1);
        if (next == ',' || next == '\\') {
          out.append(next);
          i++;
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }

  /**
   * Kea reads an integer field as decimal and, failing that, as hexadecimal with or without {@code
   * 0x} (its option definition's lexical cast falls back to a hex stream), so {@code "0xf0"} is
   * 240: Kea's multiple-options.json example relies on it.
   */
  private static long integer(String v) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      String hex = v.startsWith("0x") || v.startsWith("0X") ? v.substring(2) : v;
      try {
        if (!hex.isEmpty() && hex.charAt(0) != '-' && hex.charAt(0) != '+') {
          return Long.parseLong(hex, 16);
        }
      } catch (NumberFormatException notHex) {
        // the decimal error below names the value
      }
      throw new IllegalArgumentException("'" + v + "' is not an integer", e);
    }
  }

  private static long unsigned(String v, long max) {
    long n = integer(v);
    if (n < 0 || n > max) {
      throw new IllegalArgumentException("'" + v + "' is outside 0-" + max);
    }
    return n;
  }

  private static long signed32(String v) {
    long n;
    try {
      n = integer(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + v + "' is not a 32-bit integer", e);
    }
    if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("'" + v + "' is not a 32-bit integer");
    }
    return n;
  }

  private static boolean bool(String v) {
    switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "1":
        return true;
      case "false", "0":
        return false;
      default:
        throw new IllegalArgumentException("'" + v + "' is not a boolean (true/false/1/0)");
    }
  }

  private static void writeNumber(ByteArrayOutputStream out, long value, int octets) {
    for (int i = octets - 1; i >= 0; i--) {
      out.write((int) (value >>> (8 * i)));
    }
  }

  /** RFC 1035 §3.1 wire form, uncompressed (RFC 3397 allows compression; we never need it). */
  private static void writeFqdn(ByteArrayOutputStream out, String name) {
    String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    if (n.isEmpty()) {
      throw new IllegalArgumentException("'" + name + "' is not a domain name");
    }
    for (String label : n.split("\\.", -1)) {
      byte[] b = label.getBytes(StandardCharsets.US_ASCII);
      if (b.length == 0 || b.length > 63) {
        throw new IllegalArgumentException("'" + name + "' has an empty or over-long label");
      }
      out.write(b.length);
      out.writeBytes(b);
    }
    out.write(0);
  }

  /**
   * Hex text as Kea accepts it for {@code csv-format: false}: digits with optional {@code 0x}
   * prefix and optional ':' or ' ' separators between octets.
   */
  public static Octets parseHex(String text) {
    String t = text.trim();
    if (t.startsWith("0x") || t.startsWith("0X")) {
      t = t.substring(2);
    }
    if (t.indexOf(':') >= 0 || t.indexOf(' ') >= 0) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (String g : t.split("[: ]+", -1)) {
        if (g.isEmpty() || g.length() > 2 || !isHex(g)) {
          throw new IllegalArgumentException("'" + text + "' is not hex octets");
        }
        out.write(Integer.parseInt(g, 16));
      }
      return Octets.of(out.toByteArray());
    }
    if (!isHex(t) || t.length() % 2 != 0) {
      throw new IllegalArgumentException(
          "'" + text + "' is not hex octets (an even number of hex digits)");
    }
    byte[] b = new byte[t.length() / 2];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(t.substring(2 * i, 2 * i + 2), 16);
    }
    return Octets.of(b);
  }

  private static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
