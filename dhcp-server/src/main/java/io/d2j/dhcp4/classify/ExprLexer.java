package io.d2j.dhcp4.classify;

import io.d2j.ncr.IpAddresses;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a Kea expression into tokens as Kea's flex lexer does: the longest match wins, and among
 * equally long ones the earlier rule (string, hex string, integer, option name, address, keyword,
 * punctuation). Keywords need no word boundary ({@code notmember('a')} is {@code not member(...)}),
 * and an option name is only an option name when {@code ]} follows it (after optional blanks).
 */
final class ExprLexer {

  enum Kind {
    STRING,
    HEXSTRING,
    INTEGER,
    OPTION_NAME,
    IP_ADDRESS,
    KEYWORD,
    PUNCT,
    END
  }

  /**
   * A token.
   *
   * @param text the keyword or punctuation spelling, the string's content, the integer's digits,
   *     the option name
   * @param bytes the value of a string, hex string or address literal
   * @param column 1-based column of its first character
   */
  record Token(Kind kind, String text, byte[] bytes, int column) {

    boolean is(String keywordOrPunct) {
      return (kind == Kind.KEYWORD || kind == Kind.PUNCT) && text.equals(keywordOrPunct);
    }

    String describe() {
      return switch (kind) {
        case END -> "the end of the expression";
        case STRING -> "string '" + text + "'";
        case HEXSTRING -> "hex string " + text;
        case INTEGER -> "integer " + text;
        case IP_ADDRESS -> "address " + text;
        case OPTION_NAME -> "option name '" + text + "'";
        default -> "'" + text + "'";
      };
    }
  }

  /** Kea 2.2's keywords, plus lcase/ucase (Kea 2.4). */
  private static final List<String> KEYWORDS =
      List.of(
          "option",
          "relay4",
          "relay6",
          "peeraddr",
          "linkaddr",
          "text",
          "hex",
          "exists",
          "pkt",
          "iface",
          "src",
          "dst",
          "len",
          "pkt4",
          "mac",
          "hlen",
          "htype",
          "ciaddr",
          "giaddr",
          "yiaddr",
          "siaddr",
          "pkt6",
          "msgtype",
          "transid",
          "vendor",
          "vendor-class",
          "data",
          "enterprise",
          "substring",
          "split",
          "all",
          "concat",
          "ifelse",
          "hexstring",
          "addrtotext",
          "int8totext",
          "int16totext",
          "int32totext",
          "uint8totext",
          "uint16totext",
          "uint32totext",
          "lcase",
          "ucase",
          "not",
          "and",
          "or",
          "member");

  private static final List<String> PUNCTUATION =
      List.of("==", ".", "(", ")", "[", "]", ",", "*", "+");

  private final String text;
  private int pos;

  private ExprLexer(String text) {
    this.text = text;
  }

  static List<Token> tokens(String text) {
    ExprLexer lexer = new ExprLexer(text);
    List<Token> out = new ArrayList<>();
    Token t;
    do {
      t = lexer.next();
      out.add(t);
    } while (t.kind() != Kind.END);
    return out;
  }

  private Token next() {
    while (pos < text.length() && isBlankOrNewline(text.charAt(pos))) {
      pos++;
    }
    int start = pos;
    int column = start + 1;
    if (pos >= text.length()) {
      return new Token(Kind.END, "", null, column);
    }
    char c = text.charAt(pos);
    if (c == '\'') {
      int close = pos + 1;
      while (close < text.length() && text.charAt(close) != '\'' && text.charAt(close) != '\n') {
        close++;
      }
      if (close >= text.length() || text.charAt(close) != '\'') {
        throw new ExpressionException(column, "unterminated string: a ' is missing");
      }
      String value = text.substring(pos + 1, close);
      pos = close + 1;
      return new Token(Kind.STRING, value, value.getBytes(StandardCharsets.UTF_8), column);
    }
    // Candidates in rule order; the longest wins, the first of equals.
    int hex = hexLength(start);
    int integer = integerLength(start);
    int optionName = optionNameLength(start);
    int address = addressLength(start);
    int keyword = 0;
    String kw = null;
    for (String k : KEYWORDS) {
      if (text.startsWith(k, start) && k.length() > keyword) {
        keyword = k.length();
        kw = k;
      }
    }
    int punct = 0;
    String p = null;
    for (String q : PUNCTUATION) {
      if (text.startsWith(q, start) && q.length() > punct) {
        punct = q.length();
        p = q;
      }
    }
    int[] lengths = {hex, integer, optionName, address, keyword, punct};
    int best = -1;
    int bestLength = 0;
    for (int i = 0; i < lengths.length; i++) {
      if (lengths[i] > bestLength) {
        best = i;
        bestLength = lengths[i];
      }
    }
    switch (best) {
      case 0 -> {
        pos = start + hex;
        return new Token(
            Kind.HEXSTRING, text.substring(start, pos), hexBytes(start + 2, pos), column);
      }
      case 1 -> {
        pos = start + integer;
        return new Token(Kind.INTEGER, text.substring(start, pos), null, column);
      }
      case 2 -> {
        String name = nameAt(start);
        pos = start + name.length();
        return new Token(Kind.OPTION_NAME, name, null, column);
      }
      case 3 -> {
        pos = start + address;
        String literal = text.substring(start, pos);
        InetAddress a;
        try {
          a = IpAddresses.parse(literal);
        } catch (IllegalArgumentException e) {
          throw new ExpressionException(column, "'" + literal + "' is not an IP address");
        }
        return new Token(Kind.IP_ADDRESS, literal, a.getAddress(), column);
      }
      case 4 -> {
        pos = start + keyword;
        return new Token(Kind.KEYWORD, kw, null, column);
      }
      case 5 -> {
        pos = start + punct;
        return new Token(Kind.PUNCT, p, null, column);
      }
      default -> {
        int cp = text.codePointAt(start);
        String shown =
            Character.isISOControl(cp) || Character.isWhitespace(cp)
                ? String.format("U+%04X", cp)
                : "'" + new String(Character.toChars(cp)) + "'";
        String word = wordAt(start);
        throw new ExpressionException(
            column,
            word.length() > 1 ? "unknown word '" + word + "'" : "unexpected character " + shown);
      }
    }
  }

  private static boolean isBlankOrNewline(char c) {
    return c == ' ' || c == '\t' || c == '\n';
  }

  private int hexLength(int at) {
    if (at + 2 < text.length()
        && text.charAt(at) == '0'
        && (text.charAt(at + 1) == 'x' || text.charAt(at + 1) == 'X')) {
      int i = at + 2;
      while (i < text.length() && Character.digit(text.charAt(i), 16) >= 0) {
        i++;
      }
      return i > at + 2 ? i - at : 0;
    }
    return 0;
  }

  private byte[] hexBytes(int from, int to) {
    String digits = text.substring(from, to);
    if (digits.length() % 2 != 0) {
      digits = "0" + digits;
    }
    byte[] out = new byte[digits.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }

  private int integerLength(int at) {
    int i = at;
    if (i < text.length() && text.charAt(i) == '-') {
      i++;
    }
    int digits = i;
    while (i < text.length() && isDigit(text.charAt(i))) {
      i++;
    }
    return i > digits ? i - at : 0;
  }

  /** The option-name rule's match length, counting the blanks and ']' of its trailing context. */
  private int optionNameLength(int at) {
    String name = nameAt(at);
    if (name.isEmpty()) {
      return 0;
    }
    int i = at + name.length();
    while (i < text.length() && isBlankOrNewline(text.charAt(i))) {
      i++;
    }
    return i < text.length() && text.charAt(i) == ']' ? i + 1 - at : 0;
  }

  /** {@code [A-Za-z]([-_A-Za-z0-9]*[A-Za-z0-9])?} at {@code at}, or "". */
  private String nameAt(int at) {
    if (at >= text.length() || !isLetter(text.charAt(at))) {
      return "";
    }
    int i = at + 1;
    int lastGood = i;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (isLetter(c) || isDigit(c)) {
        i++;
        lastGood = i;
      } else if (c == '-' || c == '_') {
        i++;
      } else {
        break;
      }
    }
    return text.substring(at, lastGood);
  }

  private String wordAt(int at) {
    int i = at;
    while (i < text.length()
        && (isLetter(text.charAt(i)) || isDigit(text.charAt(i)) || text.charAt(i) == '-')) {
      i++;
    }
    return text.substring(at, Math.max(i, at + 1));
  }

  /** {@code addr4} or {@code addr6} of Kea's lexer; checked as an address by the caller. */
  private int addressLength(int at) {
    // addr4: [0-9]+\.[0-9]+\.[0-9]+\.[0-9]+
    int i = at;
    int groups = 0;
    int v4 = 0;
    while (true) {
      int digits = i;
      while (i < text.length() && isDigit(text.charAt(i))) {
        i++;
      }
      if (i == digits) {
        break;
      }
      groups++;
      if (groups == 4) {
        v4 = i - at;
        break;
      }
      if (i < text.length() && text.charAt(i) == '.') {
        i++;
      } else {
        break;
      }
    }
    // addr6: [0-9a-fA-F]*\:[0-9a-fA-F]*\:[0-9a-fA-F:.]*
    int j = at;
    while (j < text.length() && Character.digit(text.charAt(j), 16) >= 0) {
      j++;
    }
    int v6 = 0;
    if (j < text.length() && text.charAt(j) == ':') {
      j++;
      while (j < text.length() && Character.digit(text.charAt(j), 16) >= 0) {
        j++;
      }
      if (j < text.length() && text.charAt(j) == ':') {
        j++;
        while (j < text.length()
            && (Character.digit(text.charAt(j), 16) >= 0
                || text.charAt(j) == ':'
                || text.charAt(j) == '.')) {
          j++;
        }
        v6 = j - at;
      }
    }
    return Math.max(v4, v6);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
