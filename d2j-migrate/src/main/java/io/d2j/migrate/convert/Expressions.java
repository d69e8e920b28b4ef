package io.d2j.migrate.convert;

import io.d2j.migrate.conf.Statement;
import io.d2j.migrate.conf.Token;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * dhcpd's boolean and data expressions to Kea's client-class test language, for the part the two
 * share: option values and existence, substrings and suffixes, concatenation, constants, the relay
 * agent's sub-options, {@code known}, {@code and}/{@code or}/{@code not}, {@code =} and {@code !=}.
 * Anything else is {@link OptionValues.Unconvertible}, and the construct is commented out with the
 * expression kept.
 *
 * <pre>{@code
 * substring (option vendor-class-identifier, 0, 4) = "SUNW"
 *     -> substring(option[60].hex,0,4) == 'SUNW'
 * }</pre>
 */
final class Expressions {
  private final OptionCatalog options;
  private final Family family;
  private List<Token> tokens;
  private int next;

  Expressions(OptionCatalog options, Family family) {
    this.options = options;
    this.family = family;
  }

  /** A boolean expression (the whole token list). */
  String bool(List<Token> expression) throws OptionValues.Unconvertible {
    start(expression);
    String e = or();
    end();
    return e;
  }

  /** A data expression (the whole token list). */
  String data(List<Token> expression) throws OptionValues.Unconvertible {
    start(expression);
    String e = data();
    end();
    return e;
  }

  /** A constant data value as a Kea literal: {@code 'text'} or {@code 0x0102}. */
  static String literal(Token t) throws OptionValues.Unconvertible {
    if (t.kind() == Token.Kind.STRING) {
      return text(t.text().getBytes(StandardCharsets.ISO_8859_1));
    }
    Optional<byte[]> hex = Hex.colonSeparated(t);
    if (hex.isPresent()) {
      return "0x" + HexFormat.of().withUpperCase().formatHex(hex.get());
    }
    throw new OptionValues.Unconvertible("'" + t.source() + "' is not a constant Kea can compare");
  }

  private static String text(byte[] b) {
    for (byte x : b) {
      if (x < 0x20 || x == 0x7f || x == '\'' || x == '\\') {
        return "0x" + HexFormat.of().withUpperCase().formatHex(b);
      }
    }
    return "'" + new String(b, StandardCharsets.ISO_8859_1) + "'";
  }

  private void start(List<Token> expression) {
    this.tokens = expression;
    this.next = 0;
  }

  private void end() throws OptionValues.Unconvertible {
    if (next < tokens.size()) {
      throw unsupported("'" + tokens.get(next).source() + "'");
    }
  }

  private Token peek() {
    return next < tokens.size() ? tokens.get(next) : null;
  }

  private boolean peekWord(String w) {
    Token t = peek();
    return t != null && t.isWord(w);
  }

  private boolean peekPunct(String p) {
    Token t = peek();
    return t != null && t.isPunct(p);
  }

  private Token take() throws OptionValues.Unconvertible {
    if (next >= tokens.size()) {
      throw new OptionValues.Unconvertible("the expression ends too early");
    }
    return tokens.get(next++);
  }

  private void expect(String punct) throws OptionValues.Unconvertible {
    Token t = take();
    if (!t.isPunct(punct)) {
      throw new OptionValues.Unconvertible("'" + punct + "' expected, got '" + t.source() + "'");
    }
  }

  private static OptionValues.Unconvertible unsupported(String what) {
    return new OptionValues.Unconvertible(
        what + " has no counterpart in Kea's expression language");
  }

  private String or() throws OptionValues.Unconvertible {
    String left = and();
    while (peekWord("or")) {
      next++;
      left = "(" + left + ") or (" + and() + ")";
    }
    return left;
  }

  private String and() throws OptionValues.Unconvertible {
    String left = not();
    while (peekWord("and")) {
      next++;
      left = "(" + left + ") and (" + not() + ")";
    }
    return left;
  }

  private String not() throws OptionValues.Unconvertible {
    if (peekWord("not")) {
      next++;
      return "not (" + not() + ")";
    }
    return primary();
  }

  private String primary() throws OptionValues.Unconvertible {
    if (peekPunct("(")) {
      next++;
      String inner = or();
      expect(")");
      return inner;
    }
    if (peekWord("exists")) {
      next++;
      return optionRef(take(), "exists");
    }
    if (peekWord("known")) {
      next++;
      return "member('KNOWN')";
    }
    if (peekWord("static")) {
      throw unsupported("'static'");
    }
    String left = data();
    Token op = take();
    if (op.isPunct("=")) {
      return left + " == " + data();
    }
    if (op.isPunct("!=")) {
      return "not (" + left + " == " + data() + ")";
    }
    if (op.isPunct("~=") || op.isPunct("~~")) {
      throw unsupported("regular-expression matching ('" + op.text() + "')");
    }
    throw new OptionValues.Unconvertible("'=' expected, got '" + op.source() + "'");
  }

  private String data() throws OptionValues.Unconvertible {
    Token t = take();
    if (t.kind() == Token.Kind.STRING) {
      return literal(t);
    }
    if (t.kind() != Token.Kind.WORD) {
      throw new OptionValues.Unconvertible("unexpected '" + t.source() + "'");
    }
    switch (t.text().toLowerCase(Locale.ROOT)) {
      case "option" -> {
        return optionRef(take(), "hex");
      }
      case "substring" -> {
        expect("(");
        String inner = hardwareOr();
        expect(",");
        long offset = number();
        expect(",");
        long length = number();
        expect(")");
        if (inner.equals("hardware")) {
          if (offset < 1) {
            throw unsupported("the hardware type octet");
          }
          return "substring(pkt4.mac," + (offset - 1) + "," + length + ")";
        }
        return "substring(" + inner + "," + offset + "," + length + ")";
      }
      case "suffix" -> {
        expect("(");
        String inner = data();
        expect(",");
        long length = number();
        expect(")");
        return "substring(" + inner + ",-" + length + ",all)";
      }
      case "concat" -> {
        expect("(");
        String result = data();
        while (peekPunct(",")) {
          next++;
          result = "concat(" + result + "," + data() + ")";
        }
        expect(")");
        return result;
      }
      case "hardware" ->
          throw unsupported("'hardware' with its type octet (use substring(hardware, 1, 6))");
      default -> {
        if (Hex.colonSeparated(t).isPresent() && t.text().contains(":")) {
          return literal(t);
        }
        throw unsupported("'" + t.text() + "'");
      }
    }
  }

  private String hardwareOr() throws OptionValues.Unconvertible {
    if (peekWord("hardware") && family == Family.V4) {
      next++;
      return "hardware";
    }
    return data();
  }

  private long number() throws OptionValues.Unconvertible {
    Token t = take();
    try {
      return Long.parseLong(t.text());
    } catch (NumberFormatException e) {
      throw new OptionValues.Unconvertible("a number expected, got '" + t.source() + "'");
    }
  }

  private String optionRef(Token name, String field) throws OptionValues.Unconvertible {
    Optional<OptionInfo> o = options.find(name.text());
    if (o.isEmpty()) {
      throw new OptionValues.Unconvertible("no option named " + name.text());
    }
    String space = o.get().space().toLowerCase(Locale.ROOT);
    int code = o.get().code();
    if (space.equals("agent") && family == Family.V4) {
      return "relay4[" + code + "]." + field;
    }
    if (space.equals(family == Family.V4 ? "dhcp" : "dhcp6")) {
      return "option[" + code + "]." + field;
    }
    throw unsupported("option " + name.text() + " (space " + space + ")");
  }

  /** The words after the statement's keyword(s) up to its end. */
  static List<Token> after(Statement s, int skip) {
    return new ArrayList<>(s.words().subList(skip, s.words().size()));
  }
}
