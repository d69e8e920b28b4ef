package io.d2j.migrate.conf;

import io.d2j.keaconfig.SourcePosition;
import java.util.List;
import java.util.Objects;

/**
 * The statements between an opening and a closing brace (or of a whole file), and the comments
 * after the last of them.
 *
 * @param statements in source order
 * @param trailingComments comments between the last statement and the closing brace
 * @param end where the closing brace (or the end of the file) is
 */
public record Block(List<Statement> statements, List<Token> trailingComments, SourcePosition end) {
  public Block {
    statements = List.copyOf(statements);
    trailingComments = List.copyOf(trailingComments);
    Objects.requireNonNull(end, "end");
  }
}
