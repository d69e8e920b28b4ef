package io.d2j.dhcp4.lease;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A lease file whose syncs wait at a gate the test opens, and fail on demand: a slow disk, to hold
 * a sync in flight while other batches queue behind it.
 */
public final class GatedSync implements MemfileLeaseStore.FileSync {
  private final Semaphore entered = new Semaphore(0);
  private final AtomicInteger syncs = new AtomicInteger();
  private volatile boolean failing;
  private volatile boolean open = true;

  /** From now on syncs wait at the gate until {@link #open()}. */
  public synchronized void close() {
    open = false;
  }

  /** Lets every waiting and later sync through. */
  public synchronized void open() {
    open = true;
    notifyAll();
  }

  /** From now on every sync fails (once through the gate), or none does. */
  public void failing(boolean failing) {
    this.failing = failing;
  }

  /** Waits until a sync has reached the gate (consumes one arrival). */
  public void awaitSyncAtGate() throws InterruptedException {
    if (!entered.tryAcquire(30, TimeUnit.SECONDS)) {
      throw new AssertionError("no sync reached the gate within 30 s");
    }
  }

  /** Syncs that completed. */
  public int syncs() {
    return syncs.get();
  }

  @Override
  public void force(FileChannel channel) throws IOException {
    synchronized (this) {
      if (!open) {
        entered.release();
        while (!open) {
          try {
            wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted at the gate");
          }
        }
      }
    }
    if (failing) {
      throw new IOException("Input/output error");
    }
    channel.force(false);
    syncs.incrementAndGet();
  }

  /** A memfile store on {@code file} (fsync always) whose syncs go through this. */
  public MemfileLeaseStore open(Path file, Clock clock) {
    return MemfileLeaseStore.open(file, FsyncPolicy.always(), clock, this);
  }
}
