package io.d2j.d2.transaction;

import io.d2j.d2.domain.DdnsDomain;
import io.d2j.d2.domain.DnsServer;

/** What a transaction asks its shell to do next. */
public sealed interface Action {

  /**
   * Build the UPDATE for {@code step} of this transaction's kind, send it to {@code server} with
   * zone {@code domain}, and report the {@link UpdateOutcome} back.
   *
   * @param attempt 1-based attempt number on this server
   */
  record Send(Step step, DdnsDomain domain, DnsServer server, int attempt) implements Action {}

  /** The transaction has ended; nothing more to send. */
  record Finished(TransactionResult result) implements Action {}
}
