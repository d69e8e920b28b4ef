package io.d2j.d2.update;

import io.d2j.d2.transaction.Action;
import io.d2j.d2.transaction.TransactionKind;
import io.d2j.d2.transaction.UpdateOutcome;
import io.d2j.ncr.NameChangeRequest;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Performs the UPDATEs the {@link Dispatcher} dispatches: in production the DNS shell ({@code
 * dns.DnsUpdateSender}: build, sign, send over UDP or TCP, check the reply), in unit tests a fake
 * the test answers by hand.
 */
public interface UpdateSender {

  /**
   * One UPDATE a transaction asked for.
   *
   * @param kind the transaction's kind, which decides the message's prerequisites and updates
   * @param send the step, zone, server and attempt
   * @param ncr the NCR the message is built from
   * @param timeout how long to wait for the reply ({@code dns-server-timeout})
   * @param forceTcp send over TCP from the start
   */
  record Request(
      TransactionKind kind,
      Action.Send send,
      NameChangeRequest ncr,
      Duration timeout,
      boolean forceTcp) {
    public Request {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(send, "send");
      Objects.requireNonNull(ncr, "ncr");
      Objects.requireNonNull(timeout, "timeout");
    }
  }

  /**
   * Sends the request; {@code done} receives its outcome exactly once, on any thread (the
   * dispatcher continues on its own loop). Never throws for a failure of the exchange: that is an
   * outcome.
   */
  void send(Request request, Consumer<UpdateOutcome> done);

  /** Applies {@code max-updates-per-server} from the next UPDATE on. */
  void maxUpdatesPerServer(int limit);

  /**
   * Applies {@code max-names-per-update} from the next UPDATE on: how many independent steps may
   * share one message (1: none).
   */
  void maxNamesPerUpdate(int limit);

  /** Stops sending; exchanges still waiting end with {@link UpdateOutcome.IoFailed}. */
  void close();
}
