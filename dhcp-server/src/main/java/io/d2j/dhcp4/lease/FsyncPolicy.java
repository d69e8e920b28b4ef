package io.d2j.dhcp4.lease;

import java.time.Duration;
import java.util.Objects;

/**
 * When {@link MemfileLeaseStore} forces its appends to disk. {@link #always()} syncs every change
 * before the store returns (no acknowledged lease is lost in a power cut); {@link #every} syncs at
 * most once per interval and trades the last interval's changes for throughput (Kea's memfile never
 * syncs: it leaves this to the kernel).
 *
 * @param interval ZERO for always; otherwise the longest a change may stay unsynced, provided the
 *     owner calls {@link MemfileLeaseStore#syncIfDue()} on a timer
 */
public record FsyncPolicy(Duration interval) {
  public FsyncPolicy {
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative()) {
      throw new IllegalArgumentException("fsync interval: " + interval + " is negative");
    }
  }

  /** Sync after every append. */
  public static FsyncPolicy always() {
    return new FsyncPolicy(Duration.ZERO);
  }

  /** Sync when the last sync is at least {@code interval} old. */
  public static FsyncPolicy every(Duration interval) {
    return new FsyncPolicy(interval);
  }

  /** Whether every append is synced. */
  public boolean isAlways() {
    return interval.isZero();
  }
}
