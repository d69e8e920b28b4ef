package io.d2j.d2.update;

import io.d2j.d2.log.D2Log;
import io.d2j.d2.transaction.Action;
import io.d2j.d2.transaction.Step;
import io.d2j.d2.transaction.Transaction;
import io.d2j.d2.transaction.TransactionResult;
import io.d2j.d2.transaction.UpdateOutcome;
import io.d2j.ncr.ChangeType;
import io.d2j.ncr.IpAddresses;
import io.d2j.ncr.NameChangeRequest;

/**
 * The operator-facing lines of the {@link Dispatcher}, one method per event, each a {@link D2Log}
 * line carrying the request id and FQDN (docs/log-messages.md).
 */
final class DispatchLog {

  private DispatchLog() {}

  static void droppedShuttingDown(NameChangeRequest ncr) {
    D2Log.DHCP_DDNS_QUEUE_MGR_STOPPING.log(ncr.requestId(), ncr.fqdn());
  }

  static void droppedQueueFull(NameChangeRequest ncr, int capacity) {
    D2Log.DHCP_DDNS_QUEUE_MGR_QUEUE_FULL.log(ncr.requestId(), ncr.fqdn(), capacity);
  }

  static void queued(NameChangeRequest ncr) {
    if (D2Log.DHCP_DDNS_QUEUE_MGR_QUEUE_RECEIVE.enabled()) {
      D2Log.DHCP_DDNS_QUEUE_MGR_QUEUE_RECEIVE.log(ncr.requestId(), ncr.fqdn());
    }
  }

  static void dropped(NameChangeRequest ncr, Plan.Drop drop) {
    drop.line().log(ncr.requestId(), ncr.fqdn(), IpAddresses.format(ncr.address()), drop.reason());
  }

  static void starting(Transaction t) {
    if (D2Log.DHCP_DDNS_STARTING_TRANSACTION.enabled()) {
      D2Log.DHCP_DDNS_STARTING_TRANSACTION.log(t.ncr().requestId(), t.ncr().fqdn(), t.kind());
    }
  }

  static void internalError(Transaction t, Throwable e, boolean afterEnd) {
    D2Log.DHCP_DDNS_TRANSACTION_ERROR.log(
        t.ncr().requestId(),
        t.ncr().fqdn(),
        afterEnd ? " after the end" : ", transaction failed",
        e.toString());
  }

  static void sent(NameChangeRequest ncr, Action.Send send) {
    // Guarded: the labels are built strings, and this runs twice per NCR on the event loop (JFR:
    // 3.7 % of its samples at full rate, with debug off).
    if (D2Log.DHCP_DDNS_UPDATE_REQUEST_SENT.enabled()) {
      D2Log.DHCP_DDNS_UPDATE_REQUEST_SENT.log(
          ncr.requestId(), ncr.fqdn(), send.step().label(), send.server().label(), send.attempt());
    }
  }

  static void outcome(NameChangeRequest ncr, Action.Send send, UpdateOutcome outcome) {
    if (D2Log.DHCP_DDNS_UPDATE_RESPONSE_RECEIVED.enabled()) {
      D2Log.DHCP_DDNS_UPDATE_RESPONSE_RECEIVED.log(
          ncr.requestId(), ncr.fqdn(), send.step().label(), send.server().label(), outcome);
    }
    if (outcome instanceof UpdateOutcome.Answered) {
      return;
    }
    exchangeFailed(send.step(), outcome)
        .log(ncr.requestId(), ncr.fqdn(), send.server().label(), send.attempt(), outcome);
  }

  /** Kea's per-step line for an exchange that got no usable answer. */
  static D2Log exchangeFailed(Step step, UpdateOutcome outcome) {
    int kind;
    if (outcome instanceof UpdateOutcome.TimedOut) {
      kind = 0;
    } else if (outcome instanceof UpdateOutcome.IoFailed) {
      kind = 1;
    } else if (outcome instanceof UpdateOutcome.BadResponse) {
      kind = 2;
    } else if (outcome instanceof UpdateOutcome.NotBuilt) {
      kind = 3;
    } else {
      throw new IllegalArgumentException("answered, not failed: " + outcome);
    }
    D2Log[] lines =
        switch (step) {
          case ADDING_FWD_ADDRS ->
              new D2Log[] {
                D2Log.DHCP_DDNS_FORWARD_ADD_TIMEOUT,
                D2Log.DHCP_DDNS_FORWARD_ADD_IO_ERROR,
                D2Log.DHCP_DDNS_FORWARD_ADD_RESP_CORRUPT,
                D2Log.DHCP_DDNS_FORWARD_ADD_BUILD_FAILURE
              };
          case REPLACING_FWD_ADDRS ->
              new D2Log[] {
                D2Log.DHCP_DDNS_FORWARD_REPLACE_TIMEOUT,
                D2Log.DHCP_DDNS_FORWARD_REPLACE_IO_ERROR,
                D2Log.DHCP_DDNS_FORWARD_REPLACE_RESP_CORRUPT,
                D2Log.DHCP_DDNS_FORWARD_REPLACE_BUILD_FAILURE
              };
          case REMOVING_FWD_ADDRS ->
              new D2Log[] {
                D2Log.DHCP_DDNS_FORWARD_REMOVE_ADDRS_TIMEOUT,
                D2Log.DHCP_DDNS_FORWARD_REMOVE_ADDRS_IO_ERROR,
                D2Log.DHCP_DDNS_FORWARD_REMOVE_ADDRS_RESP_CORRUPT,
                D2Log.DHCP_DDNS_FORWARD_REMOVE_ADDRS_BUILD_FAILURE
              };
          case REMOVING_FWD_RRS ->
              new D2Log[] {
                D2Log.DHCP_DDNS_FORWARD_REMOVE_RRS_TIMEOUT,
                D2Log.DHCP_DDNS_FORWARD_REMOVE_RRS_IO_ERROR,
                D2Log.DHCP_DDNS_FORWARD_REMOVE_RRS_RESP_CORRUPT,
                D2Log.DHCP_DDNS_FORWARD_REMOVE_RRS_BUILD_FAILURE
              };
          case REPLACING_REV_PTRS ->
              new D2Log[] {
                D2Log.DHCP_DDNS_REVERSE_REPLACE_TIMEOUT,
                D2Log.DHCP_DDNS_REVERSE_REPLACE_IO_ERROR,
                D2Log.DHCP_DDNS_REVERSE_REPLACE_RESP_CORRUPT,
                D2Log.DHCP_DDNS_REVERSE_REPLACE_BUILD_FAILURE
              };
          case REMOVING_REV_PTRS ->
              new D2Log[] {
                D2Log.DHCP_DDNS_REVERSE_REMOVE_TIMEOUT,
                D2Log.DHCP_DDNS_REVERSE_REMOVE_IO_ERROR,
                D2Log.DHCP_DDNS_REVERSE_REMOVE_RESP_CORRUPT,
                D2Log.DHCP_DDNS_REVERSE_REMOVE_BUILD_FAILURE
              };
        };
    return lines[kind];
  }

  static void retryScheduled(NameChangeRequest ncr, String domain, OutagePolicy.Park park) {
    D2Log.DHCP_DDNS_NCR_RETRY_SCHEDULED.log(
        ncr.requestId(),
        ncr.fqdn(),
        domain,
        park.servfail() ? "the server answered SERVFAIL" : "no server answered",
        park.failures(),
        park.delay().toMillis());
  }

  static void retrying(NameChangeRequest ncr) {
    D2Log.DHCP_DDNS_NCR_RETRYING.log(ncr.requestId(), ncr.fqdn());
  }

  static void givenUp(NameChangeRequest ncr, String domain, OutagePolicy.GiveUp g) {
    D2Log.DHCP_DDNS_NCR_GIVEN_UP.log(
        ncr.requestId(), ncr.fqdn(), domain, g.failures(), g.age().toSeconds());
  }

  static void keptForRestart(NameChangeRequest ncr) {
    D2Log.DHCP_DDNS_NCR_KEPT_FOR_RESTART.log(ncr.requestId(), ncr.fqdn());
  }

  static void finished(NameChangeRequest ncr, TransactionResult result) {
    boolean add = ncr.type() == ChangeType.ADD;
    if (result.succeeded()) {
      (add ? D2Log.DHCP_DDNS_ADD_SUCCEEDED : D2Log.DHCP_DDNS_REMOVE_SUCCEEDED)
          .log(
              ncr.requestId(),
              ncr.fqdn(),
              IpAddresses.format(ncr.address()),
              result.forward(),
              result.reverse());
    } else {
      (add ? D2Log.DHCP_DDNS_ADD_FAILED : D2Log.DHCP_DDNS_REMOVE_FAILED)
          .log(
              ncr.requestId(),
              ncr.fqdn(),
              IpAddresses.format(ncr.address()),
              result.event(),
              result.forward(),
              result.reverse(),
              result.detail());
    }
  }

  static void clearedForShutdown(ShutdownType type, int queued, int running) {
    D2Log.DHCP_DDNS_CLEARED_FOR_SHUTDOWN.log(type.text(), queued, running);
  }
}
