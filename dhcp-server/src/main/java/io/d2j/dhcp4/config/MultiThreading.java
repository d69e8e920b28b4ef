package io.d2j.dhcp4.config;

import io.d2j.keaconfig.ConfigMap;
import java.util.Optional;
import java.util.Set;

/**
 * {@code multi-threading}, Kea 2.2's keys and defaults: off unless {@code enable-multi-threading}
 * is true; then queries are processed by {@code thread-pool-size} threads (0: one per CPU, as Kea),
 * and at most {@code packet-queue-size} received queries wait for them (0: no limit; when the queue
 * is full the oldest waiting query is dropped, as Kea drops it).
 *
 * @param enabled {@code enable-multi-threading} (false)
 * @param threadPoolSize {@code thread-pool-size} (0 = one per CPU), at most 65535
 * @param packetQueueSize {@code packet-queue-size} (64; 0 = unlimited), at most 65535
 */
public record MultiThreading(boolean enabled, int threadPoolSize, int packetQueueSize) {

  /** Kea 2.2's defaults: off. */
  public static final MultiThreading OFF = new MultiThreading(false, 0, 64);

  private static final Set<String> KEYS =
      Set.of(
          "enable-multi-threading",
          "thread-pool-size",
          "packet-queue-size",
          "comment",
          "user-context");
  private static final int MAX = 0xFFFF;

  public MultiThreading {
    if (threadPoolSize < 0 || threadPoolSize > MAX) {
      throw new IllegalArgumentException("threadPoolSize: " + threadPoolSize);
    }
    if (packetQueueSize < 0 || packetQueueSize > MAX) {
      throw new IllegalArgumentException("packetQueueSize: " + packetQueueSize);
    }
  }

  /** The number of packet threads to run: 1 when off, else the pool size (0: the CPU count). */
  public int threads() {
    if (!enabled) {
      return 1;
    }
    return threadPoolSize == 0 ? Runtime.getRuntime().availableProcessors() : threadPoolSize;
  }

  /** Parses {@code Dhcp4.multi-threading}; {@link #OFF} when absent. */
  static MultiThreading parse(ConfigMap dhcp4, KeyPolicy policy) {
    Optional<ConfigMap> found = dhcp4.optMap("multi-threading");
    if (found.isEmpty()) {
      return OFF;
    }
    ConfigMap mt = found.get();
    policy.check(mt, KEYS, false);
    return new MultiThreading(
        mt.optBool("enable-multi-threading").orElse(false),
        size(mt, "thread-pool-size", 0),
        size(mt, "packet-queue-size", OFF.packetQueueSize()));
  }

  private static int size(ConfigMap mt, String key, int dflt) {
    long v = mt.optLong(key).orElse((long) dflt);
    if (v < 0 || v > MAX) {
      throw mt.require(key).error(key + " must be between 0 and " + MAX + ", got " + v);
    }
    return (int) v;
  }
}
