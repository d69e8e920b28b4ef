package io.d2j.d2.control;

/** What the backlog commands read and steer; called on the D2 event loop. */
public interface BacklogSource {
  Backlog backlog();

  /**
   * Gives every NCR waiting for a retry its next try now instead of after its timer (e.g. once an
   * operator has brought the DNS server back).
   *
   * @return how many NCRs were released
   */
  int retryNow();
}
