package io.d2j.keaconfig;

/**
 * Decodes one JSON string literal (RFC 8259 §7): the escapes {@code \" \\ \/ \b \f \n \r \t} and
 * {@code \}{@code uXXXX}, where a UTF-16 surrogate must come as a high/low pair. Raw control
 * characters are refused as the RFC requires; a line end before the closing quote means the quote
 * is missing, so it is reported as an unterminated string at the opening quote.
 */
final class StringLiteral {

  private StringLiteral() {}

  /** Reads from the opening quote at the cursor to past the closing one. */
  static String read(SourceCursor s, ConfigPath where) {
    SourcePosition start = s.position();
    s.advance();
    StringBuilder out = new StringBuilder();
    while (true) {
      if (s.atEnd() || s.peek() == '\n' || s.peek() == '\r') {
        throw new ConfigException(where, start, "unterminated string");
      }
      char c = s.peek();
      if (c == '"') {
        s.advance();
        return out.toString();
      }
      if (c == '\\') {
        escape(s, where, start, out);
      } else if (c < 0x20) {
        throw new ConfigException(
            where, s.position(), String.format("control character U+%04X in string", (int) c));
      } else {
        out.append(c);
        s.advance();
      }
    }
  }

  private static void escape(
      SourceCursor s, ConfigPath where, SourcePosition start, StringBuilder out) {
    SourcePosition at = s.position();
    char kind = s.peekAt(1);
    char decoded =
        switch (kind) {
          case '"' -> '"';
          case '\\' -> '\\';
          case '/' -> '/';
          case 'b' -> '\b';
          case 'f' -> '\f';
          case 'n' -> '\n';
          case 'r' -> '\r';
          case 't' -> '\t';
          case 'u' -> unicode(s, where, start, at);
          default -> {
            if ((kind == '\0' && s.remaining() <= 1) || kind == '\n' || kind == '\r') {
              throw new ConfigException(where, start, "unterminated string");
            }
            throw new ConfigException(where, at, "invalid escape '\\" + kind + "' in string");
          }
        };
    if (kind != 'u') {
      s.advance(2);
    }
    if (Character.isLowSurrogate(decoded)
        || (Character.isHighSurrogate(decoded) && !pairedLow(s, where, start, out, decoded))) {
      throw new ConfigException(
          where, at, String.format("unpaired surrogate '\\u%04x' in string", (int) decoded));
    }
    if (!Character.isHighSurrogate(decoded)) {
      out.append(decoded);
    }
  }

  /** Reads {@code \}{@code uXXXX} at the cursor and advances past it. */
  private static char unicode(
      SourceCursor s, ConfigPath where, SourcePosition start, SourcePosition at) {
    int value = 0;
    StringBuilder seen = new StringBuilder("\\u");
    for (int i = 2; i < 6; i++) {
      char h = s.peekAt(i);
      int digit = Character.digit(h, 16);
      if (digit < 0 || h > 'f') { // Character.digit also accepts non-ASCII digits
        if (h == '\n' || h == '\r' || (h == '\0' && s.remaining() <= i)) {
          throw new ConfigException(where, start, "unterminated string");
        }
        if (h != '"') {
          seen.append(h);
        }
        throw new ConfigException(where, at, "invalid escape '" + seen + "' in string");
      }
      seen.append(h);
      value = value * 16 + digit;
    }
    s.advance(6);
    return (char) value;
  }

  /** After a high surrogate: consumes a following low-surrogate escape and appends the pair. */
  private static boolean pairedLow(
      SourceCursor s, ConfigPath where, SourcePosition start, StringBuilder out, char high) {
    if (s.peekAt(0) != '\\' || s.peekAt(1) != 'u') {
      return false;
    }
    SourcePosition at = s.position();
    char low = unicode(s, where, start, at);
    if (!Character.isLowSurrogate(low)) {
      return false;
    }
    out.append(high).append(low);
    return true;
  }
}
