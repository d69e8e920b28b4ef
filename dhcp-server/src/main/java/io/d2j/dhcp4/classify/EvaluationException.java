package io.d2j.dhcp4.classify;

/**
 * An expression that cannot be evaluated for this query (e.g. {@code addrtotext} of three octets).
 * As in Kea, the class is then not assigned and the failure is logged; other classes are still
 * evaluated.
 */
public final class EvaluationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public EvaluationException(String message) {
    super(message);
  }
}
