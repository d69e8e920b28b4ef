package io.d2j.keacontrol.limits;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One token bucket per key: {@code perSecond} tokens a second, up to {@code burst}, a new key
 * starting full. At most {@code maxTracked} keys are remembered, the least recently seen forgotten
 * first, so an attacker who rotates source addresses or MACs cannot grow the table; a forgotten key
 * starts again with a full bucket, so eviction only ever errs towards admitting.
 *
 * <p>Time is whatever monotonic nanosecond count the caller passes (a clock that steps back is
 * treated as standing still), so tests run on virtual time. Not thread-safe: callers hold their own
 * monitor, which lets one decision look at several tables before taking from any.
 *
 * @param <K> what a bucket belongs to (a source address, a client, a relay)
 */
public final class TokenBuckets<K> {

  /** One key's bucket, refilled up to the time it was fetched at. */
  public static final class Bucket {
    private final TokenBuckets<?> owner;
    private double tokens;
    private long at;

    private Bucket(TokenBuckets<?> owner, long at) {
      this.owner = owner;
      this.tokens = owner.burst;
      this.at = at;
    }

    private Bucket refill(long nanos) {
      long elapsed = Math.max(0, nanos - at);
      tokens = Math.min(owner.burst, tokens + elapsed * owner.perNano);
      at = Math.max(at, nanos);
      return this;
    }

    /** Whether a token is left. */
    public boolean hasToken() {
      return tokens >= 1;
    }

    /** Takes a token; call only after {@link #hasToken()} said yes. */
    public void take() {
      tokens -= 1;
    }
  }

  private final double perNano;
  private final double burst;
  private final Map<K, Bucket> buckets;

  /**
   * @param perSecond tokens a second each key gets, sustained (at least 1)
   * @param burst how many it may spend at once (at least 1)
   * @param maxTracked how many keys are remembered (at least 1)
   */
  public TokenBuckets(long perSecond, long burst, int maxTracked) {
    if (perSecond < 1 || burst < 1 || maxTracked < 1) {
      throw new IllegalArgumentException(
          "perSecond, burst and maxTracked must be at least 1, got "
              + perSecond
              + ", "
              + burst
              + ", "
              + maxTracked);
    }
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.buckets =
        new LinkedHashMap<>(64, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<K, Bucket> eldest) {
            return size() > maxTracked;
          }
        };
  }

  /** {@code key}'s bucket refilled up to {@code nanos}; a new, full one for a key not seen. */
  public Bucket bucket(K key, long nanos) {
    Bucket b = buckets.get(key);
    if (b == null) {
      b = new Bucket(this, nanos);
      buckets.put(key, b);
      return b;
    }
    return b.refill(nanos);
  }

  /** Takes a token from {@code key}'s bucket if one is left; whether it did. */
  public boolean tryTake(K key, long nanos) {
    Bucket b = bucket(key, nanos);
    if (!b.hasToken()) {
      return false;
    }
    b.take();
    return true;
  }

  /** How many keys are remembered now. */
  public int size() {
    return buckets.size();
  }
}
