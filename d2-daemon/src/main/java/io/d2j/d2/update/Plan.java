package io.d2j.d2.update;

import io.d2j.d2.log.D2Log;
import io.d2j.d2.transaction.Transaction;

/** What to do with a dequeued NCR: run a transaction, or drop it for a stated reason. */
public sealed interface Plan {

  record Run(Transaction transaction) implements Plan {}

  /**
   * @param line the Kea line to log (DHCP_DDNS_NO_FWD_MATCH_ERROR, …)
   * @param statistic the counter to increment
   * @param reason the operator-facing explanation
   */
  record Drop(D2Log line, String statistic, String reason) implements Plan {}
}
