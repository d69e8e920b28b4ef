package io.d2j.d2.transaction;

/** What became of one UPDATE exchange with one server. Produced by the DNS shell. */
public sealed interface UpdateOutcome {

  /** A response that parsed and, for a signed request, verified. Any RCODE. */
  record Answered(int rcode) implements UpdateOutcome {
    @Override
    public String toString() {
      return Rcode.name(rcode);
    }
  }

  /** No valid response within dns-server-timeout. */
  record TimedOut() implements UpdateOutcome {
    @Override
    public String toString() {
      return "TIMEOUT";
    }
  }

  /** The request could not be sent or the socket failed. */
  record IoFailed(String reason) implements UpdateOutcome {}

  /**
   * The UPDATE could not be built or signed, so nothing was sent. Retrying would build the same
   * message again: the transaction fails (Kea: BUILD_FAILURE, UPDATE_FAILED_EVT).
   */
  record NotBuilt(String reason) implements UpdateOutcome {}

  /** A response arrived but was unusable: corrupt, wrong opcode, or TSIG did not verify. */
  record BadResponse(String reason) implements UpdateOutcome {}
}
