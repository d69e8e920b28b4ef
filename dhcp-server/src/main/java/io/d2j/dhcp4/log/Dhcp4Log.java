package io.d2j.dhcp4.log;

import io.d2j.keacontrol.logging.LogId;
import io.d2j.keacontrol.logging.LogLine;
import org.slf4j.event.Level;

/**
 * Every operator-facing line d2j-dhcp4 logs (the shared daemon layer, lease commands, the packet
 * path, the lease store, the network layer, DDNS), each with its id, level, logger (under {@code
 * kea-dhcp4}) and text; the code logs through these, and {@code Dhcp4LogCatalogueTest} checks
 * docs/log-messages.md against them both ways. A constant whose Java name differs from its id is a
 * second wording of that id.
 */
public enum Dhcp4Log implements LogId {
  DHCP4_CONFIG_LOAD_FAIL(Level.ERROR, "dhcp4", "{}"),
  DHCP4_INIT_FAIL(Level.ERROR, "", "{}"),
  DHCP4_LOGGING(Level.WARN, "dhcp4", "{}"),
  DHCP4_CONFIG_WARNING(Level.WARN, "dhcp4", "{}"),
  DCTL_SIGNAL_UNAVAILABLE(Level.WARN, "dhcp4", "SIG{} not handled: {}"),
  DHCP4_DYNAMIC_RECONFIGURATION(Level.INFO, "dhcp4", "reloading {}"),
  DHCP4_DYNAMIC_RECONFIGURATION_SUCCESS(Level.INFO, "dhcp4", "{}: configuration applied"),
  DHCP4_DYNAMIC_RECONFIGURATION_FAIL(Level.ERROR, "dhcp4", "{}"),
  DHCP4_CONFIG_WRITE_REFUSED(Level.ERROR, "dhcp4", "{}"),
  DHCP4_CONFIG_UNSUPPORTED_OBJECT(
      Level.ERROR, "dhcp4", "config-set: '{}' ignored; only '{}' is read"),
  DHCP4_CONTROL_SOCKET_UNCHANGED(
      Level.WARN, "dhcp4", "control-socket changes take effect at restart; still serving {}"),
  DHCP4_SHUTDOWN_REQUEST(Level.INFO, "dhcp4", "shutdown requested, exit-value {}"),
  DHCP4_SHUTDOWN_FATAL(Level.ERROR, "dhcp4", "{}"),
  LEASE_CMDS_ADD4(Level.INFO, "lease-cmds-hooks", "lease4-add command successful (parameters: {})"),
  LEASE_CMDS_UPDATE4(
      Level.INFO, "lease-cmds-hooks", "lease4-update command successful (parameters: {})"),
  LEASE_CMDS_DEL4(Level.INFO, "lease-cmds-hooks", "lease4-del command successful (parameters: {})"),
  LEASE_CMDS_WIPE4(
      Level.INFO, "lease-cmds-hooks", "lease4-wipe deleted {} leases from subnet(s){}"),
  DHCPSRV_MEMFILE_LEASE_LOAD_ROW_ERROR(Level.WARN, "dhcpsrv", "{}"),
  DHCPSRV_MEMFILE_LEASE_FILE_LOAD(
      Level.INFO, "dhcpsrv", "file={} leases={} rows={} skipped={} compacted={}"),
  DHCP4_LEASE_FILE_TRUNCATE_FAILED(
      Level.ERROR, "dhcpsrv", "{}: cannot cut the {} rows of a failed sync: {}"),
  DHCP4_LEASE_FILE_COMPACTED(Level.INFO, "dhcpsrv", "file={} leases={}"),
  DHCP4_LEASE_FILE_DIR_SYNC_UNSUPPORTED(
      Level.DEBUG, "dhcpsrv", "directory sync of {} not supported: {}"),
  DHCP4_LEASE_EVENT_FAILED(Level.ERROR, "packets", "a lease-event listener failed: {}"),
  DHCPSRV_PGSQL_DB(Level.INFO, "dhcpsrv", "opening PostgreSQL lease database: {}"),
  DHCPSRV_PGSQL_DB_CLOSED(Level.INFO, "dhcpsrv", "closed PostgreSQL lease database: {}"),
  DHCPSRV_PGSQL_FATAL_ERROR(
      Level.ERROR,
      "dhcpsrv",
      "Unrecoverable PostgreSQL error occurred: Statement: <{}>, reason: {} (error code: {})"),
  DHCPSRV_PGSQL_LEASE_ROW_ERROR(Level.WARN, "dhcpsrv", "{}: skipped: {}"),
  DHCP4_PGSQL_CLOSE_ROLLBACK_FAILED(
      Level.DEBUG, "dhcpsrv", "rolling back an open batch at close: {}"),
  DHCP4_DB_RECONNECT_LOST_CONNECTION(
      Level.WARN, "dhcp4", "database connection lost ({}); on-fail {}{}"),
  DHCP4_DB_RECONNECT_DISABLED(
      Level.WARN,
      "dhcp4",
      "database reconnect is disabled: max-reconnect-tries {}, reconnect-wait-time {}"),
  DHCPSRV_PGSQL_LEASE_DB_RECONNECT_ATTEMPT_SCHEDULE(
      Level.INFO, "dhcpsrv", "scheduling attempt {} of {} in {} milliseconds"),
  DHCPSRV_PGSQL_LEASE_DB_RECONNECT_ATTEMPT_FAILED(
      Level.WARN, "dhcpsrv", "database reconnect failed: {}"),
  DHCPSRV_PGSQL_LEASE_DB_RECONNECT_ATTEMPT_FAILED_CONTINUING(
      "DHCPSRV_PGSQL_LEASE_DB_RECONNECT_ATTEMPT_FAILED",
      Level.DEBUG,
      "dhcpsrv",
      "database reconnect failed: {}"),
  DHCPSRV_PGSQL_LEASE_DB_RECONNECT_FAILED(
      Level.ERROR,
      "dhcpsrv",
      "maximum number of database reconnect attempts: {}, has been exhausted without success"),
  DHCP4_DB_RECONNECT_FAILED(
      Level.ERROR,
      "dhcp4",
      "maximum number of database reconnect attempts: {}, has been exhausted without success"),
  DHCP4_DB_RECONNECT_EXIT(Level.ERROR, "dhcp4", "on-fail {}: shutting down with exit status 1"),
  DHCP4_DB_RECONNECT_CONTINUE(
      Level.WARN,
      "dhcp4",
      "on-fail serve-retry-continue: serving without the lease database, trying to reconnect every {} ms"),
  DHCP4_DB_RECONNECT_SUCCEEDED(Level.INFO, "dhcp4", "database connection recovered{}"),
  DHCP4_DB_RECONNECT_NOT_SCHEDULED(
      Level.DEBUG, "dhcp4", "no reconnect attempt: the server is closing"),
  DHCPSRV_LEASE_SANITY_FAIL(Level.WARN, "dhcpsrv", "{}"),
  DHCPSRV_LEASE_SANITY_FIXED(Level.WARN, "dhcpsrv", "{}"),
  DHCPSRV_LEASE_SANITY_FAIL_DISCARD(Level.WARN, "dhcpsrv", "{}"),
  DHCP4_MULTI_THREADING_INFO(
      Level.INFO, "dhcp4", "enabled: {}, number of threads: {}, queue size: {}"),
  DHCP4_STARTED(Level.INFO, "dhcp4", "{} (replies to port {}), chain {}, {} leases loaded"),
  DHCP4_NATIVE_UNAVAILABLE(
      Level.WARN,
      "dhcp4",
      "no per-interface sockets on this platform ({}): one UDP socket on 0.0.0.0 serves relays, and direct clients only where the route for 255.255.255.255 leads to them"),
  DHCP4_LEASES_NOT_PERSISTED(
      Level.WARN, "dhcp4", "lease-database persist is false: leases are lost on restart"),
  ALLOC_ENGINE_V4_LEASES_RECLAMATION_COMPLETE(Level.INFO, "dhcp4", "reclaimed {} leases"),
  DHCP4_TIMER_FAILED(Level.ERROR, "dhcp4", "{}: {}"),
  DHCP4_SHUTDOWN_TIMERS(Level.WARN, "dhcp4", "a timer task still runs after 10 s; interrupting it"),
  DHCP4_SHUTDOWN(Level.INFO, "dhcp4", "server stopped"),
  DHCP4_PACKET_NO_REPLY(Level.DEBUG, "packets", "xid={} from {}: {} ({})"),
  DHCP4_PACKET_PROCESS_EXCEPTION(Level.ERROR, "packets", "query from {} failed: {}"),
  DHCP4_PACKET_PROCESS_EXCEPTION_BATCH(
      "DHCP4_PACKET_PROCESS_EXCEPTION", Level.ERROR, "packets", "batch of {} failed: {}"),
  DHCP4_PACKET_DROP_0008(Level.DEBUG, "packets", "packet {}: DHCP service is globally disabled"),
  DHCP4_ADDRESS_POOL_EXHAUSTED(
      Level.WARN,
      "alloc-engine",
      "subnet {} (id {}{}): {} for the DISCOVER from {}; {} DISCOVER(s) unanswered so since the"
          + " last line (statistics v4-allocation-fail*, subnet[{}].v4-allocation-fail*)"),
  DHCP4_CLIENT_NAME_NOT_USED(Level.DEBUG, "ddns", "client {}: {}; no name, no DNS update"),
  DHCP4_QUERY_RATE_LIMITED(
      Level.WARN,
      "packets",
      "{} quer(ies) dropped over query-rate-limit, the last from {} for {} ({} {})"),
  DHCP4_PACKET_QUEUE_FULL(
      Level.DEBUG, "packets", "packet from {} dropped: the multi-threading packet queue is full"),
  EVAL_RESULT(Level.ERROR, "options", "class={} error={}"),
  DHCP4_PACKET_DROP_0001(Level.INFO, "packets", "failed to parse packet from {}: {}"),
  DHCP4_PACKET_DROP_BOOTREPLY(
      "DHCP4_PACKET_DROP_0001",
      Level.INFO,
      "packets",
      "packet from {} is a BOOTREPLY, not a request"),
  DHCP4_LEASE_SYNC_FAILED(
      Level.ERROR,
      "packets",
      "{} replies and {} lease events dropped: their leases are not durable: {}"),
  DHCP4_PACKET_SEND(Level.DEBUG, "packets", "{} xid={} yiaddr={} to {}{}"),
  DHCP4_PACKET_SEND_FAIL(Level.WARN, "packets", "to {}: {}"),
  DHCP4_PACKET_PACK_FAIL(Level.ERROR, "packets", "{} for xid {} from {} not sent: {}"),
  DHCP4_PACKET_RECEIVE_FAIL(Level.WARN, "packets", "{}"),
  DHCP4_PACKET_DROP_NOT_SERVED(
      Level.DEBUG, "packets", "from {}:{} to {} on ifindex {}: not a served interface"),
  DHCP4_SHUTDOWN_SOCKET_CLOSE("DHCP4_SHUTDOWN", Level.WARN, "packets", "closing the socket: {}"),
  DHCPSRV_NO_SOCKETS_OPEN(
      Level.WARN, "dhcpsrv", "no interface is served{}: the server answers no query"),
  DHCP4_INTERFACE_LOST(Level.WARN, "dhcpsrv", "{}: {}; it is no longer served"),
  DHCP4_OPEN_SOCKETS_FAILED(Level.WARN, "dhcpsrv", "{} still cannot be served after {} retries{}"),
  DHCP4_OPEN_SOCKET_RETRY(Level.INFO, "dhcpsrv", "{}: retry {} of {} in {} ms"),
  DHCP4_INTERFACE_NOTE(Level.INFO, "dhcpsrv", "{}"),
  DHCP4_OPEN_SOCKET_FAIL_NO_RAW(
      "DHCP4_OPEN_SOCKET_FAIL",
      Level.ERROR,
      "dhcpsrv",
      "{}: no raw socket ({}; it needs CAP_NET_RAW): served by the UDP socket instead, so replies to clients without an address are broadcast"),
  DHCP4_INTERFACE_OPENED(Level.INFO, "dhcpsrv", "{}: {}, UDP port {}; serving {}"),
  DHCP4_OPEN_SOCKET_FAIL(Level.WARN, "dhcpsrv", "{}"),
  HA_SERVICE_STARTED(Level.INFO, "ha-hooks", "started in {} mode as {} server"),
  HA_STATE_TRANSITION(Level.INFO, "ha-hooks", "{} to {}, partner {}"),
  HA_STATE_TRANSITION_PASSIVE_BACKUP(Level.INFO, "ha-hooks", "{} to {}"),
  HA_STATE_MACHINE_PAUSED(Level.INFO, "ha-hooks", "paused in {}; ha-continue resumes"),
  HA_STATE_MACHINE_CONTINUED(Level.INFO, "ha-hooks", "resumed in {}"),
  HA_LOCAL_DHCP_DISABLE(Level.INFO, "ha-hooks", "{}: DHCP service off in {}"),
  HA_LOCAL_DHCP_ENABLE(Level.INFO, "ha-hooks", "{}: DHCP service on in {}"),
  HA_TERMINATED(
      Level.ERROR,
      "ha-hooks",
      "terminated: no more state changes or lease updates; fix the cause and restart both servers"),
  HA_TERMINATED_RESTART_PARTNER(
      Level.INFO, "ha-hooks", "waiting: partner {} is terminated and must be restarted"),
  HA_HIGH_CLOCK_SKEW(Level.WARN, "ha-hooks", "{}; more than 60 s terminates HA"),
  HA_HIGH_CLOCK_SKEW_CAUSES_TERMINATION(Level.ERROR, "ha-hooks", "{}: terminating HA"),
  HA_INVALID_PARTNER_STATE_COMMUNICATION_RECOVERY(
      Level.WARN,
      "ha-hooks",
      "partner is in communication-recovery, which this server's {} mode does not have: check both"
          + " configurations"),
  HA_INVALID_PARTNER_STATE_HOT_STANDBY(
      Level.WARN,
      "ha-hooks",
      "partner is in hot-standby while this server is in {} mode: check both configurations"),
  HA_INVALID_PARTNER_STATE_LOAD_BALANCING(
      Level.WARN,
      "ha-hooks",
      "partner is in load-balancing while this server is in {} mode: check both configurations"),
  HA_MAINTENANCE_SHUTDOWN_SAFE(
      Level.INFO, "ha-hooks", "in-maintenance: this server may be shut down safely"),
  HA_MAINTENANCE_STARTED(
      Level.INFO, "ha-hooks", "partner-in-maintenance: serving the partner's clients too"),
  HA_MAINTENANCE_STARTED_IN_PARTNER_DOWN(
      Level.INFO,
      "ha-hooks",
      "partner did not answer ha-maintenance-notify: partner-down, serving its clients too"),
  HA_HEARTBEAT_COMMUNICATIONS_FAILED(Level.WARN, "ha-hooks", "failed to send heartbeat to {}: {}"),
  HA_HEARTBEAT_FAILED(Level.WARN, "ha-hooks", "heartbeat to {} failed: {}"),
  HA_LEASE_UPDATE_COMMUNICATIONS_FAILED(
      Level.WARN, "ha-hooks", "{} for {} to {} not delivered: {}"),
  HA_LEASE_UPDATE_FAILED(Level.WARN, "ha-hooks", "{} for {} refused by {}: result {}: {}"),
  HA_LEASE_UPDATE_CONFLICT(
      Level.WARN,
      "ha-hooks",
      "{} for {} rejected by {} as a conflict (result 4): {}; the reply is dropped"),
  HA_LEASE_UPDATE_REJECTS_CAUSED_TERMINATION(
      Level.ERROR,
      "ha-hooks",
      "the partner rejected the lease updates of {} clients (max-rejected-lease-updates {}):"
          + " terminating HA"),
  HA_PARKED_PACKET_LIMIT_EXCEEDED(
      Level.WARN,
      "ha-hooks",
      "more than {} replies wait for the partner (parked-packet-limit): this one is dropped"),
  HA_SYNC_START(Level.INFO, "ha-hooks", "lease database synchronization with {} started"),
  HA_SYNC_SUCCESSFUL(
      Level.INFO,
      "ha-hooks",
      "lease database synchronization with {} done in {} ms: {} leases received, {} added, {}"
          + " updated, {} kept"),
  HA_SYNC_FAILED(Level.ERROR, "ha-hooks", "lease database synchronization with {} failed: {}"),
  HA_SYNC_LEASE_SKIPPED(Level.WARN, "ha-hooks", "synced lease {} skipped: {}"),
  HA_PEER_LISTENER_STARTED(Level.INFO, "ha-hooks", "peer commands on {} ({}, {})"),
  HTTP_CLIENT_REQUEST_NO_AUTH_HEADER(
      Level.WARN, "http", "{}: request without Authorization header refused (HTTP 401)"),
  HTTP_CLIENT_REQUEST_NOT_AUTHORIZED(
      Level.WARN, "http", "{}: wrong credentials for user '{}' refused (HTTP 401)"),
  HTTP_CONNECTION_HANDSHAKE_FAILED(Level.WARN, "http", "{}: connection failed: {}"),
  DHCP4_DDNS_SENDER_STARTED(Level.INFO, "ddns", "NCRs to {} port {}{}"),
  DHCP4_DDNS_NCR_BUILD_FAILED(Level.WARN, "ddns", "lease {} name '{}': {}"),
  DHCP4_DDNS_REQUEST_SENT(Level.DEBUG, "ddns", "{}"),
  DHCP4_DDNS_REQUEST_SEND_RETRY(Level.INFO, "ddns", "attempt {} of {} failed, next in {} ms: {}"),
  DHCP4_DDNS_REQUEST_SEND_FAILED(
      Level.WARN, "ddns", "after {} attempt(s), DDNS stays on for other requests: {} ({})");

  /** Kea's root logger name for the DHCPv4 server. */
  public static final String ROOT = "kea-dhcp4";

  private final LogLine line;

  Dhcp4Log(Level severity, String logger, String text) {
    this(null, severity, logger, text);
  }

  /** A second wording of {@code id}. */
  Dhcp4Log(String id, Level severity, String logger, String text) {
    this.line = new LogLine(id == null ? name() : id, severity, ROOT, logger, text);
  }

  @Override
  public LogLine parts() {
    return line;
  }
}
