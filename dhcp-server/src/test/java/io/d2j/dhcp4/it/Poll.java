package io.d2j.dhcp4.it;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Polls a condition until a deadline, for ITs that wait on real processes (testkit's Await;
 * dhcp-server's tests cannot depend on testkit, which brings dnsjava).
 */
final class Poll {

  private Poll() {}

  static void until(Duration timeout, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    RuntimeException last = null;
    while (System.nanoTime() - deadline < 0) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException e) {
        last = e;
      }
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
    AssertionError timedOut =
        new AssertionError("timed out after " + timeout + " waiting for: " + what);
    if (last != null) {
      timedOut.initCause(last);
    }
    throw timedOut;
  }
}
