package io.d2j.keacontrol.stats;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Named integer statistics with the time of their last change, as Kea keeps them (one sample per
 * statistic). An instance, created in the composition root; safe to read from any thread.
 */
public final class Statistics {

  /** One statistic's current value and when it was last set. */
  public record Sample(long value, Instant at) {}

  private static final class Counter {
    final AtomicLong value = new AtomicLong();
    volatile Instant at;

    Counter(Instant at) {
      this.at = at;
    }
  }

  private final Clock clock;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  public Statistics(Clock clock) {
    this.clock = clock;
  }

  /** Creates {@code name} at 0 if it does not exist yet (Kea shows D2's globals from the start). */
  public void declare(String name) {
    counters.computeIfAbsent(name, n -> new Counter(clock.instant()));
  }

  public void increment(String name) {
    add(name, 1);
  }

  public void add(String name, long delta) {
    // get first: the DHCP servers count several statistics per packet, and the lambda below
    // captures this, so C1 would allocate it on every call.
    Counter c = counters.get(name);
    if (c == null) {
      c = counters.computeIfAbsent(name, n -> new Counter(clock.instant()));
    }
    c.value.addAndGet(delta);
    c.at = clock.instant();
  }

  /**
   * Sets {@code name} to {@code value} (a gauge, such as Kea's {@code
   * subnet[1].assigned-addresses}).
   */
  public void set(String name, long value) {
    Counter c = counters.computeIfAbsent(name, n -> new Counter(clock.instant()));
    if (c.value.getAndSet(value) != value) {
      c.at = clock.instant();
    }
  }

  /**
   * Sets {@code name} back to 0 (statistic-reset).
   *
   * @return false when no such statistic exists
   */
  public boolean reset(String name) {
    Counter c = counters.get(name);
    if (c == null) {
      return false;
    }
    c.value.set(0);
    c.at = clock.instant();
    return true;
  }

  /** Sets every statistic back to 0 (statistic-reset-all); names stay. */
  public void resetAll() {
    counters.keySet().forEach(this::reset);
  }

  /**
   * Deletes {@code name}, e.g. the per-key counters of a TSIG key a new configuration no longer
   * has; true when it existed.
   */
  public boolean remove(String name) {
    return counters.remove(name) != null;
  }

  /** The current value and time of {@code name}, if it exists. */
  public Optional<Sample> sample(String name) {
    Counter c = counters.get(name);
    return c == null ? Optional.empty() : Optional.of(new Sample(c.value.get(), c.at));
  }

  /** The current value, 0 for an unknown name. */
  public long value(String name) {
    Counter c = counters.get(name);
    return c == null ? 0 : c.value.get();
  }

  /** Every statistic, sorted by name. */
  public Map<String, Sample> snapshot() {
    Map<String, Sample> out = new TreeMap<>();
    counters.forEach((name, c) -> out.put(name, new Sample(c.value.get(), c.at)));
    return out;
  }
}
