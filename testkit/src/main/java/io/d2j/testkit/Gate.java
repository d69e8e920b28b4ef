package io.d2j.testkit;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A one-shot gate a test opens to let held work go on, e.g. a {@link FakeDnsServer} reply held
 * until the test has checked what happens meanwhile.
 */
public final class Gate {
  private final CountDownLatch latch = new CountDownLatch(1);
  private volatile long openedAtNanos;

  /** Opens the gate; later calls do nothing. */
  public void open() {
    if (latch.getCount() > 0) {
      openedAtNanos = System.nanoTime();
      latch.countDown();
    }
  }

  public boolean isOpen() {
    return latch.getCount() == 0;
  }

  /** {@link System#nanoTime()} when {@link #open()} was first called, 0 while closed. */
  public long openedAtNanos() {
    return openedAtNanos;
  }

  /** Waits at most {@code timeout}; true if the gate is open. */
  boolean await(Duration timeout) throws InterruptedException {
    return latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }
}
