package io.d2j.keaconfig;

import io.d2j.keaconfig.KeaLexer.Kind;
import io.d2j.keaconfig.KeaLexer.Token;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recursive-descent parser over {@link KeaLexer} tokens. Trailing commas are accepted in maps and
 * lists (Kea accepts them since 2.3); duplicate keys are errors at the second key. Syntax errors
 * sit at the path of the value or container being read and the position of the offending token.
 * Confined to one parse.
 */
final class ConfigParser {

  /** Deeper nesting is hostile input; the limit keeps recursion far from the thread stack's end. */
  static final int MAX_DEPTH = 512;

  private final KeaLexer lexer;
  private Token lookahead;

  ConfigParser(KeaLexer lexer) {
    this.lexer = lexer;
  }

  /** The whole document: exactly one value, which must be a map. */
  ConfigMap document() {
    ConfigPath root = ConfigPath.root();
    ConfigNode value = value(root, 0, "a value");
    Token end = take(root);
    if (end.kind() != Kind.EOF) {
      throw unexpected(root, end, "end of input");
    }
    if (value instanceof ConfigMap map) {
      return map;
    }
    throw value.error("expected a map at the top level, got " + value.typeName());
  }

  private ConfigNode value(ConfigPath path, int depth, String expected) {
    Token t = take(path);
    SourcePosition at = t.position();
    return switch (t.kind()) {
      case LBRACE -> map(path, at, nested(path, t, depth));
      case LBRACKET -> list(path, at, nested(path, t, depth));
      case STRING -> new ConfigString(path, at, t.text());
      case NUMBER -> number(path, t);
      case TRUE -> new ConfigBool(path, at, true);
      case FALSE -> new ConfigBool(path, at, false);
      case NULL -> new ConfigNull(path, at);
      default -> throw unexpected(path, t, expected);
    };
  }

  private static int nested(ConfigPath path, Token open, int depth) {
    if (depth >= MAX_DEPTH) {
      throw new ConfigException(
          path, open.position(), "nesting deeper than " + MAX_DEPTH + " levels");
    }
    return depth + 1;
  }

  private ConfigMap map(ConfigPath path, SourcePosition at, int depth) {
    Map<String, ConfigNode> members = new LinkedHashMap<>();
    Map<String, SourcePosition> keyPositions = new HashMap<>();
    while (true) {
      Token key = take(path);
      if (key.kind() == Kind.RBRACE) {
        break; // empty map, or a trailing comma before '}'
      }
      if (key.kind() != Kind.STRING) {
        throw unexpected(path, key, "a string key or '}'");
      }
      ConfigPath memberPath = path.key(key.text());
      SourcePosition first = keyPositions.putIfAbsent(key.text(), key.position());
      if (first != null) {
        throw new ConfigException(
            memberPath,
            key.position(),
            "duplicate key '" + key.text() + "' (first at " + first + ")");
      }
      Token colon = take(memberPath);
      if (colon.kind() != Kind.COLON) {
        throw unexpected(memberPath, colon, "':'");
      }
      members.put(key.text(), value(memberPath, depth, "a value"));
      Token separator = take(path);
      if (separator.kind() == Kind.RBRACE) {
        break;
      }
      if (separator.kind() != Kind.COMMA) {
        throw unexpected(path, separator, "',' or '}'");
      }
    }
    return new ConfigMap(path, at, members);
  }

  private ConfigList list(ConfigPath path, SourcePosition at, int depth) {
    List<ConfigNode> items = new ArrayList<>();
    while (true) {
      ConfigPath itemPath = path.index(items.size());
      if (peek(itemPath).kind() == Kind.RBRACKET) {
        take(itemPath);
        break; // empty list, or a trailing comma before ']'
      }
      items.add(value(itemPath, depth, "a value or ']'"));
      Token separator = take(path);
      if (separator.kind() == Kind.RBRACKET) {
        break;
      }
      if (separator.kind() != Kind.COMMA) {
        throw unexpected(path, separator, "',' or ']'");
      }
    }
    return new ConfigList(path, at, items);
  }

  private static ConfigNumber number(ConfigPath path, Token t) {
    String text = t.text();
    try {
      if (KeaLexer.isIntegerSpelling(text)) {
        return new ConfigNumber(path, t.position(), new BigInteger(text));
      }
      return new ConfigNumber(path, t.position(), new BigDecimal(text));
    } catch (NumberFormatException e) {
      // Only an exponent beyond the int range gets here; the lexer checked the spelling.
      throw new ConfigException(path, t.position(), "number out of range " + t.describe());
    }
  }

  private static ConfigException unexpected(ConfigPath path, Token found, String expected) {
    return new ConfigException(
        path, found.position(), "expected " + expected + " but found " + found.describe());
  }

  /** The next token, read lazily so that lexical errors carry the path of whoever asks. */
  private Token peek(ConfigPath where) {
    if (lookahead == null) {
      lookahead = lexer.next(where);
    }
    return lookahead;
  }

  private Token take(ConfigPath where) {
    Token t = peek(where);
    lookahead = null;
    return t;
  }
}
