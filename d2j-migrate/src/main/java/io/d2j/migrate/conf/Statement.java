package io.d2j.migrate.conf;

import io.d2j.keaconfig.SourcePosition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One dhcpd.conf statement: its words up to the semicolon or opening brace, its block if it has
 * one, and the {@code #} comments that came before it and after it on its last line. For {@code
 * subnet 10.0.0.0 netmask 255.255.255.0 { range 10.0.0.10 10.0.0.20; }} preceded by {@code # the
 * lab}: words {@code [subnet, 10.0.0.0, netmask, 255.255.255.0]}, a block with the range, comments
 * {@code [" the lab"]}.
 *
 * <p>An {@code if} keeps its {@code elsif}/{@code else} parts in {@code branches}; an {@code
 * include "f";} keeps the included file's statements as its block ({@link #included()}).
 *
 * @param words the header tokens (strings decoded), never empty
 * @param block the block, if the statement has one
 * @param branches {@code elsif} / {@code else} parts of an {@code if}
 * @param comments comments on the lines before the statement
 * @param trailingComment a comment on the statement's last line, after it
 * @param included whether the block is the content of an included file
 */
public record Statement(
    List<Token> words,
    Optional<Block> block,
    List<Statement> branches,
    List<Token> comments,
    Optional<Token> trailingComment,
    boolean included) {

  public Statement {
    words = List.copyOf(words);
    if (words.isEmpty()) {
      throw new IllegalArgumentException("words: a statement has at least one word");
    }
    Objects.requireNonNull(block, "block");
    branches = List.copyOf(branches);
    comments = List.copyOf(comments);
    Objects.requireNonNull(trailingComment, "trailingComment");
  }

  /** Where the statement starts. */
  public SourcePosition position() {
    return words.get(0).position();
  }

  /** {@code FILE line N}. */
  public String where() {
    return Positions.where(position());
  }

  /** The first word, lower-cased (dhcpd keywords are case-insensitive). */
  public String keyword() {
    return words.get(0).text().toLowerCase(java.util.Locale.ROOT);
  }

  /** The word at {@code i}, if there is one. */
  public Optional<Token> word(int i) {
    return i < words.size() ? Optional.of(words.get(i)) : Optional.empty();
  }

  /** The statements of the block, or none. */
  public List<Statement> children() {
    return block.map(Block::statements).orElse(List.of());
  }

  /** The header as written, e.g. {@code subnet 10.0.0.0 netmask 255.255.255.0}. */
  public String headerText() {
    return Statement.join(words);
  }

  /** Tokens joined back into source text: no space before {@code , ; )} or after {@code (}. */
  public static String join(List<Token> tokens) {
    StringBuilder b = new StringBuilder();
    Token previous = null;
    for (Token t : tokens) {
      if (previous != null
          && !t.isPunct(",")
          && !t.isPunct(")")
          && !t.isPunct(";")
          && !previous.isPunct("(")
          && !(t.isPunct("(") && previous.kind() == Token.Kind.WORD)) {
        b.append(' ');
      }
      b.append(t.source());
      previous = t;
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return where()
        + ": "
        + headerText()
        + (block.isPresent()
            ? " { "
                + block.get().statements().stream()
                    .map(Statement::headerText)
                    .collect(Collectors.joining("; "))
                + " }"
            : ";");
  }
}
