package io.d2j.dhcp4.classify;

/**
 * A client class {@code test} that does not compile: what is wrong and the column (1-based,
 * counting characters of the expression) where it was found. The configuration parser puts the JSON
 * path and file position in front.
 */
public final class ExpressionException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int column;
  private final String problem;

  public ExpressionException(int column, String problem) {
    super(problem + " (column " + column + " of the expression)");
    this.column = column;
    this.problem = problem;
  }

  /** 1-based column in the expression text. */
  public int column() {
    return column;
  }

  /** The problem without the column. */
  public String problem() {
    return problem;
  }
}
