package io.d2j.dhcp4.lease;

import java.time.Duration;
import java.util.Objects;

/**
 * Kea's reconnect settings of a lease database: {@code max-reconnect-tries} (default 0), {@code
 * reconnect-wait-time} (milliseconds, default 0) and {@code on-fail} (default {@code
 * stop-retry-exit}). Reconnecting is enabled only when both numbers are above zero, as in Kea.
 *
 * @param maxTries attempts in all, the first one at once, the others {@code waitTime} apart
 * @param waitTime the pause between attempts
 * @param onFail what the server does meanwhile and when the attempts run out
 */
public record Reconnect(long maxTries, Duration waitTime, OnFail onFail) {

  public static final Reconnect KEA_DEFAULT =
      new Reconnect(0, Duration.ZERO, OnFail.STOP_RETRY_EXIT);

  public Reconnect {
    Objects.requireNonNull(waitTime, "waitTime");
    Objects.requireNonNull(onFail, "onFail");
    if (maxTries < 0) {
      throw new IllegalArgumentException("max-reconnect-tries cannot be less than zero");
    }
    if (waitTime.isNegative()) {
      throw new IllegalArgumentException("reconnect-wait-time " + waitTime + " is negative");
    }
  }

  /** Whether the server tries to reconnect at all (Kea: both settings above zero). */
  public boolean enabled() {
    return maxTries > 0 && !waitTime.isZero();
  }
}
