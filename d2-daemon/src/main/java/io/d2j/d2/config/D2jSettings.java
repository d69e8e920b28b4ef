package io.d2j.d2.config;

import io.d2j.d2.transaction.TransactionPolicy;
import java.util.Objects;

/**
 * d2j's own settings, read from {@code "user-context": {"d2j": {...}}} of {@code DhcpDdns} so that
 * the same file still loads in Kea (Kea keeps user-context opaque). Each default reproduces the
 * newest Kea behaviour (d2-behaviour.md §0 rule), except {@code yxrrset-on-remove}, where both Kea
 * rules leave records behind that do not belong and d2j's own rule is the default (§7.6).
 *
 * <pre>{@code
 * "user-context": { "d2j": { "normalize-domain-names": true, "yxrrset-on-remove": "fail" } }
 * }</pre>
 *
 * @param normalizeDomainNames match a domain written without its trailing dot as if it had one
 *     (§6.5; Kea never matches such a domain)
 * @param yxrrsetOnRemove what YXRRSET means in "remove remaining forward RRs" (§7.6, §15 L4)
 * @param configGetSecrets whether config-get prints TSIG secrets or {@code *****}
 * @param maxTransactions how many transactions may be in flight at once (Kea: 32, fixed)
 * @param maxUpdatesPerServer how many UPDATEs may be outstanding at one DNS server at once; more
 *     wait in the DNS client, their timeout starting when they are sent (Kea: unbounded)
 * @param maxNamesPerUpdate how many independent first steps of adds to one server and zone may
 *     share one UPDATE (1: every step alone, as Kea sends them)
 * @param queueCapacity how many NCRs the in-memory queue holds (Kea: 1024, fixed)
 * @param retry how NCRs whose domain has no reachable server are retried
 * @param forceTcp send every UPDATE over TCP (RFC 1035 §4.2.2) instead of UDP first
 * @param journal the durable journal of accepted NCRs
 * @param receiveBufferBytes the SO_RCVBUF asked for on the NCR socket
 * @param acks answer each accepted NCR datagram with an {@code NcrAck} (d2j-only extension)
 * @param allowedSenders addresses and prefixes NCR datagrams are taken from; empty means the
 *     default: the loopback addresses and the address the D2 listens on
 * @param ncrAuthentication signed NCR datagrams required (d2j only); empty: off
 * @param senderRateLimit a per-source limit on NCR datagrams (d2j only); empty: off
 * @param metrics where the Prometheus {@code /metrics} listener binds; empty (the default): none
 */
public record D2jSettings(
    boolean normalizeDomainNames,
    YxrrsetOnRemove yxrrsetOnRemove,
    SecretDisplay configGetSecrets,
    int maxTransactions,
    int maxUpdatesPerServer,
    int maxNamesPerUpdate,
    int queueCapacity,
    RetrySettings retry,
    boolean forceTcp,
    JournalSettings journal,
    int receiveBufferBytes,
    boolean acks,
    java.util.List<String> allowedSenders,
    java.util.Optional<NcrAuthSettings> ncrAuthentication,
    java.util.Optional<SenderRateLimitSettings> senderRateLimit,
    java.util.Optional<java.net.InetSocketAddress> metrics) {

  /**
   * §7.6: d2j's rule (succeed only after this NCR's own address was removed) by default; Kea after
   * 3.3.0 (#4437) always succeeds; Kea 2.2 through 3.3.0 always fail and orphan the PTR.
   */
  public enum YxrrsetOnRemove {
    SUCCEED_IF_OWNER("succeed-if-owner", TransactionPolicy.YxrrsetRule.SUCCEED_IF_OWNER),
    SUCCEED("succeed", TransactionPolicy.YxrrsetRule.SUCCEED),
    FAIL("fail", TransactionPolicy.YxrrsetRule.FAIL);

    private final String text;
    private final TransactionPolicy.YxrrsetRule rule;

    YxrrsetOnRemove(String text, TransactionPolicy.YxrrsetRule rule) {
      this.text = text;
      this.rule = rule;
    }

    public String text() {
      return text;
    }

    public TransactionPolicy.YxrrsetRule rule() {
      return rule;
    }
  }

  /** How config-get shows a clear-text {@code secret}. */
  public enum SecretDisplay {
    REDACT("redact"),
    SHOW("show");

    private final String text;

    SecretDisplay(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  public static final D2jSettings DEFAULTS =
      new D2jSettings(
          D2Defaults.D2J_NORMALIZE_DOMAIN_NAMES,
          D2Defaults.D2J_YXRRSET_ON_REMOVE,
          D2Defaults.D2J_CONFIG_GET_SECRETS,
          D2Defaults.D2J_MAX_TRANSACTIONS,
          D2Defaults.D2J_MAX_UPDATES_PER_SERVER,
          D2Defaults.D2J_MAX_NAMES_PER_UPDATE,
          D2Defaults.D2J_QUEUE_CAPACITY,
          RetrySettings.DEFAULTS,
          D2Defaults.D2J_FORCE_TCP,
          D2Defaults.D2J_JOURNAL,
          (int) D2Defaults.D2J_RECEIVE_BUFFER_BYTES,
          D2Defaults.D2J_ACKS,
          java.util.List.of(),
          java.util.Optional.empty(),
          java.util.Optional.empty(),
          java.util.Optional.empty());

  public D2jSettings {
    Objects.requireNonNull(yxrrsetOnRemove, "yxrrsetOnRemove");
    Objects.requireNonNull(configGetSecrets, "configGetSecrets");
    Objects.requireNonNull(retry, "retry");
    if (maxTransactions < 1 || queueCapacity < 1) {
      throw new IllegalArgumentException(
          "maxTransactions and queueCapacity: must be >= 1, got "
              + maxTransactions
              + ", "
              + queueCapacity);
    }
    if (maxNamesPerUpdate < 1) {
      throw new IllegalArgumentException(
          "maxNamesPerUpdate: must be >= 1, got " + maxNamesPerUpdate);
    }
    if (maxUpdatesPerServer < 1) {
      throw new IllegalArgumentException(
          "maxUpdatesPerServer: must be >= 1, got " + maxUpdatesPerServer);
    }
    Objects.requireNonNull(journal, "journal");
    allowedSenders = java.util.List.copyOf(allowedSenders);
    Objects.requireNonNull(ncrAuthentication, "ncrAuthentication");
    Objects.requireNonNull(senderRateLimit, "senderRateLimit");
    Objects.requireNonNull(metrics, "metrics");
    if (receiveBufferBytes < 1) {
      throw new IllegalArgumentException(
          "receiveBufferBytes: must be positive, got " + receiveBufferBytes);
    }
  }
}
