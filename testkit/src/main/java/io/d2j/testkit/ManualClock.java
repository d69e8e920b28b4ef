package io.d2j.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that stands still until the test moves it, for unit tests on virtual time. Usually driven
 * through {@link ManualScheduler#advance}, which moves it and runs what falls due. Thread-safe, so
 * that code under test may read it from any thread.
 */
public final class ManualClock extends Clock {

  /** Where a clock starts unless told otherwise: a fixed, unremarkable instant. */
  public static final Instant EPOCH = Instant.parse("2026-01-05T08:00:00Z");

  private final ZoneId zone;
  private volatile Instant now;

  public ManualClock() {
    this(EPOCH, ZoneOffset.UTC);
  }

  public ManualClock(Instant start, ZoneId zone) {
    this.now = Objects.requireNonNull(start, "start");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A clock in another zone that still follows this one's time (moving either moves both). */
  @Override
  public Clock withZone(ZoneId other) {
    ManualClock self = this;
    return new Clock() {
      @Override
      public Instant instant() {
        return self.instant();
      }

      @Override
      public ZoneId getZone() {
        return other;
      }

      @Override
      public Clock withZone(ZoneId z) {
        return self.withZone(z);
      }
    };
  }

  /** Moves the time forward; a negative step is a test bug. */
  public synchronized void advance(Duration step) {
    if (step.isNegative()) {
      throw new IllegalArgumentException("step: must not be negative, got " + step);
    }
    now = now.plus(step);
  }

  /** Sets the time; it may go backwards (a wall clock stepped by NTP). */
  public synchronized void set(Instant instant) {
    now = Objects.requireNonNull(instant, "instant");
  }
}
