package io.d2j.keaconfig;

import java.util.Objects;

/**
 * Where a configuration node or a syntax error starts: a source name and a 1-based line and column.
 * Columns count characters (a surrogate pair counts once), so tabs count as one column.
 *
 * <p>The source is the file name as the caller gave it, e.g. {@code d2.json:14:21}; for a file
 * pulled in by {@code <?include "keys.json" ?>} it is the included file's name resolved against the
 * directory of the file that includes it, e.g. {@code conf/keys.json:2:7}.
 *
 * @param source the file (or text) name, never blank
 * @param line 1-based line
 * @param column 1-based column
 */
public record SourcePosition(String source, int line, int column) {

  public SourcePosition {
    Objects.requireNonNull(source, "source");
    if (source.isBlank()) {
      throw new IllegalArgumentException("source: must not be blank");
    }
    if (line < 1) {
      throw new IllegalArgumentException("line: must be at least 1 (" + line + ")");
    }
    if (column < 1) {
      throw new IllegalArgumentException("column: must be at least 1 (" + column + ")");
    }
  }

  /** Renders {@code source:line:column}, e.g. {@code d2.json:14:21}. */
  @Override
  public String toString() {
    return source + ":" + line + ":" + column;
  }
}
