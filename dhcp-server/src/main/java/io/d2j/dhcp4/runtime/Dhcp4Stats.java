package io.d2j.dhcp4.runtime;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The server's counters, by Kea's statistic names ({@code pkt4-received}, ...). One instance. */
public final class Dhcp4Stats {

  private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

  public void increment(String name) {
    counters.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
  }

  public long get(String name) {
    AtomicLong c = counters.get(name);
    return c == null ? 0 : c.get();
  }

  public Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    counters.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }
}
