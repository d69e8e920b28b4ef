package io.d2j.d2.update;

import io.d2j.d2.transaction.Action;
import io.d2j.d2.transaction.Transaction;
import io.d2j.d2.transaction.TransactionResult;
import io.d2j.d2.transaction.UpdateOutcome;
import io.d2j.ncr.ChangeType;
import io.d2j.ncr.IpAddresses;
import io.d2j.ncr.NameChangeRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator-facing lines of the {@link Dispatcher}: one method per event, under Kea's logger
 * names ({@code dhcp-to-d2} for the queue, {@code d2-to-dns} for the transactions, {@code dhcpddns}
 * for the end of a drain), each line starting with its id and carrying the request id and FQDN
 * (docs/log-messages.md).
 */
final class DispatchLog {

  private static final Logger QUEUE = LoggerFactory.getLogger("kea-dhcp-ddns.dhcp-to-d2");
  private static final Logger DNS = LoggerFactory.getLogger("kea-dhcp-ddns.d2-to-dns");
  private static final Logger LIFE = LoggerFactory.getLogger("kea-dhcp-ddns.dhcpddns");

  private DispatchLog() {}

  static void droppedShuttingDown(NameChangeRequest ncr) {
    QUEUE.warn(
        "DHCP_DDNS_QUEUE_MGR_STOPPING request={} fqdn={} not queued: shutting down",
        ncr.requestId(),
        ncr.fqdn());
  }

  static void droppedQueueFull(NameChangeRequest ncr, int capacity) {
    QUEUE.error(
        "DHCP_DDNS_QUEUE_MGR_QUEUE_FULL request={} fqdn={} queue at its limit of {}; NCR dropped",
        ncr.requestId(),
        ncr.fqdn(),
        capacity);
  }

  static void queued(NameChangeRequest ncr) {
    QUEUE.debug(
        "DHCP_DDNS_QUEUE_MGR_QUEUE_RECEIVE request={} fqdn={} queued", ncr.requestId(), ncr.fqdn());
  }

  static void dropped(NameChangeRequest ncr, Plan.Drop drop) {
    QUEUE.error(
        "{} request={} fqdn={} ip={} {}",
        drop.logId(),
        ncr.requestId(),
        ncr.fqdn(),
        IpAddresses.format(ncr.address()),
        drop.reason());
  }

  static void starting(Transaction t) {
    DNS.debug(
        "DHCP_DDNS_STARTING_TRANSACTION request={} fqdn={} kind={}",
        t.ncr().requestId(),
        t.ncr().fqdn(),
        t.kind());
  }

  static void internalError(Transaction t, Throwable e, boolean afterEnd) {
    DNS.error(
        afterEnd
            ? "DHCP_DDNS_TRANSACTION_ERROR request={} fqdn={} internal error after the end: {}"
            : "DHCP_DDNS_TRANSACTION_ERROR request={} fqdn={} internal error, transaction failed:"
                + " {}",
        t.ncr().requestId(),
        t.ncr().fqdn(),
        e.toString());
  }

  static void sent(NameChangeRequest ncr, Action.Send send) {
    if (DNS.isDebugEnabled()) {
      DNS.debug(
          "DHCP_DDNS_UPDATE_REQUEST_SENT request={} fqdn={} step=\"{}\" server={} attempt={}",
          ncr.requestId(),
          ncr.fqdn(),
          send.step().label(),
          send.server().label(),
          send.attempt());
    }
  }

  static void outcome(NameChangeRequest ncr, Action.Send send, UpdateOutcome outcome) {
    if (DNS.isDebugEnabled()) {
      // Guarded: the labels are built strings, and this runs twice per NCR on the event loop
      // (JFR: 3.7 % of its samples at full rate, with debug off).
      DNS.debug(
          "DHCP_DDNS_UPDATE_RESPONSE_RECEIVED request={} fqdn={} step=\"{}\" server={} outcome={}",
          ncr.requestId(),
          ncr.fqdn(),
          send.step().label(),
          send.server().label(),
          outcome);
    }
    String suffix;
    if (outcome instanceof UpdateOutcome.TimedOut) {
      suffix = "TIMEOUT";
    } else if (outcome instanceof UpdateOutcome.IoFailed) {
      suffix = "IO_ERROR";
    } else if (outcome instanceof UpdateOutcome.BadResponse) {
      suffix = "RESP_CORRUPT";
    } else if (outcome instanceof UpdateOutcome.NotBuilt) {
      suffix = "BUILD_FAILURE";
    } else {
      return;
    }
    DNS.error(
        "DHCP_DDNS_{}_{} request={} fqdn={} server={} attempt={} {}",
        send.step().logId(),
        suffix,
        ncr.requestId(),
        ncr.fqdn(),
        send.server().label(),
        send.attempt(),
        outcome);
  }

  static void retryScheduled(NameChangeRequest ncr, String domain, OutagePolicy.Park park) {
    DNS.warn(
        "DHCP_DDNS_NCR_RETRY_SCHEDULED request={} fqdn={} domain={} {} (try {});"
            + " retrying in {} ms",
        ncr.requestId(),
        ncr.fqdn(),
        domain,
        park.servfail() ? "the server answered SERVFAIL" : "no server answered",
        park.failures(),
        park.delay().toMillis());
  }

  static void retrying(NameChangeRequest ncr) {
    DNS.info(
        "DHCP_DDNS_NCR_RETRYING request={} fqdn={} retrying after an unreachable domain",
        ncr.requestId(),
        ncr.fqdn());
  }

  static void givenUp(NameChangeRequest ncr, String domain, OutagePolicy.GiveUp g) {
    DNS.error(
        "DHCP_DDNS_NCR_GIVEN_UP request={} fqdn={} domain={} no server answered in {} tries"
            + " over {}s; NCR given up",
        ncr.requestId(),
        ncr.fqdn(),
        domain,
        g.failures(),
        g.age().toSeconds());
  }

  static void keptForRestart(NameChangeRequest ncr) {
    DNS.warn(
        "DHCP_DDNS_NCR_KEPT_FOR_RESTART request={} fqdn={} unreachable at shutdown; kept in the"
            + " journal for the next start",
        ncr.requestId(),
        ncr.fqdn());
  }

  static void finished(NameChangeRequest ncr, TransactionResult result) {
    String kind = ncr.type() == ChangeType.ADD ? "ADD" : "REMOVE";
    if (result.succeeded()) {
      DNS.info(
          "DHCP_DDNS_{}_SUCCEEDED request={} fqdn={} ip={} forward={} reverse={}",
          kind,
          ncr.requestId(),
          ncr.fqdn(),
          IpAddresses.format(ncr.address()),
          result.forward(),
          result.reverse());
    } else {
      DNS.error(
          "DHCP_DDNS_{}_FAILED request={} fqdn={} ip={} event={} forward={} reverse={} {}",
          kind,
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
    LIFE.info(
        "DHCP_DDNS_CLEARED_FOR_SHUTDOWN shutdown type: {}; {} NCRs queued, {} running",
        type.text(),
        queued,
        running);
  }
}
