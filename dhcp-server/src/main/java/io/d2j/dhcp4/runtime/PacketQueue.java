package io.d2j.dhcp4.runtime;

import java.util.ArrayDeque;
import java.util.List;
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
 * @param <E> a received query
 */
final class PacketQueue<E> {

  private static final double DECAY_10 = Math.exp(-1.0 / 10);
  private static final double DECAY_100 = Math.exp(-1.0 / 100);
  private static final double DECAY_1000 = Math.exp(-1.0 / 1000);

  private final int capacity;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();

  /** Guarded by {@link #lock}, as every field below. */
  private final ArrayDeque<E> queue = new ArrayDeque<>();

  private boolean closed;
  private double average10;
  private double average100;
  private double average1000;

  /**
   * @param capacity at most this many wait (0: no limit)
   */
  PacketQueue(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity: " + capacity + " is below 0");
    }
    this.capacity = capacity;
  }

  /**
   * Adds {@code item} (nothing, once closed); when the queue is full the oldest waiting item makes
   * room.
   *
   * @return the item dropped to make room, or null
   */
  E push(E item) {
    lock.lock();
    try {
      if (closed) {
        return null;
      }
      E dropped = null;
      if (capacity != 0 && queue.size() >= capacity) {
        dropped = queue.pollFirst();
      }
      queue.addLast(item);
      notEmpty.signal();
      return dropped;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Adds {@code items} in order, as {@link #push} each, waking one taker for all of them (who takes
   * them as one batch) rather than one per item.
   *
   * @param dropped told of each item dropped to make room
   */
  void pushAll(List<E> items, java.util.function.Consumer<E> dropped) {
    lock.lock();
    try {
      if (closed || items.isEmpty()) {
        return;
      }
      for (E item : items) {
        if (capacity != 0 && queue.size() >= capacity) {
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
      moveWaiting(into, max);
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

  int size() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }
}
