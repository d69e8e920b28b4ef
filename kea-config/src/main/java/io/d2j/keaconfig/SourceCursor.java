package io.d2j.keaconfig;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Reading state of one source text (the main document or an included file): offset, line and
 * column. Confined to the {@link KeaLexer} that owns it.
 */
final class SourceCursor {

  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private final String name;
  private final String text;
  private final Path dir;
  private final Path realPath;
  private int offset;
  private int line = 1;
  private int column = 1;

  /**
   * @param name the name positions carry
   * @param text the content
   * @param dir the directory relative include paths resolve against
   * @param realPath the file's real path for include-loop detection, or null for in-memory text
   */
  SourceCursor(String name, String text, Path dir, Path realPath) {
    this.name = Objects.requireNonNull(name, "name");
    this.text = Objects.requireNonNull(text, "text");
    this.dir = Objects.requireNonNull(dir, "dir");
    this.realPath = realPath;
    // Editors on some platforms prefix UTF-8 files with a BOM; it is not part of the JSON.
    if (text.startsWith(String.valueOf(BYTE_ORDER_MARK))) {
      offset = 1;
    }
  }

  String name() {
    return name;
  }

  Path dir() {
    return dir;
  }

  Path realPath() {
    return realPath;
  }

  boolean atEnd() {
    return offset >= text.length();
  }

  char peek() {
    return text.charAt(offset);
  }

  /** The character {@code ahead} places on, or NUL past the end (never a character we look for). */
  char peekAt(int ahead) {
    int i = offset + ahead;
    return i < text.length() ? text.charAt(i) : '\0';
  }

  /** Characters left to read. */
  int remaining() {
    return text.length() - offset;
  }

  boolean startsWith(String prefix) {
    return text.startsWith(prefix, offset);
  }

  int codePoint() {
    return text.codePointAt(offset);
  }

  void advance() {
    char c = text.charAt(offset++);
    if (c == '\n') {
      line++;
      column = 1;
    } else if (!(Character.isLowSurrogate(c)
        && offset >= 2
        && Character.isHighSurrogate(text.charAt(offset - 2)))) {
      column++; // the second half of a surrogate pair shares its first half's column
    }
  }

  void advance(int count) {
    for (int i = 0; i < count; i++) {
      advance();
    }
  }

  SourcePosition position() {
    return new SourcePosition(name, line, column);
  }
}
