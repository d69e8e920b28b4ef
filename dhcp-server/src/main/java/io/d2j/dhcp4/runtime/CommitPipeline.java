package io.d2j.dhcp4.runtime;

import io.d2j.dhcp4.log.Dhcp4Log;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The commit thread of {@code multi-threading}: packet threads only {@link QueryBatch#prepare}
 * batches (chain run, rows written) and queue them here; one thread {@link QueryBatch#finish}es
 * them in the order they ran — waits until each is durable, fires its lease events, hands its
 * replies to {@code send} — so that no packet thread waits for a sync. One sync covers every batch
 * written before it (the store skips a sync a later one covered), so the batches that queue while
 * one syncs cost one more sync between them, whatever their number: the group commit grows with the
 * load instead of being capped by what one packet thread took.
 *
 * <p>Bounded: a packet thread {@link #awaitRoom}s before it takes the lease lock, and waits while
 * {@code capacity} queries are queued or being finished; its own batch then joins whatever its
 * size, so at most {@code capacity} plus one batch per packet thread wait here. Meanwhile the
 * packet queue fills and drops its oldest query, as Kea's does: a disk that stalls costs dropped
 * queries, never unbounded memory. A failed sync takes back its batch and every later one not yet
 * durable (the store does): each of them {@code finish}es with no reply and no event.
 *
 * <p>{@link #close} lets the thread finish what is queued (those replies still leave) and then
 * stop; {@link #add} after it finishes the batch on the caller's thread, so none is lost.
 *
 * @param <T> where a query came from (the transport's business)
 */
final class CommitPipeline<T> implements AutoCloseable {

  private final QueryBatch<T> batch;
  private final int capacity;
  private final Consumer<List<QueryBatch.Answer<T>>> send;
  private final Thread thread;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();

  /** Guarded by {@link #lock}, as every field below: prepared, in the order they ran. */
  private final ArrayDeque<QueryBatch.Prepared<T>> queued = new ArrayDeque<>();

  /** Queries of the batches queued or being finished. */
  private int backlog;

  private boolean closed;

  /** The thread has finished what was queued at close and returned. */
  private boolean stopped;

  /**
   * @param capacity queries waiting to be finished past which {@link #awaitRoom} waits (at least 1)
   * @param send given each reply of a durable batch, on the commit thread
   */
  CommitPipeline(
      QueryBatch<T> batch, int capacity, Consumer<QueryBatch.Answer<T>> send, String name) {
    this(name, batch, capacity, answers -> answers.forEach(send));
  }

  /**
   * As the constructor, {@code sendAll} given each durable batch's replies at once, in order (not
   * called for a batch without any), so that they can leave with one system call.
   */
  static <T> CommitPipeline<T> batched(
      QueryBatch<T> batch,
      int capacity,
      Consumer<List<QueryBatch.Answer<T>>> sendAll,
      String name) {
    return new CommitPipeline<>(name, batch, capacity, sendAll);
  }

  private CommitPipeline(
      String name, QueryBatch<T> batch, int capacity, Consumer<List<QueryBatch.Answer<T>>> send) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity: " + capacity + " is below 1");
    }
    this.batch = batch;
    this.capacity = capacity;
    this.send = send;
    this.thread = new Thread(this::run, name);
  }

  CommitPipeline<T> start() {
    thread.start();
    return this;
  }

  /**
   * Waits while the backlog is at capacity (the disk is behind); call it before taking the lease
   * lock, since the commit thread needs that lock to fire events.
   *
   * @throws InterruptedException when interrupted while waiting
   */
  void awaitRoom() throws InterruptedException {
    lock.lock();
    try {
      while (backlog >= capacity && !closed) {
        changed.await();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Whether {@link #awaitRoom} would return at once. */
  boolean hasRoom() {
    lock.lock();
    try {
      return backlog < capacity || closed;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Queues a prepared batch; never waits (the caller holds the lease lock: {@link
   * QueryBatch#prepare}'s {@code queued}). Once closed the batch is finished on the caller's thread
   * instead, after what is still queued, once the caller has built its replies and released the
   * lease lock ({@link QueryBatch.Prepared#whenBuilt}).
   */
  void add(QueryBatch.Prepared<T> prepared) {
    lock.lock();
    try {
      if (!stopped) {
        queued.addLast(prepared);
        backlog += prepared.queries();
        changed.signalAll();
        return;
      }
    } finally {
      lock.unlock();
    }
    prepared.whenBuilt(() -> finishAndSend(prepared));
  }

  /** Queries queued or being finished. */
  int backlog() {
    lock.lock();
    try {
      return backlog;
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    List<QueryBatch.Prepared<T>> taken = new ArrayList<>();
    while (true) {
      lock.lock();
      try {
        while (queued.isEmpty() && !closed) {
          changed.awaitUninterruptibly();
        }
        if (queued.isEmpty()) {
          stopped = true;
          return;
        }
        taken.addAll(queued);
        queued.clear();
      } finally {
        lock.unlock();
      }
      for (QueryBatch.Prepared<T> prepared : taken) {
        finishAndSend(prepared);
        lock.lock();
        try {
          backlog -= prepared.queries();
          changed.signalAll();
        } finally {
          lock.unlock();
        }
      }
      taken.clear();
    }
  }

  private void finishAndSend(QueryBatch.Prepared<T> prepared) {
    try {
      List<QueryBatch.Answer<T>> answers = batch.finish(prepared);
      if (!answers.isEmpty()) {
        send.accept(answers);
      }
    } catch (RuntimeException e) {
      // finish() and send contain their own failures; this is a bug, and the thread lives on.
      Dhcp4Log.DHCP4_PACKET_PROCESS_EXCEPTION_BATCH.log(prepared.queries(), e.toString(), e);
    }
  }

  /**
   * Finishes what is queued (its replies still leave), then stops the thread; waits for it up to
   * {@code millis}.
   */
  void close(long millis) {
    lock.lock();
    try {
      closed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    try {
      thread.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    close(2000);
  }
}
