package io.d2j.d2.update;

import io.d2j.d2.config.RetrySettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * When to try again an NCR whose domain had no reachable server, or whether to give it up. Pure:
 * the caller passes the clock's reading and owns the timer.
 *
 * <p>The n-th wait is {@code initial × 2^(n-1)}, capped at {@code max}, then jittered down by up to
 * half (uniformly in [base/2, base]) so that NCRs parked together by one outage do not all hit the
 * server the moment it returns. No wait reaches past the NCR's maximum age: the last attempt
 * happens at that age, and an NCR that fails at or after it is given up.
 */
public final class RetryBackoff {

  /** What to do with an NCR that just failed for want of a reachable server. */
  public sealed interface Decision {}

  /** Try again after {@code delay}. */
  public record RetryAfter(Duration delay) implements Decision {
    public RetryAfter {
      if (delay.isNegative()) {
        throw new IllegalArgumentException("delay: must not be negative, got " + delay);
      }
    }
  }

  /** The NCR is {@code age} old, at least the configured maximum: give it up. */
  public record GiveUp(Duration age) implements Decision {}

  private final RetrySettings settings;
  private final RandomGenerator random;

  public RetryBackoff(RetrySettings settings, RandomGenerator random) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * @param acceptedAt when the NCR was accepted
   * @param failures how many times it has failed this way, this time included (1 or more)
   * @param now the current time
   */
  public Decision next(Instant acceptedAt, int failures, Instant now) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures: must be >= 1, got " + failures);
    }
    Duration age = Duration.between(acceptedAt, now);
    if (age.compareTo(settings.maxAge()) >= 0) {
      return new GiveUp(age);
    }
    long base = settings.initial().toMillis();
    long cap = settings.max().toMillis();
    for (int i = 1; i < failures && base < cap; i++) {
      base *= 2;
    }
    base = Math.min(base, cap);
    long half = base / 2;
    long delay = base - half + random.nextLong(half + 1);
    long remaining = settings.maxAge().minus(age).toMillis();
    return new RetryAfter(Duration.ofMillis(Math.min(delay, remaining)));
  }
}
