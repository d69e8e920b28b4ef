package io.d2j.dhcp4.runtime;

import io.d2j.dhcp4.control.ControlTarget;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's counters, by Kea's statistic names ({@code pkt4-received}, ...), each with the time
 * of its last change (statistic-get shows it). One instance per process: it outlives reloads.
 */
public final class Dhcp4Stats {

  private static final class Counter {
    final AtomicLong value = new AtomicLong();
    volatile Instant changed;
  }

  private final Clock clock;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  public Dhcp4Stats(Clock clock) {
    this.clock = clock;
  }

  public void increment(String name) {
    Counter c = counters.computeIfAbsent(name, k -> new Counter());
    c.value.incrementAndGet();
    c.changed = clock.instant();
  }

  public long get(String name) {
    Counter c = counters.get(name);
    return c == null ? 0 : c.value.get();
  }

  public Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    counters.forEach((k, v) -> out.put(k, v.value.get()));
    return out;
  }

  /** Every counter with its last change, for the statistic commands. */
  public Map<String, ControlTarget.StatSample> samples() {
    Map<String, ControlTarget.StatSample> out = new TreeMap<>();
    counters.forEach((k, v) -> out.put(k, new ControlTarget.StatSample(v.value.get(), v.changed)));
    return out;
  }
}
