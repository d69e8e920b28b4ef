package io.d2j.d2.config;

import static io.d2j.keaconfig.ConfigChecks.at;
import static io.d2j.keaconfig.ConfigChecks.rangeChecked;

import io.d2j.keaconfig.ConfigMap;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Reads d2j's throughput and outage keys of {@code user-context.d2j}: {@code max-transactions},
 * {@code max-updates-per-server}, {@code max-names-per-update}, {@code queue-capacity}, {@code
 * force-tcp} and the {@code retry} map. Strict like the rest of the {@code d2j} map: unknown keys
 * and out-of-range values are errors naming the key.
 */
final class RetrySettingsParser {

  /** The members of {@code d2j} this class reads. */
  static final Set<String> KEYS =
      Set.of(
          "max-transactions",
          "max-updates-per-server",
          "max-names-per-update",
          "queue-capacity",
          "retry",
          "force-tcp");

  private static final Set<String> RETRY_KEYS =
      Set.of("initial-ms", "max-ms", "max-age-s", "on-servfail");

  /** Large enough for any deployment; small enough that a typo of extra digits is caught. */
  static final long MAX_TRANSACTIONS_LIMIT = 65_536;

  static final long QUEUE_CAPACITY_LIMIT = 10_000_000;
  static final long RETRY_MS_LIMIT = 86_400_000;
  static final long MAX_AGE_S_LIMIT = 31_536_000;

  private RetrySettingsParser() {}

  static int maxTransactions(ConfigMap d2j) {
    return (int)
        rangeChecked(
            d2j, "max-transactions", D2Defaults.D2J_MAX_TRANSACTIONS, 1, MAX_TRANSACTIONS_LIMIT);
  }

  static int maxUpdatesPerServer(ConfigMap d2j) {
    return (int)
        rangeChecked(
            d2j,
            "max-updates-per-server",
            D2Defaults.D2J_MAX_UPDATES_PER_SERVER,
            1,
            MAX_TRANSACTIONS_LIMIT);
  }

  static int maxNamesPerUpdate(ConfigMap d2j) {
    return (int)
        rangeChecked(
            d2j,
            "max-names-per-update",
            D2Defaults.D2J_MAX_NAMES_PER_UPDATE,
            1,
            D2Defaults.D2J_MAX_NAMES_PER_UPDATE_LIMIT);
  }

  static int queueCapacity(ConfigMap d2j) {
    return (int)
        rangeChecked(d2j, "queue-capacity", D2Defaults.D2J_QUEUE_CAPACITY, 1, QUEUE_CAPACITY_LIMIT);
  }

  static boolean forceTcp(ConfigMap d2j) {
    return d2j.optBool("force-tcp").orElse(D2Defaults.D2J_FORCE_TCP);
  }

  static RetrySettings retry(ConfigMap d2j) {
    Optional<ConfigMap> r = d2j.optMap("retry");
    if (r.isEmpty()) {
      return RetrySettings.DEFAULTS;
    }
    ConfigMap m = r.get();
    m.rejectUnknownKeys(RETRY_KEYS);
    long initial =
        rangeChecked(m, "initial-ms", D2Defaults.D2J_RETRY_INITIAL_MS, 1, RETRY_MS_LIMIT);
    long max =
        rangeChecked(
            m, "max-ms", Math.max(initial, D2Defaults.D2J_RETRY_MAX_MS), 1, RETRY_MS_LIMIT);
    if (max < initial) {
      throw at(
          m, "max-ms", "max-ms must not be less than initial-ms (" + initial + "), got " + max);
    }
    long maxAge = rangeChecked(m, "max-age-s", D2Defaults.D2J_RETRY_MAX_AGE_S, 1, MAX_AGE_S_LIMIT);
    boolean onServfail = m.optBool("on-servfail").orElse(D2Defaults.D2J_RETRY_ON_SERVFAIL);
    return new RetrySettings(
        Duration.ofMillis(initial), Duration.ofMillis(max), Duration.ofSeconds(maxAge), onServfail);
  }
}
