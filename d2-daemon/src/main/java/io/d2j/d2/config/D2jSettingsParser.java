package io.d2j.d2.config;

import static io.d2j.keaconfig.ConfigChecks.at;
import static io.d2j.keaconfig.ConfigChecks.nonBlank;
import static io.d2j.keaconfig.ConfigChecks.rangeChecked;

import io.d2j.keaconfig.ConfigMap;
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
  private static final Set<String> JOURNAL_KEYS = Set.of("enabled", "path", "fsync");

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
                "allowed-senders"));
    all.addAll(RetrySettingsParser.KEYS);
    return Set.copyOf(all);
  }

  private D2jSettingsParser() {}

  /**
   * @param baseDir where a relative journal {@code path} is resolved (the configuration file's
   *     directory)
   */
  static D2jSettings parse(ConfigMap d2, Path baseDir) {
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
      journal = parseJournal(j.get(), baseDir);
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
        RetrySettingsParser.queueCapacity(m),
        RetrySettingsParser.retry(m),
        RetrySettingsParser.forceTcp(m),
        journal,
        rcvbuf,
        m.optBool("acks").orElse(D2Defaults.D2J_ACKS),
        allowedSenders(m));
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
      if (!(item instanceof io.d2j.keaconfig.ConfigString text)) {
        throw item.error("expected an address or prefix string, got " + item.typeName());
      }
      try {
        io.d2j.d2.listener.SenderFilter.parse(java.util.List.of(text.value()));
      } catch (IllegalArgumentException e) {
        throw item.error(e.getMessage());
      }
      entries.add(text.value());
    }
    return entries;
  }

  private static JournalSettings parseJournal(ConfigMap j, Path baseDir) {
    j.rejectUnknownKeys(JOURNAL_KEYS);
    boolean enabled = j.optBool("enabled").orElse(D2Defaults.D2J_JOURNAL_ENABLED);
    Optional<Path> path = Optional.empty();
    if (j.has("path")) {
      String text = nonBlank(j, "path", "path");
      try {
        path = Optional.of(baseDir.resolve(text));
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
