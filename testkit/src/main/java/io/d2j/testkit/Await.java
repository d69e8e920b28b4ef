package io.d2j.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polls a condition until a deadline, for integration tests that wait on real servers (a record
 * showing up in BIND after Kea or d2j sent an UPDATE).
 *
 * <pre>{@code
 * Await.until(Duration.ofSeconds(10), "A record of kea-it.example.org.",
 *     () -> !bind.query("kea-it.example.org.", Type.A).isEmpty());
 * }</pre>
 *
 * <p>Unit tests run on virtual time and never need this. A probe that throws counts as "not yet";
 * the last such exception becomes the cause of the timeout.
 */
public final class Await {
  private static final Duration POLL_INTERVAL = Duration.ofMillis(25);

  private Await() {}

  /**
   * Returns once {@code condition} holds.
   *
   * @throws AssertionError {@code timed out after PT10S waiting for: <what>}
   */
  public static void until(Duration timeout, String what, BooleanSupplier condition) {
    Objects.requireNonNull(condition, "condition");
    until(timeout, what, () -> condition.getAsBoolean() ? Optional.of(true) : Optional.empty());
  }

  /**
   * Returns the first value {@code probe} yields.
   *
   * @throws AssertionError {@code timed out after PT10S waiting for: <what>}
   */
  public static <T> T until(Duration timeout, String what, Supplier<Optional<T>> probe) {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(probe, "probe");
    long deadline = System.nanoTime() + timeout.toNanos();
    RuntimeException lastFailure = null;
    while (true) {
      try {
        Optional<T> value = probe.get();
        if (value.isPresent()) {
          return value.get();
        }
      } catch (RuntimeException e) {
        lastFailure = e;
      }
      if (System.nanoTime() - deadline >= 0) {
        AssertionError error =
            new AssertionError("timed out after " + timeout + " waiting for: " + what);
        if (lastFailure != null) {
          error.initCause(lastFailure);
        }
        throw error;
      }
      LockSupport.parkNanos(POLL_INTERVAL.toNanos());
    }
  }
}
