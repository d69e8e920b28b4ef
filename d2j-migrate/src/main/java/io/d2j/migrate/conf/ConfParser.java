package io.d2j.migrate.conf;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Builds the statement tree of a dhcpd.conf file, following {@code include} statements.
 *
 * <p>The grammar here is dhcpd's shape, not its meaning: a statement is words up to {@code ;} or a
 * {@code {...}} block; {@code if} takes {@code elsif}/{@code else} parts; an option definition's
 * record type ({@code option x code 250 = { ip-address, text };}) stays in the words; a {@code key}
 * block may end with {@code };} as BIND 8 wrote it. The converter gives the words their meaning and
 * reports what it cannot use with the statement's position.
 */
public final class ConfParser {
  /** dhcpd has no limit; this one only stops a runaway include chain or hostile nesting. */
  private static final int MAX_DEPTH = 64;

  private final Includes includes;
  private final Deque<String> openFiles = new ArrayDeque<>();
  private final Deque<String> openNames = new ArrayDeque<>();
  private List<Token> tokens;
  private int next;
  private int depth;

  private ConfParser(Includes includes) {
    this.includes = includes;
  }

  /**
   * Parses a whole file.
   *
   * @param source the file name positions show
   * @param identity what identifies the file for include-loop detection
   * @param text its content
   * @param includes opens included files
   * @throws ConfSyntaxException at the first syntax error, with its position
   */
  public static Block parse(String source, String identity, String text, Includes includes) {
    return new ConfParser(includes).file(source, identity, text);
  }

  private Block file(String source, String identity, String text) {
    if (openFiles.contains(identity) || openFiles.size() >= MAX_DEPTH) {
      throw new IllegalStateException("include loop"); // caught and positioned by the caller
    }
    openFiles.push(identity);
    openNames.push(source);
    List<Token> savedTokens = tokens;
    int savedNext = next;
    try {
      tokens = Lexer.tokenize(source, text);
      next = 0;
      return block(false);
    } finally {
      tokens = savedTokens;
      next = savedNext;
      openFiles.pop();
      openNames.pop();
    }
  }

  private Token peek() {
    return tokens.get(next);
  }

  private Token take() {
    Token t = tokens.get(next);
    if (t.kind() != Token.Kind.EOF) {
      next++;
    }
    return t;
  }

  private List<Token> comments() {
    List<Token> comments = new ArrayList<>();
    while (peek().kind() == Token.Kind.COMMENT) {
      comments.add(take());
    }
    return comments;
  }

  private Block block(boolean braced) {
    if (++depth > MAX_DEPTH) {
      throw new ConfSyntaxException(peek().position(), "blocks nested too deeply");
    }
    List<Statement> statements = new ArrayList<>();
    while (true) {
      List<Token> comments = comments();
      Token t = peek();
      if (t.kind() == Token.Kind.EOF) {
        if (braced) {
          throw new ConfSyntaxException(t.position(), "unexpected end of file: '}' expected");
        }
        depth--;
        return new Block(statements, comments, t.position());
      }
      if (t.isPunct("}")) {
        if (!braced) {
          throw new ConfSyntaxException(t.position(), "unexpected '}'");
        }
        take();
        depth--;
        return new Block(statements, comments, t.position());
      }
      statements.add(statement(comments));
    }
  }

  private Statement statement(List<Token> comments) {
    List<Token> words = new ArrayList<>();
    int parens = 0;
    while (true) {
      Token t = peek();
      switch (t.kind()) {
        case EOF -> throw new ConfSyntaxException(t.position(), "semicolon expected");
        case COMMENT -> {
          take(); // a comment inside a statement spread over lines: dhcpd skips it too
          continue;
        }
        default -> {}
      }
      if (t.isPunct(";") && parens == 0) {
        if (words.isEmpty()) {
          throw new ConfSyntaxException(t.position(), "expecting a parameter or declaration");
        }
        take();
        return finish(words, Optional.empty(), List.of(), comments, t);
      }
      if (t.isPunct("{") && parens == 0) {
        if (words.isEmpty()) {
          throw new ConfSyntaxException(t.position(), "expecting a parameter or declaration");
        }
        if (isRecordTypeDefinition(words)) {
          recordType(words);
          continue;
        }
        take();
        Block body = block(true);
        Token last = tokens.get(next - 1);
        List<Statement> branches = new ArrayList<>();
        String keyword = words.get(0).text().toLowerCase(java.util.Locale.ROOT);
        if (keyword.equals("if") || keyword.equals("elsif")) {
          branches.addAll(elseBranches());
        }
        if (keyword.equals("key") && peek().isPunct(";")) {
          last = take(); // BIND 8 style "key k { ... };"
        }
        return finish(words, Optional.of(body), branches, comments, last);
      }
      if (t.isPunct("}")) {
        throw new ConfSyntaxException(t.position(), "semicolon expected");
      }
      if (t.isPunct("(")) {
        parens++;
      } else if (t.isPunct(")")) {
        if (parens == 0) {
          throw new ConfSyntaxException(t.position(), "unbalanced ')'");
        }
        parens--;
      }
      words.add(take());
    }
  }

  private List<Statement> elseBranches() {
    List<Statement> branches = new ArrayList<>();
    while (peek().isWord("elsif") || peek().isWord("else")) {
      Statement branch = statement(List.of());
      branches.add(branch);
      List<Statement> nested = branch.branches();
      if (!nested.isEmpty()) { // elsif parsed its own followers; flatten them into this chain
        branches.set(branches.size() - 1, withoutBranches(branch));
        branches.addAll(nested);
      }
      if (branch.keyword().equals("else") && branch.words().size() == 1) {
        break;
      }
    }
    return branches;
  }

  private static Statement withoutBranches(Statement s) {
    return new Statement(
        s.words(), s.block(), List.of(), s.comments(), s.trailingComment(), s.included());
  }

  /** After {@code option NAME code N =} an opening brace starts a record type, not a block. */
  private static boolean isRecordTypeDefinition(List<Token> words) {
    return words.size() == 5
        && words.get(0).isWord("option")
        && words.get(2).isWord("code")
        && words.get(4).isPunct("=");
  }

  private void recordType(List<Token> words) {
    Token open = take();
    words.add(open);
    while (true) {
      Token t = take();
      if (t.kind() == Token.Kind.EOF) {
        throw new ConfSyntaxException(open.position(), "unterminated record type: '}' expected");
      }
      if (t.kind() == Token.Kind.COMMENT) {
        continue;
      }
      if (t.isPunct("{") || t.isPunct(";")) {
        throw new ConfSyntaxException(t.position(), "'}' expected in the record type");
      }
      words.add(t);
      if (t.isPunct("}")) {
        return;
      }
    }
  }

  private Statement finish(
      List<Token> words,
      Optional<Block> block,
      List<Statement> branches,
      List<Token> comments,
      Token last) {
    Optional<Token> trailing = Optional.empty();
    Token after = peek();
    if (after.kind() == Token.Kind.COMMENT && after.position().line() == last.position().line()) {
      trailing = Optional.of(take());
    }
    if (words.get(0).isWord("include") && block.isEmpty()) {
      return include(words, comments, trailing);
    }
    return new Statement(words, block, branches, comments, trailing, false);
  }

  private Statement include(List<Token> words, List<Token> comments, Optional<Token> trailing) {
    Token at = words.get(0);
    if (words.size() != 2 || words.get(1).kind() != Token.Kind.STRING) {
      throw new ConfSyntaxException(at.position(), "include: expecting a file name in quotes");
    }
    String name = words.get(1).text();
    Includes.Source source = includes.open(name, at.position());
    Block content;
    try {
      content = file(source.name(), source.identity(), source.text());
    } catch (IllegalStateException loop) {
      List<String> chain = new ArrayList<>(openNames);
      java.util.Collections.reverse(chain);
      throw new ConfSyntaxException(
          at.position(), "include loop: " + String.join(" -> ", chain) + " -> " + source.name());
    }
    return new Statement(words, Optional.of(content), List.of(), comments, trailing, true);
  }
}
