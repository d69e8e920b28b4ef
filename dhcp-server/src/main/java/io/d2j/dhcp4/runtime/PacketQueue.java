package io.d2j.dhcp4.runtime;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Received queries waiting for a packet thread ({@code multi-threading}): the receiving thread
 * {@link #push}es, each packet thread {@link #take}s a batch (all it finds, up to a limit: one
 * lease sync covers them) and, once it holds the lease store, {@link #drain}s what arrived while it
 * waited into the same batch. Bounded as Kea's {@code packet-queue-size}: a push to a full queue
 * drops the oldest waiting query, which has waited longest and whose client is the likeliest to
 * have retransmitted already. The queue-length averages are Kea's {@code packet-queue-statistics}
 * (exponential averages over about 10, 100 and 1000 takes of the length a take finds).
 *
 * <p>Except while a packet thread is idle: a push to a full queue while a taker waits in {@link
 * #take} (parked, or woken and not yet given a CPU) first waits, up to {@code idleTakerWait}, for
 * that taker to empty the queue, since it will take all that waits at once. The receiving thread
 * reads a socket's backlog 64 datagrams a call, faster than a woken thread is scheduled on a busy
 * host, and without this wait dropped queries that an idle thread was about to take (most of the
 * drops measured at the benchmark's top step: docs/benchmarks.md, "Where the lost queries are
 * lost"). Queries not yet pushed wait in the socket's receive buffer meanwhile. With every taker
 * busy (or waiting for the commit thread) a full queue drops its oldest at once, as before.
 *
 * @param <E> a received query
 */
final class PacketQueue<E> {

  private static final double DECAY_10 = Math.exp(-1.0 / 10);
  private static final double DECAY_100 = Math.exp(-1.0 / 100);
  private static final double DECAY_1000 = Math.exp(-1.0 / 1000);

  /** How long a push to a full queue waits for an idle taker by default: 2 ms. */
  static final long IDLE_TAKER_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  private final int capacity;
  private final long idleTakerWaitNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();

  /** Signalled when a take moved what waited. */
  private final Condition taken = lock.newCondition();

  /** Guarded by {@link #lock}, as every field below. */
  private final ArrayDeque<E> queue = new ArrayDeque<>();

  private boolean closed;

  /** Takers in {@link #take} that have not yet moved anything: each takes all that waits. */
  private int idleTakers;

  private double average10;
  private double average100;
  private double average1000;

  /**
   * @param capacity at most this many wait (0: no limit)
   */
  PacketQueue(int capacity) {
    this(capacity, IDLE_TAKER_WAIT_NANOS);
  }

  /**
   * @param capacity at most this many wait (0: no limit)
   * @param idleTakerWaitNanos how long a push to a full queue waits for an idle taker to take what
   *     waits before it drops the oldest (0: never waits)
   */
  PacketQueue(int capacity, long idleTakerWaitNanos) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity: " + capacity + " is below 0");
    }
    if (idleTakerWaitNanos < 0) {
      throw new IllegalArgumentException("idleTakerWaitNanos: " + idleTakerWaitNanos + " < 0");
    }
    this.capacity = capacity;
    this.idleTakerWaitNanos = idleTakerWaitNanos;
  }

  /**
   * Adds {@code item} (nothing, once closed); when the queue is full the oldest waiting item makes
   * room, once no idle taker takes it first (class comment).
   *
   * @return the item dropped to make room, or null
   * @throws InterruptedException when interrupted while waiting for an idle taker
   */
  E push(E item) throws InterruptedException {
    List<E> dropped = new java.util.ArrayList<>(1);
    pushAll(List.of(item), dropped::add);
    return dropped.isEmpty() ? null : dropped.get(0);
  }

  /**
   * Adds {@code items} in order, as {@link #push} each, waking one taker for all of them (who takes
   * them as one batch) rather than one per item.
   *
   * @param dropped told of each item dropped to make room
   * @throws InterruptedException when interrupted while waiting for an idle taker
   */
  void pushAll(List<E> items, java.util.function.Consumer<E> dropped) throws InterruptedException {
    lock.lock();
    try {
      if (closed || items.isEmpty()) {
        return;
      }
      long waitNanos = idleTakerWaitNanos;
      for (E item : items) {
        while (capacity != 0 && queue.size() >= capacity) {
          if (idleTakers > 0 && waitNanos > 0) {
            // An idle taker will take all that waits once it runs: let it, rather than drop
            // queries it was about to take. (Its wake-up may still be queued behind this lock.)
            notEmpty.signal();
            waitNanos = taken.awaitNanos(waitNanos);
            if (closed) {
              return;
            }
            continue;
          }
          dropped.accept(queue.pollFirst());
        }
        queue.addLast(item);
      }
      notEmpty.signal();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits for at least one item, then moves it and whatever else waits, up to {@code max} in all,
   * to {@code into}.
   *
   * @return false, moving nothing, once closed
   */
  boolean take(List<E> into, int max) throws InterruptedException {
    lock.lock();
    idleTakers++;
    try {
      while (queue.isEmpty() && !closed) {
        notEmpty.await();
      }
      if (closed) {
        return false;
      }
      moveWaiting(into, max);
      return true;
    } finally {
      idleTakers--;
      taken.signalAll();
      lock.unlock();
    }
  }

  /** Holding {@link #lock}. */
  private void moveWaiting(List<E> into, int max) {
    while (!queue.isEmpty() && into.size() < max) {
      int length = queue.size();
      average10 = average10 * DECAY_10 + (1 - DECAY_10) * length;
      average100 = average100 * DECAY_100 + (1 - DECAY_100) * length;
      average1000 = average1000 * DECAY_1000 + (1 - DECAY_1000) * length;
      into.add(queue.pollFirst());
    }
  }

  /** Moves what waits, up to {@code max} items in {@code into} in all, without waiting. */
  void drain(List<E> into, int max) {
    lock.lock();
    try {
      int before = into.size();
      moveWaiting(into, max);
      if (into.size() > before) {
        taken.signalAll(); // room for a push waiting on an idle taker
      }
    } finally {
      lock.unlock();
    }
  }

  /** Wakes every waiting {@link #take}, which then returns false; what still waits is dropped. */
  void close() {
    lock.lock();
    try {
      closed = true;
      queue.clear();
      notEmpty.signalAll();
      taken.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The queue-length averages over about 10, 100 and 1000 takes. */
  double[] averages() {
    lock.lock();
    try {
      return new double[] {average10, average100, average1000};
    } finally {
      lock.unlock();
    }
  }

  /** Takers waiting in {@link #take} (tests). */
  int idleTakers() {
    lock.lock();
    try {
      return idleTakers;
    } finally {
      lock.unlock();
    }
  }

  int size() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }
}
