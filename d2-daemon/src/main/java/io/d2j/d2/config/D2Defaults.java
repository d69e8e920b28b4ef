package io.d2j.d2.config;

import io.d2j.keacontrol.logging.LoggerOutput;
import io.d2j.keacontrol.logging.LoggerSpec;
import java.util.Map;

/**
 * The one defaults table of the {@code DhcpDdns} configuration, by scope. Values are those of Kea
 * 2.4+ (the 2.2 timeout of 100 ms caused spurious failures, Kea #2590); every other default is
 * unchanged since Kea 1.x. Parser and config-get renderer both read them from here.
 */
public final class D2Defaults {

  // DhcpDdns globals (d2-behaviour.md §5.2)
  public static final String IP_ADDRESS = "127.0.0.1";
  public static final long PORT = 53001;
  public static final long DNS_SERVER_TIMEOUT_MS = 500;
  public static final String NCR_PROTOCOL = "UDP";
  public static final String NCR_FORMAT = "JSON";

  // tsig-keys items (§5.4)
  public static final long DIGEST_BITS = 0;

  // dns-servers items (§5.5)
  public static final long DNS_SERVER_PORT = 53;
  public static final String DNS_SERVER_HOSTNAME = "";

  // loggers items and their output-options (Kea's LoggingInfo / LoggingDestination)
  public static final long LOGGER_DEBUGLEVEL = LoggerSpec.DEFAULT_DEBUG_LEVEL;
  public static final boolean OUTPUT_FLUSH = LoggerOutput.DEFAULT_FLUSH;
  public static final long OUTPUT_MAXSIZE = LoggerOutput.DEFAULT_MAXSIZE;
  public static final long OUTPUT_MAXVER = LoggerOutput.DEFAULT_MAXVER;

  // user-context.d2j (d2j's own settings; defaults are the newest Kea behaviour, except where
  // Kea's releases disagree and both leave foreign or orphaned records: then d2j's rule, §7.6)
  public static final boolean D2J_NORMALIZE_DOMAIN_NAMES = false;
  public static final D2jSettings.YxrrsetOnRemove D2J_YXRRSET_ON_REMOVE =
      D2jSettings.YxrrsetOnRemove.SUCCEED_IF_OWNER;
  // Kea prints the secret: tools that config-get, edit and config-set depend on it.
  public static final D2jSettings.SecretDisplay D2J_CONFIG_GET_SECRETS =
      D2jSettings.SecretDisplay.SHOW;
  // Throughput and outages: d2j's own (issue 4); they change no DNS content.
  // 256 in flight (the minimum); what one DNS server sees at once is bounded separately by
  // D2J_MAX_UPDATES_PER_SERVER below.
  public static final int D2J_MAX_TRANSACTIONS = 256;
  public static final int D2J_QUEUE_CAPACITY = 1024;

  /**
   * UPDATEs outstanding at one DNS server at once. Below BIND 9's {@code update-quota} (100, since
   * 9.18), beyond which BIND drops UPDATEs unanswered: they would time out and be retried.
   */
  public static final int D2J_MAX_UPDATES_PER_SERVER = 64;

  /**
   * Independent steps of different owner names packed into one UPDATE (issue 18). 16 by measurement
   * (docs/benchmarks.md): most of BIND's gain over one name per message, no loss against Knot, and
   * a failed batch costs at most 16 steps sent again alone; at most 128 (a batch of 255-octet names
   * stays far below the 65,535 octets of a TCP message).
   */
  public static final int D2J_MAX_NAMES_PER_UPDATE = 16;

  public static final int D2J_MAX_NAMES_PER_UPDATE_LIMIT = 128;

  public static final long D2J_RETRY_INITIAL_MS = 1_000;
  public static final long D2J_RETRY_MAX_MS = 60_000;
  public static final long D2J_RETRY_MAX_AGE_S = 86_400;
  public static final boolean D2J_RETRY_ON_SERVFAIL = true;
  public static final boolean D2J_FORCE_TCP = false;
  // Accepted NCRs are journaled unless the operator turns it off (d2j's no-loss promise).
  public static final boolean D2J_JOURNAL_ENABLED = true;
  public static final JournalSettings.Fsync D2J_JOURNAL_FSYNC = JournalSettings.Fsync.BATCH;
  public static final JournalSettings D2J_JOURNAL =
      new JournalSettings(D2J_JOURNAL_ENABLED, java.util.Optional.empty(), D2J_JOURNAL_FSYNC);
  // Room for a burst of a few thousand NCRs while the journal writer catches up.
  public static final long D2J_RECEIVE_BUFFER_BYTES = 4L * 1024 * 1024;
  public static final long D2J_RECEIVE_BUFFER_MIN = 65_536;
  // Kea's DHCP servers never read their NCR socket, so an ack costs them nothing: on by default.
  public static final boolean D2J_ACKS = true;
  // The metrics listener is off unless configured; when it is, loopback unless told otherwise.
  public static final String D2J_METRICS_ADDRESS = "127.0.0.1";

  /** The global scalars, by key, as config-get shows them when the file leaves them out. */
  public static final Map<String, Object> GLOBALS =
      Map.of(
          "ip-address", IP_ADDRESS,
          "port", PORT,
          "dns-server-timeout", DNS_SERVER_TIMEOUT_MS,
          "ncr-protocol", NCR_PROTOCOL,
          "ncr-format", NCR_FORMAT);

  private D2Defaults() {}
}
