package io.d2j.dhcp4.classify;

import io.d2j.dhcp4.options.OptionSpaces;
import java.util.Objects;

/**
 * A client class {@code test}, compiled once when the configuration loads and evaluated for each
 * query. Evaluation reuses a per-thread {@link Frame}, so the common tests ({@code option[60].text
 * == 'PXEClient'}, {@code substring(option[61].hex, 0, 3) == 0x010203}, {@code relay4[1].hex ==
 * 0x...}, {@code member('X')}) allocate nothing. Immutable and thread-safe.
 */
public final class Expression {

  private final String text;
  private final Nodes.Bool root;
  private final boolean dependsOnKnown;
  private final ThreadLocal<Frame> frames;

  private Expression(String text, ExprParser.Compiled compiled) {
    this.text = text;
    this.root = compiled.root();
    this.dependsOnKnown = compiled.dependsOnKnown();
    int slots = compiled.slots();
    this.frames = ThreadLocal.withInitial(() -> new Frame(slots));
  }

  /**
   * Compiles {@code text}.
   *
   * @param defs the option definitions ({@code option[name]} and {@code .text} use them)
   * @param classes what {@code member()} may name
   * @throws ExpressionException with the column of the problem
   */
  public static Expression compile(String text, OptionSpaces defs, ClassLookup classes) {
    Objects.requireNonNull(text, "text");
    return new Expression(text, ExprParser.parse(text, defs, classes));
  }

  /** The source text. */
  public String text() {
    return text;
  }

  /** Whether the test reads {@code KNOWN}/{@code UNKNOWN}, directly or through another class. */
  public boolean dependsOnKnown() {
    return dependsOnKnown;
  }

  /**
   * Whether the query matches.
   *
   * @param classes the classes it has joined so far ({@code member()})
   * @throws EvaluationException when the test cannot be evaluated for this query
   */
  public boolean matches(PacketFacts facts, ClientClasses classes) {
    Frame f = frames.get();
    f.facts = facts;
    f.classes = classes;
    try {
      return root.eval(f);
    } finally {
      f.facts = null;
      f.classes = null;
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
