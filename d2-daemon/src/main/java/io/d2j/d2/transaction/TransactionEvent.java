package io.d2j.d2.transaction;

/**
 * The event that ended a transaction, named as Kea names it (its log lines print the name), plus
 * d2j's own for an internal error in the shell.
 */
public enum TransactionEvent {
  /** Every requested direction completed. */
  UPDATE_OK_EVT,
  /** A step was answered with an RCODE that fails it, could not be built, or kept ping-ponging. */
  UPDATE_FAILED_EVT,
  /** The last server of the domain failed its tries: nobody answered usably. */
  NO_MORE_SERVERS_EVT,
  /** d2j only: the shell failed while driving the transaction (a bug); it ends as failed. */
  INTERNAL_ERROR
}
