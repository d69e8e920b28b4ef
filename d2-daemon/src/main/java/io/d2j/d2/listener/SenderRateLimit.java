package io.d2j.d2.listener;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A per-source-address rate limit on NCR datagrams (issue 16 item 2, {@code
 * user-context.d2j.sender-rate-limit}): a token bucket per address, {@code perSecond} tokens a
 * second up to {@code burst}; a datagram with no token left is dropped. Off by default: a DHCP
 * server's legitimate burst (a renumbering, a restart) must not lose NCRs, so a limit is for sites
 * that prefer dropping a flood to journaling it.
 *
 * <p>Thread-safe. At most {@value #MAX_SOURCES} addresses are tracked, the least recently seen
 * forgotten first (a forgotten one starts again with a full bucket), so memory is bounded whatever
 * the sources.
 */
public final class SenderRateLimit {

  /** No limit. */
  public static final SenderRateLimit OFF = new SenderRateLimit(0, 0, System::nanoTime);

  static final int MAX_SOURCES = 65_536;

  private final double perNano;
  private final double burst;
  private final LongSupplier nanos;

  private final Map<InetAddress, Bucket> buckets =
      new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, Bucket> eldest) {
          return size() > MAX_SOURCES;
        }
      };

  private static final class Bucket {
    double tokens;
    long at;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }
  }

  private SenderRateLimit(long perSecond, long burst, LongSupplier nanos) {
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.nanos = nanos;
  }

  /**
   * @param perSecond datagrams a second each source may send, sustained (at least 1)
   * @param burst how many it may send at once (at least 1)
   * @param nanos a monotonic clock in nanoseconds ({@code System::nanoTime})
   */
  public static SenderRateLimit of(long perSecond, long burst, LongSupplier nanos) {
    if (perSecond < 1 || burst < 1) {
      throw new IllegalArgumentException(
          "perSecond and burst must be at least 1, got " + perSecond + ", " + burst);
    }
    return new SenderRateLimit(perSecond, burst, nanos);
  }

  public boolean on() {
    return burst > 0;
  }

  /** Whether a datagram from {@code from} may pass now; takes its token if so. */
  public synchronized boolean admit(InetAddress from) {
    if (burst == 0 || from == null) {
      return true;
    }
    long now = nanos.getAsLong();
    Bucket b = buckets.get(from);
    if (b == null) {
      b = new Bucket(burst, now);
      buckets.put(from, b);
    } else {
      b.tokens = Math.min(burst, b.tokens + (now - b.at) * perNano);
      b.at = now;
    }
    if (b.tokens < 1) {
      return false;
    }
    b.tokens -= 1;
    return true;
  }

  @Override
  public String toString() {
    return burst == 0 ? "off" : (long) Math.round(perNano * 1e9) + "/s, burst " + (long) burst;
  }
}
