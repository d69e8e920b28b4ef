package io.d2j.keaconfig;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Splits Kea's JSON dialect into tokens: JSON plus {@code #}, {@code //} and (non-nesting) block
 * comments and {@code <?include "file" ?>} directives. An include is textual, as in Kea: the
 * included file's tokens continue the stream where the directive stood, so a file may hold a whole
 * value or just a few members. Each token carries its own file's position.
 *
 * <p>Errors are {@link ConfigException}s at the path the parser passes in. Confined to one parse.
 */
final class KeaLexer {

  enum Kind {
    LBRACE,
    RBRACE,
    LBRACKET,
    RBRACKET,
    COLON,
    COMMA,
    STRING,
    NUMBER,
    TRUE,
    FALSE,
    NULL,
    WORD,
    OTHER,
    EOF
  }

  /** A token; {@code text} is the decoded value for strings, the spelling otherwise. */
  record Token(Kind kind, String text, SourcePosition position) {

    /** How error texts name the token: {@code '"'} for any string, else its spelling. */
    String describe() {
      return switch (kind) {
        case EOF -> "end of input";
        case STRING -> "'\"'";
        case OTHER -> {
          int cp = text.codePointAt(0);
          yield Character.isISOControl(cp) || Character.isWhitespace(cp)
              ? String.format("U+%04X", cp)
              : "'" + text + "'";
        }
        default -> "'" + (text.length() > 32 ? text.substring(0, 32) + "..." : text) + "'";
      };
    }
  }

  /** Longer digit strings are hostile, not configuration; BigInteger parsing is quadratic. */
  private static final int MAX_NUMBER_LENGTH = 1000;

  /**
   * Kea's lexers (dhcp4, d2, agent) take {@code -?[0-9]+} as an integer and anything else of {@code
   * [-+]?[0-9]*\.?[0-9]*([eE][-+]?[0-9]+)?} that converts to a double as a real: so {@code .5},
   * {@code 5.}, {@code +0.5} and {@code 007} are numbers there (Kea's own all-keys.json writes
   * {@code "t1-percent": .5}), and {@code +1}, having no integer spelling, is a real.
   */
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");

  private static final Pattern REAL =
      Pattern.compile("[-+]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?");

  /** The innermost source on top. */
  private final Deque<SourceCursor> sources = new ArrayDeque<>();

  KeaLexer(SourceCursor main) {
    sources.push(Objects.requireNonNull(main, "main"));
  }

  /** The next token; the end of an included file is silent, only the main one yields EOF. */
  Token next(ConfigPath where) {
    while (true) {
      SourceCursor s = sources.peek();
      skipBlanksAndComments(s, where);
      if (s.atEnd()) {
        if (sources.size() > 1) {
          sources.pop();
          continue;
        }
        return new Token(Kind.EOF, "", s.position());
      }
      char c = s.peek();
      if (c == '<' && s.peekAt(1) == '?') {
        include(s, where);
        continue;
      }
      Kind punctuation = punctuation(c);
      if (punctuation != null) {
        SourcePosition at = s.position();
        s.advance();
        return new Token(punctuation, String.valueOf(c), at);
      }
      if (c == '"') {
        SourcePosition at = s.position();
        return new Token(Kind.STRING, StringLiteral.read(s, where), at);
      }
      if (c == '-' || c == '+' || c == '.' || isDigit(c)) {
        return number(s, where);
      }
      if (isLetter(c)) {
        return word(s);
      }
      SourcePosition at = s.position();
      int cp = s.codePoint();
      s.advance(Character.charCount(cp));
      return new Token(Kind.OTHER, new String(Character.toChars(cp)), at);
    }
  }

  private static Kind punctuation(char c) {
    return switch (c) {
      case '{' -> Kind.LBRACE;
      case '}' -> Kind.RBRACE;
      case '[' -> Kind.LBRACKET;
      case ']' -> Kind.RBRACKET;
      case ':' -> Kind.COLON;
      case ',' -> Kind.COMMA;
      default -> null;
    };
  }

  private static void skipBlanksAndComments(SourceCursor s, ConfigPath where) {
    while (!s.atEnd()) {
      char c = s.peek();
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        s.advance();
      } else if (c == '#' || (c == '/' && s.peekAt(1) == '/')) {
        while (!s.atEnd() && s.peek() != '\n') {
          s.advance();
        }
      } else if (c == '/' && s.peekAt(1) == '*') {
        SourcePosition start = s.position();
        s.advance(2);
        while (!s.startsWith("*/")) {
          if (s.atEnd()) {
            throw new ConfigException(where, start, "unterminated comment");
          }
          s.advance();
        }
        s.advance(2);
      } else {
        return;
      }
    }
  }

  private static Token number(SourceCursor s, ConfigPath where) {
    SourcePosition at = s.position();
    StringBuilder text = new StringBuilder();
    while (!s.atEnd() && isNumberChar(s.peek())) {
      if (text.length() == MAX_NUMBER_LENGTH) {
        throw new ConfigException(
            where, at, "number longer than " + MAX_NUMBER_LENGTH + " characters");
      }
      text.append(s.peek());
      s.advance();
    }
    Token token = new Token(Kind.NUMBER, text.toString(), at);
    if (!INTEGER.matcher(text).matches() && !REAL.matcher(text).matches()) {
      throw new ConfigException(where, at, "malformed number " + token.describe());
    }
    return token;
  }

  private static Token word(SourceCursor s) {
    SourcePosition at = s.position();
    StringBuilder text = new StringBuilder();
    while (!s.atEnd() && (isLetter(s.peek()) || isDigit(s.peek()))) {
      text.append(s.peek());
      s.advance();
    }
    String word = text.toString();
    Kind kind =
        switch (word) {
          case "true" -> Kind.TRUE;
          case "false" -> Kind.FALSE;
          case "null" -> Kind.NULL;
          default -> Kind.WORD;
        };
    return new Token(kind, word, at);
  }

  /** {@code <?include "path" ?>}: pushes the file, whose tokens then come before the rest. */
  private void include(SourceCursor s, ConfigPath where) {
    SourcePosition directive = s.position();
    s.advance(2);
    skipWhitespace(s);
    if (!s.startsWith("include")) {
      throw new ConfigException(where, s.position(), "expected 'include' after '<?'");
    }
    s.advance("include".length());
    skipWhitespace(s);
    if (s.atEnd() || s.peek() != '"') {
      throw new ConfigException(
          where, s.position(), "expected a quoted file name in the include directive");
    }
    String given = StringLiteral.read(s, where);
    skipWhitespace(s);
    if (!s.startsWith("?>")) {
      throw new ConfigException(where, s.position(), "expected '?>' to end the include directive");
    }
    s.advance(2);
    sources.push(open(s, given, directive, where));
  }

  private SourceCursor open(
      SourceCursor from, String given, SourcePosition directive, ConfigPath where) {
    if (given.isEmpty()) {
      throw new ConfigException(where, directive, "empty file name in include directive");
    }
    Path resolved;
    try {
      // Relative names resolve against the including file's directory, as Kea does.
      resolved = from.dir().resolve(given).normalize();
    } catch (InvalidPathException e) {
      throw new ConfigException(where, directive, "invalid include file name '" + given + "'");
    }
    String name = resolved.toString();
    try {
      Path real = resolved.toRealPath();
      List<String> loop = loopTo(real);
      if (!loop.isEmpty()) {
        loop.add(name);
        throw new ConfigException(where, directive, "include loop: " + String.join(" -> ", loop));
      }
      String text = Files.readString(real);
      Path dir = resolved.getParent() == null ? Path.of("") : resolved.getParent();
      return new SourceCursor(name, text, dir, real);
    } catch (NoSuchFileException e) {
      throw new ConfigException(where, directive, "included file '" + name + "' not found");
    } catch (AccessDeniedException e) {
      throw new ConfigException(
          where, directive, "cannot read included file '" + name + "': permission denied");
    } catch (CharacterCodingException e) {
      throw new ConfigException(
          where, directive, "cannot read included file '" + name + "': not UTF-8");
    } catch (IOException e) {
      throw new ConfigException(
          where, directive, "cannot read included file '" + name + "': " + e.getMessage());
    }
  }

  /** Names of the open sources from the one that is {@code real} outward-in; empty if none is. */
  private List<String> loopTo(Path real) {
    List<String> chain = new ArrayList<>();
    for (Iterator<SourceCursor> outerFirst = sources.descendingIterator(); outerFirst.hasNext(); ) {
      SourceCursor open = outerFirst.next();
      if (!chain.isEmpty() || real.equals(open.realPath())) {
        chain.add(open.name());
      }
    }
    return chain;
  }

  private static void skipWhitespace(SourceCursor s) {
    while (!s.atEnd() && Character.isWhitespace(s.peek())) {
      s.advance();
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  /** Whether a NUMBER token is an integer in Kea's grammar ({@code -?[0-9]+}); else a real. */
  static boolean isIntegerSpelling(String text) {
    return INTEGER.matcher(text).matches();
  }

  private static boolean isNumberChar(char c) {
    return isDigit(c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
  }
}
