package io.d2j.d2.transaction;

/**
 * How a transaction ended.
 *
 * @param event the Kea event that ended it
 * @param detail what went wrong, for the log ("" on success)
 */
public record TransactionResult(
    Status status,
    TransactionEvent event,
    DirectionStatus forward,
    DirectionStatus reverse,
    String detail) {

  /** Final status of the NCR (Kea: COMPLETED or FAILED). */
  public enum Status {
    COMPLETED,
    FAILED
  }

  /** Per-direction outcome as Kea logs it. */
  public enum DirectionStatus {
    NOT_REQUESTED,
    COMPLETED,
    FAILED,
    NOT_ATTEMPTED
  }

  public boolean succeeded() {
    return status == Status.COMPLETED;
  }
}
