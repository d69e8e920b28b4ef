package io.d2j.migrate.convert;

import io.d2j.keaconfig.SourcePosition;
import io.d2j.migrate.conf.ConfSyntaxException;
import io.d2j.migrate.conf.Token;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads an option's value as dhcpd's format string describes it and writes Kea's {@code data}: CSV
 * text when Kea defines the option, else the wire bytes in hex with {@code csv-format: false}.
 *
 * <pre>{@code
 * option routers 10.0.0.1, 10.0.0.2;              -> "data": "10.0.0.1, 10.0.0.2"
 * option domain-search "a.example", "b.example";   -> "data": "a.example, b.example"
 * option pxelinux-magic f1:00:74:7e;               -> "csv-format": false, "data": "F100747E"
 * }</pre>
 */
final class OptionValues {

  /** The converted value. */
  record Data(String data, boolean csv) {}

  /** Why a value can't be converted (the statement is then commented out). */
  static class Unconvertible extends Exception {
    private static final long serialVersionUID = 1L;

    Unconvertible(String reason) {
      super(reason, null, false, false);
    }
  }

  /** A host name where an address is needed, left unresolved under the {@code -r} policy. */
  static final class UnresolvedName extends Unconvertible {
    private static final long serialVersionUID = 1L;
    private final String name;

    UnresolvedName(String name) {
      super("'" + name + "' is a host name; Kea needs an address");
      this.name = name;
    }

    String name() {
      return name;
    }
  }

  private OptionValues() {}

  private record Field(char type, String detail, boolean optional) {}

  /**
   * Converts the value tokens of {@code option NAME VALUE...;}.
   *
   * @param hostAddress turns a host name in an address field into an address; empty to give up
   * @throws Unconvertible when Kea can't be given the value
   * @throws ConfSyntaxException when dhcpd would not have read the value
   */
  static Data convert(
      OptionInfo option,
      List<Token> value,
      SourcePosition at,
      Function<Token, Optional<InetAddress>> hostAddress)
      throws Unconvertible {
    List<Token> atoms = new ArrayList<>();
    for (Token t : value) {
      if (!t.isPunct(",")) {
        atoms.add(t);
      }
    }
    List<Field> fields = new ArrayList<>();
    char repeat = parseFormat(option.format(), fields);
    List<Object> values = new ArrayList<>();
    List<Field> used = new ArrayList<>();
    int i = 0;
    if (fields.size() == 1 && fields.get(0).type() == 'D') {
      for (Token t : atoms) {
        values.add(domain(t));
        used.add(fields.get(0));
      }
      i = atoms.size();
    } else {
      boolean first = true;
      while (first || (repeat != 0 && i < atoms.size())) {
        List<Field> round =
            !first && repeat == 'a' ? fields.subList(fields.size() - 1, fields.size()) : fields;
        for (Field f : round) {
          if (f.type() == 'Z') {
            continue;
          }
          if (i >= atoms.size()) {
            boolean lastRepeated = repeat == 'a' && f.equals(fields.get(fields.size() - 1));
            if (f.optional() || !first || lastRepeated) {
              break;
            }
            throw new ConfSyntaxException(
                at, "option " + option.dhcpdName() + ": a value is missing");
          }
          values.add(read(option, f, atoms.get(i++), hostAddress));
          used.add(f);
        }
        first = false;
      }
    }
    if (i < atoms.size()) {
      throw new ConfSyntaxException(
          atoms.get(i).position(),
          "option " + option.dhcpdName() + ": unexpected '" + atoms.get(i).source() + "'");
    }
    if (option.keaName().isPresent()) {
      return new Data(csv(option, values), true);
    }
    return new Data(HexFormat.of().withUpperCase().formatHex(wire(values, used)), false);
  }

  /** Expands dhcpd's format into fields; returns 'A' (repeat all), 'a' (repeat last) or 0. */
  private static char parseFormat(String format, List<Field> fields) {
    char repeat = 0;
    for (int k = 0; k < format.length(); k++) {
      char c = format.charAt(k);
      switch (c) {
        case 'A', 'a' -> repeat = c;
        case 'o' -> {
          Field last = fields.remove(fields.size() - 1);
          fields.add(new Field(last.type(), last.detail(), true));
        }
        case 'c' -> {} // compressed domain list: the same text
        case 'N', 'E' -> {
          int dot = format.indexOf('.', k);
          fields.add(new Field(c, format.substring(k + 1, dot), false));
          k = dot;
          if (c == 'E') {
            return repeat;
          }
        }
        default -> fields.add(new Field(c, "", false));
      }
    }
    return repeat;
  }

  private static Object read(
      OptionInfo option, Field f, Token t, Function<Token, Optional<InetAddress>> hostAddress)
      throws Unconvertible {
    String text = t.text();
    switch (f.type()) {
      case 'I', '6' -> {
        if (t.kind() == Token.Kind.WORD) {
          Optional<? extends InetAddress> literal =
              f.type() == 'I' ? Addresses.ipv4(text) : Addresses.ipv6(text);
          if (literal.isPresent()) {
            return literal.get();
          }
          if (f.type() == 'I' && Addresses.isHostName(text)) {
            return hostAddress.apply(t).orElseThrow(() -> new UnresolvedName(text));
          }
        }
        throw bad(option, t, f.type() == 'I' ? "an IPv4 address" : "an IPv6 address");
      }
      case 't', 'd' -> {
        if (t.kind() == Token.Kind.STRING || (f.type() == 'd' && t.kind() == Token.Kind.WORD)) {
          return text;
        }
        throw bad(option, t, "a string in quotes");
      }
      case 'D' -> {
        return domain(t);
      }
      case 'f' -> {
        return switch (text.toLowerCase(Locale.ROOT)) {
          case "true", "on" -> true;
          case "false", "off" -> false;
          default -> throw bad(option, t, "true, false, on or off");
        };
      }
      case 'B', 'b', 'S', 's', 'L', 'l', 'T' -> {
        if (f.type() == 'T' && text.equalsIgnoreCase("infinite")) {
          return 0xffffffffL;
        }
        return number(option, f.type(), t);
      }
      case 'X' -> {
        return bytes(option, t);
      }
      case 'N' -> {
        if (t.kind() != Token.Kind.WORD) {
          throw bad(option, t, "a name");
        }
        throw new Unconvertible("enumerated values (" + f.detail() + ") have no Kea text form");
      }
      case 'E' -> {
        return bytes(option, t);
      }
      default -> throw new Unconvertible("dhcpd format '" + f.type() + "' is not supported");
    }
  }

  private static String domain(Token t) {
    if (t.kind() != Token.Kind.STRING && t.kind() != Token.Kind.WORD) {
      throw new ConfSyntaxException(
          t.position(), "expecting a domain name, got '" + t.source() + "'");
    }
    return t.text();
  }

  private static ConfSyntaxException bad(OptionInfo option, Token t, String expected) {
    return new ConfSyntaxException(
        t.position(),
        "option " + option.dhcpdName() + ": expecting " + expected + ", got '" + t.source() + "'");
  }

  private static Long number(OptionInfo option, char type, Token t) {
    long v;
    try {
      String s = t.text();
      v =
          s.startsWith("0x") || s.startsWith("0X")
              ? Long.parseLong(s.substring(2), 16)
              : Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw bad(option, t, "a number");
    }
    long min;
    long max;
    switch (type) {
      case 'B' -> {
        min = 0;
        max = 0xff;
      }
      case 'b' -> {
        min = -128;
        max = 127;
      }
      case 'S' -> {
        min = 0;
        max = 0xffff;
      }
      case 's' -> {
        min = -32768;
        max = 32767;
      }
      case 'l' -> {
        min = Integer.MIN_VALUE;
        max = Integer.MAX_VALUE;
      }
      default -> {
        min = 0;
        max = 0xffffffffL;
      }
    }
    if (v < min || v > max) {
      throw new ConfSyntaxException(
          t.position(),
          "option " + option.dhcpdName() + ": " + v + " is out of range " + min + ".." + max);
    }
    return v;
  }

  /** A string token as its bytes, or colon-separated hex ({@code 1:a0:ff}) as the octets. */
  static byte[] bytes(OptionInfo option, Token t) {
    if (t.kind() == Token.Kind.STRING) {
      return t.text().getBytes(StandardCharsets.ISO_8859_1);
    }
    return Hex.colonSeparated(t)
        .orElseThrow(() -> bad(option, t, "a string in quotes or colon-separated hex"));
  }

  private static String csv(OptionInfo option, List<Object> values) {
    List<String> parts = new ArrayList<>();
    for (int k = 0; k < values.size(); k++) {
      Object v = values.get(k);
      if (v instanceof InetAddress a) {
        parts.add(Addresses.text(a));
      } else if (v instanceof byte[] b) {
        parts.add(binaryText(option, b));
      } else if (v instanceof String s) {
        parts.add(s.replace(",", "\\,"));
      } else {
        parts.add(String.valueOf(v));
      }
    }
    return String.join(", ", parts);
  }

  /** Bytes for a Kea field: text when Kea's type is a string and they are printable, else hex. */
  private static String binaryText(OptionInfo option, byte[] b) {
    if (option.keaType().equals("string") && printable(b)) {
      return new String(b, StandardCharsets.ISO_8859_1).replace(",", "\\,");
    }
    return HexFormat.of().withUpperCase().formatHex(b);
  }

  private static boolean printable(byte[] b) {
    for (byte x : b) {
      if (x < 0x20 || x == 0x7f) {
        return false;
      }
    }
    return b.length > 0;
  }

  private static byte[] wire(List<Object> values, List<Field> fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int k = 0; k < values.size(); k++) {
      Object v = values.get(k);
      char type = fields.get(k).type();
      if (v instanceof InetAddress a) {
        out.writeBytes(a.getAddress());
      } else if (v instanceof byte[] b) {
        out.writeBytes(b);
      } else if (v instanceof Boolean b) {
        out.write(b ? 1 : 0);
      } else if (v instanceof Long n) {
        int octets =
            switch (type) {
              case 'B', 'b' -> 1;
              case 'S', 's' -> 2;
              default -> 4;
            };
        for (int s = octets - 1; s >= 0; s--) {
          out.write((int) (n >>> (8 * s)) & 0xff);
        }
      } else if (v instanceof String s) {
        if (type == 'd' || type == 'D') {
          out.writeBytes(Hex.dnsWire(s));
        } else {
          out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
        }
      }
    }
    return out.toByteArray();
  }
}
