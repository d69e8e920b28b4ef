package io.d2j.d2.log;

import io.d2j.keacontrol.logging.LogId;
import io.d2j.keacontrol.logging.LogLine;
import org.slf4j.event.Level;

/**
 * Every operator-facing line D2 logs, with its id, level, logger (under {@code kea-dhcp-ddns}) and
 * text; the code logs through these, and {@code D2LogCatalogueTest} checks docs/log-messages.md
 * against them. A constant whose Java name differs from its id is a second wording of that id.
 */
public enum D2Log implements LogId {
  DHCP_DDNS_STARTED(
      Level.INFO, "dhcpddns", "listening for NCRs on {}; forward domains {}, reverse domains {}"),
  DCTL_SHUTDOWN(Level.INFO, "dhcpddns", "d2j D2 shutting down"),
  DHCP_DDNS_FAILED(Level.ERROR, "", "{}"),
  DHCP_DDNS_CONFIG_CHECK_FAIL(Level.ERROR, "dhcpddns", "{}"),
  DHCP_DDNS_CONFIG_FAIL(Level.ERROR, "dhcpddns", "{}"),
  DHCP_DDNS_CONFIG_WRITE_REFUSED(Level.ERROR, "dhcpddns", "{}"),
  DHCP_DDNS_CONFIG_WARNING(Level.WARN, "dhcpddns", "{}"),
  DHCP_DDNS_LOGGING(Level.WARN, "dhcpddns", "{}"),
  DCTL_CONFIG_DEPRECATED(Level.ERROR, "dhcpddns", "config-set: '{}' ignored; only '{}' is read"),
  DCTL_CONFIG_COMPLETE(Level.INFO, "dctl", "configuration applied; {} queued NCRs kept"),
  DCTL_CFG_FILE_RELOAD_SIGNAL_RECVD(Level.INFO, "dctl", "reloading {}"),
  DCTL_SIGNAL_UNAVAILABLE(Level.WARN, "dctl", "SIG{} not handled: {}"),
  DHCP_DDNS_QUEUE_MGR_RECONFIGURING(
      Level.INFO, "dhcpddns", "NCR listener moves from {} to {}; {} NCRs stay queued"),
  DHCP_DDNS_JOURNAL_SETTINGS_KEPT(
      Level.WARN,
      "dhcpddns",
      "user-context.d2j.journal changed; the journal keeps its settings until the next start"),
  DHCP_DDNS_SHUTDOWN_COMMAND(Level.INFO, "dhcpddns", "type={} exit-value={}"),
  DHCP_DDNS_CLEARED_FOR_SHUTDOWN(
      Level.INFO, "dhcpddns", "shutdown type: {}; {} NCRs queued, {} running"),
  DHCP_DDNS_RECEIVE_BUFFER_SMALL(
      Level.WARN,
      "dhcpddns",
      "asked for a {}-byte NCR receive buffer, the kernel granted {}; raise net.core.rmem_max to absorb bursts"),
  DHCP_DDNS_NCR_RECV_ERROR(Level.ERROR, "dhcpddns", "receiving an NCR failed: {}"),
  DHCP_DDNS_NCR_RECV_ERROR_HANDLING(
      "DHCP_DDNS_NCR_RECV_ERROR", Level.ERROR, "dhcpddns", "handling an NCR from {} failed: {}"),
  DHCP_DDNS_INVALID_NCR(Level.ERROR, "libdhcp-ddns", "from={} reason={}"),
  DHCP_DDNS_NCR_SENDER_REJECTED(
      Level.WARN,
      "dhcpddns",
      "{} datagram(s) dropped, the last from {}: not in allowed-senders ({})"),
  DHCP_DDNS_NCR_AUTH_FAILED(Level.WARN, "dhcpddns", "{} datagram(s) dropped, the last from {}: {}"),
  DHCP_DDNS_NCR_REPLAYED(Level.WARN, "dhcpddns", "{} datagram(s) dropped, the last from {}: {}"),
  DHCP_DDNS_NCR_RATE_LIMITED(
      Level.WARN,
      "dhcpddns",
      "{} datagram(s) dropped, the last from {}: over sender-rate-limit ({})"),
  DHCP_DDNS_RECEIVE_WARMED(
      Level.INFO,
      "dhcpddns",
      "receive path warm: {} warm-up datagrams and {} received NCR datagrams through it in {} ms"),
  DHCP_DDNS_RECEIVE_WARM_UP_FAILED(
      Level.WARN, "dhcpddns", "receive warm-up failed (NCRs are served regardless): {}"),
  DHCP_DDNS_NCR_ACK_FAILED(Level.WARN, "dhcpddns", "ack to {} not sent: {}"),
  DHCP_DDNS_NCR_LISTENER_CLOSE(Level.WARN, "dhcpddns", "closing the NCR socket: {}"),
  DHCP_DDNS_QUEUE_MGR_STOPPING(
      Level.WARN, "dhcp-to-d2", "request={} fqdn={} not queued: shutting down"),
  DHCP_DDNS_QUEUE_MGR_QUEUE_FULL(
      Level.ERROR, "dhcp-to-d2", "request={} fqdn={} queue at its limit of {}; NCR dropped"),
  DHCP_DDNS_QUEUE_MGR_QUEUE_FULL_JOURNAL(
      "DHCP_DDNS_QUEUE_MGR_QUEUE_FULL",
      Level.WARN,
      "dhcp-to-d2",
      "queue at its limit of {}; further NCRs wait in the journal and are queued as room frees"),
  DHCP_DDNS_QUEUE_MGR_QUEUE_RECEIVE(Level.DEBUG, "dhcp-to-d2", "request={} fqdn={} queued"),
  DHCP_DDNS_QUEUE_MGR_QUEUE_RECEIVE_JOURNAL(
      "DHCP_DDNS_QUEUE_MGR_QUEUE_RECEIVE",
      Level.DEBUG,
      "dhcp-to-d2",
      "request={} fqdn={} queued (journal seq {})"),
  DHCP_DDNS_JOURNAL_BACKLOG_CLEARED(Level.INFO, "dhcp-to-d2", "every waiting NCR is queued again"),
  DHCP_DDNS_NO_FWD_MATCH_ERROR(Level.ERROR, "dhcp-to-d2", "request={} fqdn={} ip={} {}"),
  DHCP_DDNS_NO_REV_MATCH_ERROR(Level.ERROR, "dhcp-to-d2", "request={} fqdn={} ip={} {}"),
  DHCP_DDNS_REQUEST_DROPPED(Level.ERROR, "dhcp-to-d2", "request={} fqdn={} ip={} {}"),
  DHCP_DDNS_STARTING_TRANSACTION(Level.DEBUG, "d2-to-dns", "request={} fqdn={} kind={}"),
  DHCP_DDNS_TRANSACTION_ERROR(Level.ERROR, "d2-to-dns", "request={} fqdn={} internal error{}: {}"),
  DHCP_DDNS_UPDATE_REQUEST_SENT(
      Level.DEBUG, "d2-to-dns", "request={} fqdn={} step=\"{}\" server={} attempt={}"),
  DHCP_DDNS_UPDATE_BATCH_SPLIT(
      Level.DEBUG,
      "d2-to-dns",
      "an UPDATE of {} names to zone {} at {} was not applied whole ({}); each goes out alone"),
  DHCP_DDNS_UPDATE_RESPONSE_RECEIVED(
      Level.DEBUG, "d2-to-dns", "request={} fqdn={} step=\"{}\" server={} outcome={}"),
  DHCP_DDNS_FORWARD_ADD_TIMEOUT(
      Level.ERROR, "d2-to-dns", "request={} fqdn={} server={} attempt={} {}"),
  DHCP_DDNS_FORWARD_ADD_IO_ERROR(
      Level.ERROR, "d2-to-dns", "request={} fqdn={} server={} attempt={} {}"),
  DHCP_DDNS_FORWARD_ADD_RESP_CORRUPT(
      Level.ERROR, "d2-to-dns", "request={} fqdn={} server={} attempt={} {}"),
  DHCP_DDNS_FORWARD_ADD_BUILD_FAILURE(
      Level.ERROR, "d2-to-dns", "request={} fqdn={} server={} attempt={} {}"),
  DHCP_DDNS_FORWARD_REPLACE_TIMEOUT(
      Level.ERROR, "d2-to-dns", "request={} fqdn={} server={} attempt={} {}"),
  DHCP_DDNS_FORWARD_REPLACE_IO_ERROR(
      Level.ERROR, "d2-to-dns", "request={} fqdn={} server={} attempt={} {}"),
  DHCP_DDNS_FORWARD_REPLACE_RESP_CORRUPT(
      Level.ERROR, "d2-to-dns", "request={} fqdn={} server={} attempt={} {}"),
  DHCP_DDNS_FORWARD_REPLACE_BUILD_FAILURE(
      Level.ERROR, "d2-to-dns", "request={} fqdn={} server={} attempt={} {}"),
  DHCP_DDNS_FORWARD_REMOVE_ADDRS_TIMEOUT(
      Level.ERROR, "d2-to-dns", "request={} fqdn={} server={} attempt={} {}"),
  DHCP_DDNS_FORWARD_REMOVE_ADDRS_IO_ERROR(
      Level.ERROR, "d2-to-dns", "request={} fqdn={} server={} attempt={} {}"),
  DHCP_DDNS_FORWARD_REMOVE_ADDRS_RESP_CORRUPT(
      Level.ERROR, "d2-to-dns", "request={} fqdn={} server={} attempt={} {}"),
  DHCP_DDNS_FORWARD_REMOVE_ADDRS_BUILD_FAILURE(
      Level.ERROR, "d2-to-dns", "request={} fqdn={} server={} attempt={} {}"),
  DHCP_DDNS_FORWARD_REMOVE_RRS_TIMEOUT(
      Level.ERROR, "d2-to-dns", "request={} fqdn={} server={} attempt={} {}"),
  DHCP_DDNS_FORWARD_REMOVE_RRS_IO_ERROR(
      Level.ERROR, "d2-to-dns", "request={} fqdn={} server={} attempt={} {}"),
  DHCP_DDNS_FORWARD_REMOVE_RRS_RESP_CORRUPT(
      Level.ERROR, "d2-to-dns", "request={} fqdn={} server={} attempt={} {}"),
  DHCP_DDNS_FORWARD_REMOVE_RRS_BUILD_FAILURE(
      Level.ERROR, "d2-to-dns", "request={} fqdn={} server={} attempt={} {}"),
  DHCP_DDNS_REVERSE_REPLACE_TIMEOUT(
      Level.ERROR, "d2-to-dns", "request={} fqdn={} server={} attempt={} {}"),
  DHCP_DDNS_REVERSE_REPLACE_IO_ERROR(
      Level.ERROR, "d2-to-dns", "request={} fqdn={} server={} attempt={} {}"),
  DHCP_DDNS_REVERSE_REPLACE_RESP_CORRUPT(
      Level.ERROR, "d2-to-dns", "request={} fqdn={} server={} attempt={} {}"),
  DHCP_DDNS_REVERSE_REPLACE_BUILD_FAILURE(
      Level.ERROR, "d2-to-dns", "request={} fqdn={} server={} attempt={} {}"),
  DHCP_DDNS_REVERSE_REMOVE_TIMEOUT(
      Level.ERROR, "d2-to-dns", "request={} fqdn={} server={} attempt={} {}"),
  DHCP_DDNS_REVERSE_REMOVE_IO_ERROR(
      Level.ERROR, "d2-to-dns", "request={} fqdn={} server={} attempt={} {}"),
  DHCP_DDNS_REVERSE_REMOVE_RESP_CORRUPT(
      Level.ERROR, "d2-to-dns", "request={} fqdn={} server={} attempt={} {}"),
  DHCP_DDNS_REVERSE_REMOVE_BUILD_FAILURE(
      Level.ERROR, "d2-to-dns", "request={} fqdn={} server={} attempt={} {}"),
  DHCP_DDNS_NCR_RETRY_SCHEDULED(
      Level.WARN, "d2-to-dns", "request={} fqdn={} domain={} {} (try {}); retrying in {} ms"),
  DHCP_DDNS_NCR_RETRYING(
      Level.INFO, "d2-to-dns", "request={} fqdn={} retrying after an unreachable domain"),
  DHCP_DDNS_NCR_GIVEN_UP(
      Level.ERROR,
      "d2-to-dns",
      "request={} fqdn={} domain={} no server answered in {} tries over {}s; NCR given up"),
  DHCP_DDNS_NCR_KEPT_FOR_RESTART(
      Level.WARN,
      "d2-to-dns",
      "request={} fqdn={} unreachable at shutdown; kept in the journal for the next start"),
  DHCP_DDNS_ADD_SUCCEEDED(
      Level.INFO, "d2-to-dns", "request={} fqdn={} ip={} forward={} reverse={}"),
  DHCP_DDNS_REMOVE_SUCCEEDED(
      Level.INFO, "d2-to-dns", "request={} fqdn={} ip={} forward={} reverse={}"),
  DHCP_DDNS_ADD_FAILED(
      Level.ERROR, "d2-to-dns", "request={} fqdn={} ip={} event={} forward={} reverse={} {}"),
  DHCP_DDNS_REMOVE_FAILED(
      Level.ERROR, "d2-to-dns", "request={} fqdn={} ip={} event={} forward={} reverse={} {}"),
  DHCP_DDNS_JOURNAL_OPENED(
      Level.INFO, "d2j-journal", "{}: {} NCRs pending from the previous run in {} segment(s)"),
  DHCP_DDNS_JOURNAL_TORN_TAIL(
      Level.WARN, "d2j-journal", "{} offset {}: {}; the {} octets from there are ignored"),
  DHCP_DDNS_JOURNAL_CORRUPT_RECORD(
      Level.WARN, "d2j-journal", "{} offset {}: CRC mismatch; record skipped"),
  DHCP_DDNS_JOURNAL_CORRUPT_RECORD_SEQ(
      "DHCP_DDNS_JOURNAL_CORRUPT_RECORD",
      Level.WARN,
      "d2j-journal",
      "{} offset {}: NCR seq {} below the segment's first; skipped"),
  DHCP_DDNS_JOURNAL_CORRUPT_RECORD_NOT_NCR(
      "DHCP_DDNS_JOURNAL_CORRUPT_RECORD",
      Level.ERROR,
      "d2j-journal",
      "{} seq {}: not an NCR ({}); skipped"),
  DHCP_DDNS_JOURNAL_WRITE_FAILED(Level.ERROR, "d2j-journal", "{}: {} NCRs not journaled: {}"),
  DHCP_DDNS_JOURNAL_WRITE_FAILED_NCR(
      "DHCP_DDNS_JOURNAL_WRITE_FAILED",
      Level.ERROR,
      "d2j-journal",
      "request={} fqdn={} not journaled, queued in memory only: {}"),
  DHCP_DDNS_JOURNAL_READ_FAILED(Level.ERROR, "d2j-journal", "{}: {}"),
  DHCP_DDNS_JOURNAL_COMPACTION_FAILED(Level.ERROR, "d2j-journal", "{}: {}"),
  DHCP_DDNS_JOURNAL_SEGMENT_DELETED(Level.DEBUG, "d2j-journal", "{}: all its NCRs are done"),
  DHCP_DDNS_JOURNAL_CLOSE(Level.WARN, "d2j-journal", "{}: {}");

  /** Kea's root logger name for D2. */
  public static final String ROOT = "kea-dhcp-ddns";

  private final LogLine line;

  D2Log(Level severity, String logger, String text) {
    this(null, severity, logger, text);
  }

  D2Log(String id, Level severity, String logger, String text) {
    this.line = new LogLine(id == null ? name() : id, severity, ROOT, logger, text);
  }

  @Override
  public LogLine parts() {
    return line;
  }
}
