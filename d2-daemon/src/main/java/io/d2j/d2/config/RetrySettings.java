package io.d2j.d2.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How an NCR whose domain has no reachable server is retried (d2-behaviour.md §0 item 8, §17/24):
 * after {@code initial}, doubling up to {@code max}, until the NCR is {@code maxAge} old (counted
 * from its acceptance); only then is it given up. With {@code onServfail}, an NCR whose step was
 * answered SERVFAIL waits and retries the same way: a server answers SERVFAIL while it starts or
 * reloads a zone, and that NCR would otherwise be lost (Kea fails it for good).
 *
 * <pre>{@code
 * "user-context": { "d2j": { "retry": { "initial-ms": 1000, "max-ms": 60000, "max-age-s": 86400 } } }
 * }</pre>
 */
public record RetrySettings(Duration initial, Duration max, Duration maxAge, boolean onServfail) {

  public static final RetrySettings DEFAULTS =
      new RetrySettings(
          Duration.ofMillis(D2Defaults.D2J_RETRY_INITIAL_MS),
          Duration.ofMillis(D2Defaults.D2J_RETRY_MAX_MS),
          Duration.ofSeconds(D2Defaults.D2J_RETRY_MAX_AGE_S),
          D2Defaults.D2J_RETRY_ON_SERVFAIL);

  /** With the default for {@code on-servfail}. */
  public RetrySettings(Duration initial, Duration max, Duration maxAge) {
    this(initial, max, maxAge, D2Defaults.D2J_RETRY_ON_SERVFAIL);
  }

  public RetrySettings {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    Objects.requireNonNull(maxAge, "maxAge");
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("initial: must be positive, got " + initial);
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("max: must be >= initial (" + initial + "), got " + max);
    }
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge: must be positive, got " + maxAge);
    }
  }
}
