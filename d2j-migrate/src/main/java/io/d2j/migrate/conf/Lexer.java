package io.d2j.migrate.conf;

import io.d2j.keaconfig.SourcePosition;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits dhcpd.conf text into {@link Token}s with their positions.
 *
 * <p>Words are maximal runs of letters, digits and {@code - _ . : /}, so an IPv6 prefix, a MAC
 * address or a dotted option name is one word; the parser gives words their meaning. Strings take
 * dhcpd's escapes ({@code \t \r \n \b}, up to three octal digits, {@code \x} and up to two hex
 * digits; any other escaped character stands for itself).
 */
public final class Lexer {
  private static final java.util.Set<String> TWO_CHAR_PUNCT = java.util.Set.of("!=", "~=", "~~");
  private static final String PUNCT = "{};,()=!&|+*%~^[]";

  private final String source;
  private final String text;
  private int index;
  private int line = 1;
  private int column = 1;

  private Lexer(String source, String text) {
    this.source = source;
    this.text = text;
  }

  /** All tokens of {@code text}, ending with one {@link Token.Kind#EOF}. */
  public static List<Token> tokenize(String source, String text) {
    return new Lexer(source, text).run();
  }

  private List<Token> run() {
    List<Token> tokens = new ArrayList<>();
    while (true) {
      skipBlanks();
      SourcePosition at = new SourcePosition(source, line, column);
      if (index >= text.length()) {
        tokens.add(new Token(Token.Kind.EOF, "", at));
        return tokens;
      }
      char c = text.charAt(index);
      if (c == '#') {
        int end = text.indexOf('\n', index);
        end = end < 0 ? text.length() : end;
        String comment = text.substring(index + 1, end);
        advance(end - index);
        tokens.add(new Token(Token.Kind.COMMENT, stripCr(comment), at));
      } else if (c == '"') {
        tokens.add(new Token(Token.Kind.STRING, readString(at), at));
      } else if (isWordChar(c)) {
        int start = index;
        while (index < text.length() && isWordChar(text.charAt(index))) {
          advance(1);
        }
        tokens.add(new Token(Token.Kind.WORD, text.substring(start, index), at));
      } else if (index + 1 < text.length()
          && TWO_CHAR_PUNCT.contains(text.substring(index, index + 2))) {
        String p = text.substring(index, index + 2);
        advance(2);
        tokens.add(new Token(Token.Kind.PUNCT, p, at));
      } else if (PUNCT.indexOf(c) >= 0) {
        advance(1);
        tokens.add(new Token(Token.Kind.PUNCT, String.valueOf(c), at));
      } else {
        throw new ConfSyntaxException(
            at, String.format("unexpected character '%s' (U+%04X)", printable(c), (int) c));
      }
    }
  }

  private static String stripCr(String s) {
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  private static String printable(char c) {
    return c < 0x20 || c == 0x7f ? "?" : String.valueOf(c);
  }

  static boolean isWordChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_'
        || c == '.'
        || c == ':'
        || c == '/';
  }

  private void skipBlanks() {
    while (index < text.length()) {
      char c = text.charAt(index);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        advance(1);
      } else {
        return;
      }
    }
  }

  private void advance(int n) {
    for (int i = 0; i < n; i++) {
      if (text.charAt(index) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
      index++;
    }
  }

  private String readString(SourcePosition at) {
    advance(1);
    StringBuilder b = new StringBuilder();
    while (true) {
      if (index >= text.length()) {
        throw new ConfSyntaxException(at, "unterminated string");
      }
      char c = text.charAt(index);
      if (c == '"') {
        advance(1);
        return b.toString();
      }
      if (c == '\\') {
        advance(1);
        if (index >= text.length()) {
          throw new ConfSyntaxException(at, "unterminated string");
        }
        char e = text.charAt(index);
        switch (e) {
          case 't' -> append(b, '\t');
          case 'r' -> append(b, '\r');
          case 'n' -> append(b, '\n');
          case 'b' -> append(b, '\b');
          case 'x' -> {
            advance(1);
            b.append((char) readDigits(16, 2));
          }
          default -> {
            if (e >= '0' && e <= '7') {
              b.append((char) readDigits(8, 3));
            } else {
              append(b, e);
            }
          }
        }
      } else {
        append(b, c);
      }
    }
  }

  private void append(StringBuilder b, char c) {
    b.append(c);
    advance(1);
  }

  private int readDigits(int radix, int max) {
    int value = 0;
    int n = 0;
    while (n < max && index < text.length() && Character.digit(text.charAt(index), radix) >= 0) {
      value = value * radix + Character.digit(text.charAt(index), radix);
      advance(1);
      n++;
    }
    return value & 0xff;
  }
}
