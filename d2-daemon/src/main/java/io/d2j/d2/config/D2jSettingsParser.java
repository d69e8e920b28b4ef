package io.d2j.d2.config;

import static io.d2j.keaconfig.ConfigChecks.at;
import static io.d2j.keaconfig.ConfigChecks.nonBlank;
import static io.d2j.keaconfig.ConfigChecks.rangeChecked;

import io.d2j.keaconfig.ConfigMap;
import io.d2j.keacontrol.files.FileArea;
import io.d2j.keacontrol.files.PathGuard;
import io.d2j.keacontrol.files.PathKind;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code DhcpDdns/user-context/d2j}. Kea treats user-context as opaque, so d2j's settings
 * live there and the file still loads in Kea; inside the {@code d2j} map d2j is strict: unknown
 * keys and wrong values are errors, so a typo cannot silently leave a setting at its default.
 */
final class D2jSettingsParser {

  static final String KEY = "d2j";
  private static final Set<String> KEYS = keys();
  private static final Set<String> METRICS_KEYS = Set.of("address", "port");
  private static final Set<String> JOURNAL_KEYS = Set.of("enabled", "path", "fsync");
  private static final Set<String> AUTH_KEYS = Set.of("keys", "unsigned-senders", "time-window");
  private static final Set<String> RATE_KEYS = Set.of("per-second", "burst");

  /** The default and the largest {@code time-window}, in seconds. */
  static final long AUTH_WINDOW_DEFAULT = 30;

  static final long AUTH_WINDOW_MAX = 3600;

  private static Set<String> keys() {
    Set<String> all =
        new java.util.HashSet<>(
            Set.of(
                "normalize-domain-names",
                "yxrrset-on-remove",
                "config-get-secrets",
                "journal",
                "receive-buffer-bytes",
                "acks",
                "allowed-senders",
                "ncr-authentication",
                "sender-rate-limit",
                "metrics"));
    all.addAll(RetrySettingsParser.KEYS);
    return Set.copyOf(all);
  }

  private D2jSettingsParser() {}

  /**
   * @param baseDir where a relative journal {@code path} is resolved (the configuration file's
   *     directory)
   */
  static D2jSettings parse(ConfigMap d2, Path baseDir, PathGuard guard) {
    Optional<ConfigMap> d2j = d2.optMap("user-context").flatMap(uc -> uc.optMap(KEY));
    if (d2j.isEmpty()) {
      return D2jSettings.DEFAULTS;
    }
    ConfigMap m = d2j.get();
    m.rejectUnknownKeys(KEYS);
    boolean normalize =
        m.optBool("normalize-domain-names").orElse(D2Defaults.D2J_NORMALIZE_DOMAIN_NAMES);
    D2jSettings.YxrrsetOnRemove yxrrset = D2Defaults.D2J_YXRRSET_ON_REMOVE;
    Optional<String> y = m.optString("yxrrset-on-remove");
    if (y.isPresent()) {
      yxrrset = choose(m, "yxrrset-on-remove", y.get(), D2jSettings.YxrrsetOnRemove.values());
    }
    D2jSettings.SecretDisplay secrets = D2Defaults.D2J_CONFIG_GET_SECRETS;
    Optional<String> s = m.optString("config-get-secrets");
    if (s.isPresent()) {
      secrets = choose(m, "config-get-secrets", s.get(), D2jSettings.SecretDisplay.values());
    }
    JournalSettings journal = D2Defaults.D2J_JOURNAL;
    Optional<ConfigMap> j = m.optMap("journal");
    if (j.isPresent()) {
      journal = parseJournal(j.get(), baseDir, guard);
    }
    int rcvbuf =
        (int)
            rangeChecked(
                m,
                "receive-buffer-bytes",
                D2Defaults.D2J_RECEIVE_BUFFER_BYTES,
                D2Defaults.D2J_RECEIVE_BUFFER_MIN,
                Integer.MAX_VALUE);
    return new D2jSettings(
        normalize,
        yxrrset,
        secrets,
        RetrySettingsParser.maxTransactions(m),
        RetrySettingsParser.maxUpdatesPerServer(m),
        RetrySettingsParser.maxNamesPerUpdate(m),
        RetrySettingsParser.queueCapacity(m),
        RetrySettingsParser.retry(m),
        RetrySettingsParser.forceTcp(m),
        journal,
        rcvbuf,
        m.optBool("acks").orElse(D2Defaults.D2J_ACKS),
        allowedSenders(m),
        m.optMap("ncr-authentication").map(D2jSettingsParser::ncrAuthentication),
        m.optMap("sender-rate-limit").map(D2jSettingsParser::senderRateLimit),
        m.optMap("metrics").map(D2jSettingsParser::metrics));
  }

  /**
   * {@code ncr-authentication}; that each key exists in {@code tsig-keys} with HMAC-SHA256 is
   * checked once the keys are read ({@link D2ConfigParser}).
   */
  private static NcrAuthSettings ncrAuthentication(ConfigMap a) {
    a.rejectUnknownKeys(AUTH_KEYS);
    java.util.List<String> keys = new java.util.ArrayList<>();
    io.d2j.keaconfig.ConfigList list = a.requireList("keys");
    if (list.size() == 0) {
      throw at(a, "keys", "keys must name at least one HMAC-SHA256 key of tsig-keys");
    }
    for (io.d2j.keaconfig.ConfigNode item : list) {
      if (!(item instanceof io.d2j.keaconfig.ConfigString text) || text.value().isBlank()) {
        throw item.error("expected a key name, got " + item.typeName());
      }
      keys.add(text.value());
    }
    java.util.List<String> unsigned = new java.util.ArrayList<>();
    for (io.d2j.keaconfig.ConfigNode item :
        a.optList("unsigned-senders")
            .map(io.d2j.keaconfig.ConfigList::items)
            .orElse(java.util.List.of())) {
      unsigned.add(senderEntry(item));
    }
    long window = rangeChecked(a, "time-window", AUTH_WINDOW_DEFAULT, 1, AUTH_WINDOW_MAX);
    return new NcrAuthSettings(keys, unsigned, java.time.Duration.ofSeconds(window));
  }

  /** {@code sender-rate-limit}: {@code per-second} required, {@code burst} defaults to it. */
  private static SenderRateLimitSettings senderRateLimit(ConfigMap r) {
    r.rejectUnknownKeys(RATE_KEYS);
    if (!r.has("per-second")) {
      throw r.error("missing mandatory 'per-second' (NCR datagrams a second from each source)");
    }
    long perSecond = rangeChecked(r, "per-second", 1, 1, 10_000_000);
    long burst = rangeChecked(r, "burst", perSecond, 1, 100_000_000);
    return new SenderRateLimitSettings(perSecond, burst);
  }

  /** One address or prefix of a sender list, checked. */
  private static String senderEntry(io.d2j.keaconfig.ConfigNode item) {
    if (!(item instanceof io.d2j.keaconfig.ConfigString text)) {
      throw item.error("expected an address or prefix string, got " + item.typeName());
    }
    try {
      io.d2j.d2.listener.SenderFilter.parse(java.util.List.of(text.value()));
    } catch (IllegalArgumentException e) {
      throw item.error(e.getMessage());
    }
    return text.value();
  }

  /**
   * {@code metrics: {"address": "127.0.0.1", "port": 9580}}: the port is required (there is no
   * default to collide with), the address is an address literal, loopback when left out.
   */
  private static java.net.InetSocketAddress metrics(ConfigMap metrics) {
    metrics.rejectUnknownKeys(METRICS_KEYS);
    String text = metrics.optString("address").orElse(D2Defaults.D2J_METRICS_ADDRESS);
    java.net.InetAddress address = D2ConfigParser.ipLiteral(metrics, "address", text);
    if (!metrics.has("port")) {
      throw metrics.error("metrics: port is required (e.g. \"port\": 9580)");
    }
    int port = (int) rangeChecked(metrics, "port", 0, 1, 65535);
    return new java.net.InetSocketAddress(address, port);
  }

  /** {@code allowed-senders}: a non-empty list of addresses or prefixes, each checked here. */
  private static java.util.List<String> allowedSenders(ConfigMap m) {
    Optional<io.d2j.keaconfig.ConfigList> list = m.optList("allowed-senders");
    if (list.isEmpty()) {
      return java.util.List.of();
    }
    if (list.get().size() == 0) {
      throw at(
          m,
          "allowed-senders",
          "allowed-senders must list at least one address or prefix (leave it out for the"
              + " default: loopback and the listening address)");
    }
    java.util.List<String> entries = new java.util.ArrayList<>();
    for (io.d2j.keaconfig.ConfigNode item : list.get()) {
      entries.add(senderEntry(item));
    }
    return entries;
  }

  private static JournalSettings parseJournal(ConfigMap j, Path baseDir, PathGuard guard) {
    j.rejectUnknownKeys(JOURNAL_KEYS);
    boolean enabled = j.optBool("enabled").orElse(D2Defaults.D2J_JOURNAL_ENABLED);
    Optional<Path> path = Optional.empty();
    if (j.has("path")) {
      String text = nonBlank(j, "path", "path");
      try {
        path = Optional.of(guard.admit(j, "path", baseDir, FileArea.STATE, PathKind.DIRECTORY));
      } catch (java.nio.file.InvalidPathException e) {
        throw at(j, "path", "'" + text + "' is not a valid path: " + e.getReason());
      }
    }
    JournalSettings.Fsync fsync = D2Defaults.D2J_JOURNAL_FSYNC;
    Optional<String> f = j.optString("fsync");
    if (f.isPresent()) {
      fsync = choose(j, "fsync", f.get(), JournalSettings.Fsync.values());
    }
    return new JournalSettings(enabled, path, fsync);
  }

  private static <E extends Enum<E>> E choose(ConfigMap m, String key, String text, E[] values) {
    StringBuilder expected = new StringBuilder();
    for (E v : values) {
      String t = v.toString().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
      if (t.equals(text)) {
        return v;
      }
      expected.append(expected.length() == 0 ? "" : " or ").append('\'').append(t).append('\'');
    }
    throw at(m, key, key + " must be " + expected + ", got '" + text + "'");
  }
}
