package io.d2j.dhcp4.lease;

import static io.d2j.dhcp4.lease.Leases.CLTT;
import static io.d2j.dhcp4.lease.Leases.lease;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two interleavings of a batch's sync (the commit thread) with another thread's append and failing
 * sync, in which the batch must not be taken as durable: found in review of a version whose
 * awaitDurable marked the file durable without the store's monitor (both failed there; that change
 * was not taken). The monitor makes the first wait for the other thread's failure (up to 1 s here).
 */
class MemfileLeaseStoreSyncRaceTest {
  private static final Clock CLOCK = new Leases.ManualClock(Instant.ofEpochSecond(CLTT));

  @TempDir Path dir;

  private Path file() {
    return dir.resolve("kea-leases4.csv");
  }

  /**
   * A non-deferred append (lease command or timer thread, holding the monitor) writes its row and
   * its own sync fails while the commit thread runs the sync of a pending batch. An awaitDurable
   * that read the file's length without the monitor marked durable past the row then cut, and the
   * next batch, of the same size, was taken as durable without any fsync. Here the pending batch is
   * taken back with the failed sync, and the next batch is forced.
   */
  @Test
  void cutRowOfAFailedNonDeferredSync_isMarkedDurable_nextBatchIsNeverSynced() throws Exception {
    Thread[] control = new Thread[1];
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger forces = new AtomicInteger();
    MemfileLeaseStore.FileSync sync =
        ch -> {
          if (Thread.currentThread() == control[0]) {
            entered.countDown();
            try {
              release.await(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              throw new IOException(e);
            }
            throw new IOException("Input/output error");
          }
          forces.incrementAndGet();
          ch.force(false);
        };
    try (MemfileLeaseStore store =
        MemfileLeaseStore.open(file(), FsyncPolicy.always(), CLOCK, sync)) {
      // packet thread (main): batch 1, prepared, its sync pending
      store.deferSyncs();
      store.add(lease(1));
      LeaseStore.Pending first = store.prepareDeferred();

      // control thread: a non-deferred add whose own sync fails (after the row is written)
      AtomicReference<Throwable> controlFailure = new AtomicReference<>();
      control[0] =
          new Thread(
              () -> {
                try {
                  store.add(lease(2));
                } catch (Throwable t) {
                  controlFailure.set(t);
                }
              });
      control[0].start();
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

      // commit thread (main): batch 1's sync while the control thread is inside its failing
      // force; that failure takes batch 1 back too (its pages may be lost with it)
      assertThatThrownBy(first::awaitDurable).isInstanceOf(LeaseStoreException.class);
      release.countDown();
      control[0].join(10_000);
      assertThat(controlFailure.get()).isInstanceOf(LeaseStoreException.class);
      assertThat(store.get(Leases.ip("10.0.0.1"))).isEmpty();
      assertThat(store.get(Leases.ip("10.0.0.2"))).isEmpty();
      assertThat(Files.readAllLines(file(), StandardCharsets.US_ASCII))
          .containsExactly(Lease4Csv.HEADER); // both rows cut

      // packet thread: batch 2, a row of the same size as the cut one
      assertThat(Lease4Csv.row(lease(3)).length()).isEqualTo(Lease4Csv.row(lease(2)).length());
      int before = forces.get();
      store.deferSyncs();
      store.add(lease(3));
      LeaseStore.Pending second = store.prepareDeferred();
      second.awaitDurable(); // returns normally: the DHCPACK would be sent now
      assertThat(Files.readAllLines(file(), StandardCharsets.US_ASCII))
          .endsWith(Lease4Csv.row(lease(3)));
      assertThat(forces.get())
          .as("batch 2 returned from awaitDurable: its row must have been forced")
          .isGreaterThan(before);
    }
  }

  /**
   * The commit thread's own fsync of batch 1 fails; before it gets the monitor back, a control
   * thread's append syncs successfully (on Linux: the writeback error was already reported to the
   * first fsync, so the second returns 0 without the lost pages). Batch 1 is not ACKed: its only
   * fsync that covered it failed.
   */
  @Test
  void failedForceOfAPendingBatch_isForgivenByAnotherThreadsLaterSync() throws Exception {
    NextForce sync = new NextForce(true);
    try (MemfileLeaseStore store =
        MemfileLeaseStore.open(file(), FsyncPolicy.always(), CLOCK, sync)) {
      store.deferSyncs();
      store.add(lease(1));
      LeaseStore.Pending first = store.prepareDeferred();
      sync.meanwhile(() -> store.add(lease(2)));
      assertThatThrownBy(first::awaitDurable)
          .as("the batch's own fsync failed: no ACK")
          .isInstanceOf(LeaseStoreException.class);
    }
  }

  /**
   * A batch prepared, its sync not yet run; another thread's append then fails its own fsync. That
   * failure may have dropped the batch's unsynced pages while a later fsync of the file succeeds,
   * so the batch is taken back with it: its sync fails (no reply) and memory no longer holds it.
   */
  @Test
  void failedFsyncOfAnotherThreadsRow_takesBackThePendingBatch() throws Exception {
    try (MemfileLeaseStore store =
        MemfileLeaseStore.open(file(), FsyncPolicy.always(), CLOCK, FAILS_ON_FAILING_THREAD)) {
      store.deferSyncs();
      store.add(lease(1));
      LeaseStore.Pending first = store.prepareDeferred();
      assertThat(onFailingThread(() -> store.add(lease(2))))
          .isInstanceOf(LeaseStoreException.class)
          .hasMessageContaining("pending batches were taken back");
      assertThatThrownBy(first::awaitDurable)
          .as("the pending batch's rows may be lost with the failed fsync: no ACK")
          .isInstanceOf(LeaseStoreException.class);
      assertThat(store.get(Leases.ip("10.0.0.1"))).isEmpty();
      assertThat(store.get(Leases.ip("10.0.0.2"))).isEmpty();
      assertThat(Files.readAllLines(file(), StandardCharsets.US_ASCII))
          .containsExactly(Lease4Csv.HEADER);
    }
  }

  /**
   * A batch prepared, then made durable by another thread's sync before its own awaitDurable; a
   * later batch is then taken back by a third thread's failed fsync. The take-back cuts only the
   * later batch's rows: the first is durable, in memory and on disk, so its reply goes (its
   * awaitDurable returns) and the later one's does not.
   */
  @Test
  void batchDurableBeforeAnotherIsTakenBack_stillReturnsFromAwaitDurable() throws Exception {
    try (MemfileLeaseStore store =
        MemfileLeaseStore.open(file(), FsyncPolicy.always(), CLOCK, FAILS_ON_FAILING_THREAD)) {
      store.deferSyncs();
      store.add(lease(1));
      LeaseStore.Pending first = store.prepareDeferred();
      // a lease command's add, synced: batch 1's row is durable with it
      assertThat(onAnotherThread("command", () -> store.add(lease(2)))).isNull();

      store.deferSyncs();
      store.add(lease(3));
      LeaseStore.Pending later = store.prepareDeferred();
      assertThat(onFailingThread(() -> store.add(lease(4))))
          .isInstanceOf(LeaseStoreException.class)
          .hasMessageContaining("pending batches were taken back");

      first.awaitDurable(); // returns normally: batch 1 was durable before the take-back
      assertThatThrownBy(later::awaitDurable)
          .as("the later batch was taken back: no reply")
          .isInstanceOf(LeaseStoreException.class);
      assertThat(store.get(Leases.ip("10.0.0.1"))).isPresent();
      assertThat(store.get(Leases.ip("10.0.0.2"))).isPresent();
      assertThat(store.get(Leases.ip("10.0.0.3"))).isEmpty();
      assertThat(store.get(Leases.ip("10.0.0.4"))).isEmpty();
      assertThat(Files.readAllLines(file(), StandardCharsets.US_ASCII))
          .containsExactly(Lease4Csv.HEADER, Lease4Csv.row(lease(1)), Lease4Csv.row(lease(2)));
    }
  }

  /**
   * The commit thread's fsync of batch 1 fails; while it runs, another thread's append syncs the
   * file successfully (the failed writeback's error went to the first fsync, so the second can
   * succeed without the lost pages). Batch 2, prepared before, may have lost its rows with those
   * pages: that later sync must not make it durable, it is taken back with batch 1.
   */
  @Test
  void syncWhileAFailingForceRuns_doesNotMakeTheNextBatchDurable() throws Exception {
    NextForce sync = new NextForce(true);
    try (MemfileLeaseStore store =
        MemfileLeaseStore.open(file(), FsyncPolicy.always(), CLOCK, sync)) {
      store.deferSyncs();
      store.add(lease(1));
      LeaseStore.Pending first = store.prepareDeferred();
      store.deferSyncs();
      store.add(lease(2));
      LeaseStore.Pending second = store.prepareDeferred();
      sync.meanwhile(() -> store.add(lease(9)));
      assertThatThrownBy(first::awaitDurable)
          .as("the batch's own fsync failed: no reply")
          .isInstanceOf(LeaseStoreException.class);
      assertThatThrownBy(second::awaitDurable)
          .as(
              "prepared before the failed fsync, synced only by a sync that ran across it: no reply")
          .isInstanceOf(LeaseStoreException.class);
    }
  }

  /**
   * Lease file cleanup runs while the commit thread forces the old file for a batch: the rewrite
   * holds the batch's change, synced, so the force's failure on the closed old file takes nothing
   * back and the batch's replies go.
   */
  @Test
  void cleanupWhileABatchSyncs_theBatchIsDurable() throws Exception {
    NextForce sync = new NextForce(false); // the old channel, closed: ClosedChannelException
    try (MemfileLeaseStore store =
        MemfileLeaseStore.open(file(), FsyncPolicy.always(), CLOCK, sync)) {
      store.deferSyncs();
      store.add(lease(1));
      LeaseStore.Pending first = store.prepareDeferred();
      sync.meanwhile(store::compact);
      first.awaitDurable(); // returns normally: the rewritten file holds it
      assertThat(store.get(Leases.ip("10.0.0.1"))).isPresent();
      assertThat(Files.readAllLines(file(), StandardCharsets.US_ASCII))
          .containsExactly(Lease4Csv.HEADER, Lease4Csv.row(lease(1)));
    }
  }

  /** Fails every force on the thread {@link #onFailingThread} starts; forces on any other. */
  private static final MemfileLeaseStore.FileSync FAILS_ON_FAILING_THREAD =
      ch -> {
        if (Thread.currentThread().getName().equals("failing")) {
          throw new IOException("Input/output error");
        }
        ch.force(false);
      };

  /** Runs {@code task} on a thread named "failing"; what it threw, or null. */
  private static Throwable onFailingThread(Runnable task) throws InterruptedException {
    return onAnotherThread("failing", task);
  }

  /** Runs {@code task} on a new thread called {@code name} to its end; what it threw, or null. */
  private static Throwable onAnotherThread(String name, Runnable task) throws InterruptedException {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              try {
                task.run();
              } catch (Throwable e) {
                thrown.set(e);
              }
            },
            name);
    t.start();
    t.join(10_000);
    return thrown.get();
  }

  /**
   * The creating thread's next force, once {@link #meanwhile} armed it, first runs a task on
   * another thread to its end (that thread's own forces are real), then fails, or forces.
   */
  private static final class NextForce implements MemfileLeaseStore.FileSync {
    private final Thread forcer = Thread.currentThread();
    private final boolean fail;
    private volatile Runnable meanwhile;

    NextForce(boolean fail) {
      this.fail = fail;
    }

    void meanwhile(Runnable task) {
      meanwhile = task;
    }

    @Override
    public void force(java.nio.channels.FileChannel ch) throws IOException {
      Runnable task = meanwhile;
      if (Thread.currentThread() == forcer && task != null) {
        meanwhile = null;
        try {
          onAnotherThread("meanwhile", task);
        } catch (InterruptedException e) {
          throw new IOException(e);
        }
        if (fail) {
          throw new IOException("Input/output error");
        }
      }
      ch.force(false);
    }
  }
}
