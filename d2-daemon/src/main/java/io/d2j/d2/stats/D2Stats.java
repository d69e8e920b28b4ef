package io.d2j.d2.stats;

import io.d2j.keacontrol.stats.Statistics;

/**
 * Statistic names. Kea's names keep Kea's meaning exactly (Stork and scripts read them); names Kea
 * does not have are d2j's own and say so by their prefix-free wording.
 */
public final class D2Stats {
  public static final String NCR_RECEIVED = "ncr-received";
  public static final String NCR_INVALID = "ncr-invalid";
  public static final String NCR_ERROR = "ncr-error";
  public static final String QUEUE_FULL = "queue-mgr-queue-full";
  public static final String UPDATE_SENT = "update-sent";
  public static final String UPDATE_SIGNED = "update-signed";
  public static final String UPDATE_UNSIGNED = "update-unsigned";
  public static final String UPDATE_SUCCESS = "update-success";
  public static final String UPDATE_TIMEOUT = "update-timeout";
  public static final String UPDATE_ERROR = "update-error";

  /** d2j only: NCRs dropped because no configured domain matched (Kea counts none). */
  public static final String NCR_DROPPED_NO_MATCH = "ncr-dropped-no-match";

  /** d2j only: NCRs dropped because every requested direction is disabled. */
  public static final String NCR_DROPPED_NO_DIRECTION = "ncr-dropped-no-direction";

  /** d2j only: NCRs received while shutdown had begun, not queued. */
  public static final String NCR_DROPPED_SHUTDOWN = "ncr-dropped-shutdown";

  /** d2j only: transactions that completed / failed. */
  public static final String NCR_COMPLETED = "ncr-completed";

  public static final String NCR_FAILED = "ncr-failed";

  /** d2j only: UPDATE exchanges over TCP (force-tcp, over 512 octets, or after a TC reply). */
  public static final String UPDATE_TCP = "update-tcp";

  /** d2j only: TCP connections opened to DNS servers (each kept open and reused). */
  public static final String UPDATE_TCP_CONNECTIONS = "update-tcp-connections";

  /** d2j only: UPDATE messages that carried the steps of more than one NCR (batching). */
  public static final String UPDATE_BATCHES = "update-batches";

  /** d2j only: NCR steps carried in those messages. */
  public static final String UPDATE_BATCHED_NAMES = "update-batched-names";

  /** d2j only: batches not applied whole, whose steps were then sent one by one. */
  public static final String UPDATE_BATCH_SPLITS = "update-batch-splits";

  /** d2j only: NCRs parked for a later try because no server of their domain answered. */
  public static final String NCR_RETRY_SCHEDULED = "ncr-retry-scheduled";

  /** d2j only: NCRs given up at their maximum age with their domain still unreachable. */
  public static final String NCR_GIVEN_UP = "ncr-given-up";

  /** d2j only: NCR datagrams dropped because their source is not in allowed-senders. */
  public static final String NCR_REJECTED_SENDER = "ncr-rejected-sender";

  /**
   * d2j only: NCR datagrams dropped by ncr-authentication: unsigned from a source not in
   * unsigned-senders, or a signature that does not verify (unknown key, wrong MAC, outside the time
   * window, counter too old).
   */
  public static final String NCR_REJECTED_AUTH = "ncr-rejected-auth";

  /** d2j only: signed NCR datagrams dropped because their counter was received before. */
  public static final String NCR_REPLAYED = "ncr-replayed";

  /** d2j only: NCR datagrams dropped by sender-rate-limit. */
  public static final String NCR_RATE_LIMITED = "ncr-rate-limited";

  /** d2j only: NCR datagrams answered with an ack (user-context.d2j.acks). */
  public static final String NCR_ACKED = "ncr-acked";

  /** The global statistics Kea creates at start, plus d2j's own. */
  public static final String[] GLOBALS = {
    NCR_RECEIVED,
    NCR_INVALID,
    NCR_ERROR,
    NCR_REJECTED_SENDER,
    NCR_REJECTED_AUTH,
    NCR_REPLAYED,
    NCR_RATE_LIMITED,
    QUEUE_FULL,
    UPDATE_SENT,
    UPDATE_SIGNED,
    UPDATE_UNSIGNED,
    UPDATE_SUCCESS,
    UPDATE_TIMEOUT,
    UPDATE_ERROR,
    NCR_DROPPED_NO_MATCH,
    NCR_DROPPED_NO_DIRECTION,
    NCR_DROPPED_SHUTDOWN,
    NCR_COMPLETED,
    NCR_FAILED,
    NCR_RETRY_SCHEDULED,
    NCR_GIVEN_UP,
    UPDATE_TCP,
    UPDATE_TCP_CONNECTIONS,
    UPDATE_BATCHES,
    UPDATE_BATCHED_NAMES,
    UPDATE_BATCH_SPLITS,
    NCR_ACKED
  };

  /** The counters Kea keeps per TSIG key (d2-behaviour.md §10). */
  public static final java.util.List<String> PER_KEY =
      java.util.List.of(UPDATE_SENT, UPDATE_SUCCESS, UPDATE_TIMEOUT, UPDATE_ERROR);

  private D2Stats() {}

  /** Creates the globals at 0 (Kea shows D2's from the start). */
  public static void declareGlobals(Statistics stats) {
    for (String name : GLOBALS) {
      stats.declare(name);
    }
  }

  /**
   * Per-key counters live as long as their key (Kea, d2-behaviour.md §10), but unlike Kea a key
   * that survives a reconfiguration keeps its counts (L20): those of keys gone are removed, those
   * of new keys created at 0.
   */
  public static void followKeys(
      Statistics stats, java.util.Set<String> before, java.util.Set<String> after) {
    for (String gone : before) {
      if (!after.contains(gone)) {
        PER_KEY.forEach(s -> stats.remove(perKey(gone, s)));
      }
    }
    for (String key : after) {
      PER_KEY.forEach(s -> stats.declare(perKey(key, s)));
    }
  }

  /** Kea's per-key statistic name, e.g. {@code key[d2.key.].update-sent}. */
  public static String perKey(String keyName, String stat) {
    String absolute = keyName.endsWith(".") ? keyName : keyName + ".";
    return "key[" + absolute + "]." + stat;
  }
}
