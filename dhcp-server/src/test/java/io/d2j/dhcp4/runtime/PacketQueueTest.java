package io.d2j.dhcp4.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Kea's packet-queue-size semantics: a full queue drops its oldest query to take the new one, once
 * no idle packet thread is about to take what waits.
 */
class PacketQueueTest {

  @Test
  void fullQueue_dropsTheOldest_andTakeReturnsTheRestInOrder() throws Exception {
    PacketQueue<String> queue = new PacketQueue<>(2);
    assertThat(queue.push("a")).isNull();
    assertThat(queue.push("b")).isNull();
    assertThat(queue.push("c")).isEqualTo("a");

    List<String> taken = new ArrayList<>();
    assertThat(queue.take(taken, 64)).isTrue();
    assertThat(taken).containsExactly("b", "c");
  }

  @Test
  void fullQueue_withAnIdleTaker_waitsForItToTake_insteadOfDroppingWhatItWouldTake()
      throws Exception {
    // A wait long enough for a parked thread to be scheduled on a loaded build host.
    PacketQueue<String> queue = new PacketQueue<>(2, TimeUnit.SECONDS.toNanos(10));
    List<String> got = Collections.synchronizedList(new ArrayList<>());
    Thread taker = idleTaker(queue, got, 2);
    // The receiving thread's burst: twice what the queue holds, pushed while the taker is parked.
    List<String> dropped = new ArrayList<>();
    queue.pushAll(List.of("1", "2", "3", "4"), dropped::add);
    taker.join(10_000);
    assertThat(dropped).isEmpty();
    assertThat(got).containsExactly("1", "2", "3", "4");
  }

  @Test
  void fullQueue_withAnIdleTaker_andNoWait_dropsTheOldestAtOnce() throws Exception {
    PacketQueue<String> queue = new PacketQueue<>(2, 0);
    List<String> got = Collections.synchronizedList(new ArrayList<>());
    Thread taker = idleTaker(queue, got, 1);
    List<String> dropped = new ArrayList<>();
    queue.pushAll(List.of("1", "2", "3", "4"), dropped::add);
    taker.join(10_000);
    assertThat(dropped).containsExactly("1", "2");
    assertThat(got).containsExactly("3", "4");
  }

  @Test
  void fullQueue_withTheTakerBusy_dropsTheOldestAtOnce() throws Exception {
    long wait = TimeUnit.SECONDS.toNanos(10);
    PacketQueue<String> queue = new PacketQueue<>(2, wait);
    List<String> dropped = new ArrayList<>();
    long start = System.nanoTime();
    queue.pushAll(List.of("1", "2", "3", "4"), dropped::add); // no taker waits: nothing to wait for
    assertThat(System.nanoTime() - start).isLessThan(wait / 2);
    assertThat(dropped).containsExactly("1", "2");
  }

  /** A thread that takes {@code takes} times into {@code got}, started and parked in take. */
  private static Thread idleTaker(PacketQueue<String> queue, List<String> got, int takes)
      throws InterruptedException {
    Thread taker =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < takes; i++) {
                  List<String> batch = new ArrayList<>();
                  queue.take(batch, 64);
                  got.addAll(batch);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    taker.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (taker.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertThat(taker.getState()).isEqualTo(Thread.State.WAITING);
    return taker;
  }

  @Test
  void drain_addsWhatWaitsUpToTheLimit_withoutWaiting() throws Exception {
    PacketQueue<String> queue = new PacketQueue<>(0);
    List<String> batch = new ArrayList<>(List.of("taken"));
    queue.drain(batch, 3); // nothing waits: returns at once
    assertThat(batch).containsExactly("taken");
    queue.push("a");
    queue.push("b");
    queue.push("c");
    queue.drain(batch, 3);
    assertThat(batch).containsExactly("taken", "a", "b");
    assertThat(queue.size()).isEqualTo(1);
  }

  @Test
  void pushAll_dropsTheOldestAsPushWould_andOneTakeGetsTheBatch() throws Exception {
    PacketQueue<String> queue = new PacketQueue<>(3);
    queue.push("old");
    List<String> dropped = new ArrayList<>();
    queue.pushAll(List.of("a", "b", "c"), dropped::add);
    assertThat(dropped).containsExactly("old");
    List<String> taken = new ArrayList<>();
    assertThat(queue.take(taken, 64)).isTrue();
    assertThat(taken).containsExactly("a", "b", "c");
  }

  @Test
  void sizeZero_isUnlimited() throws Exception {
    PacketQueue<Integer> queue = new PacketQueue<>(0);
    for (int i = 0; i < 1000; i++) {
      assertThat(queue.push(i)).isNull();
    }
    List<Integer> taken = new ArrayList<>();
    assertThat(queue.take(taken, 64)).isTrue();
    assertThat(taken).hasSize(64).startsWith(0, 1, 2);
    assertThat(queue.size()).isEqualTo(936);
  }

  @Test
  void close_wakesAWaitingTake_whichReturnsFalse_andLaterPushesAreDropped() throws Exception {
    PacketQueue<String> queue = new PacketQueue<>(64);
    CompletableFuture<Boolean> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return queue.take(new ArrayList<>(), 64);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    queue.close();
    assertThat(waiting.get(10, TimeUnit.SECONDS)).isFalse();
    assertThat(queue.push("late")).isNull();
    assertThat(queue.size()).isZero();
  }

  @Test
  void averages_followTheLengthsTakesFind() throws Exception {
    PacketQueue<Integer> queue = new PacketQueue<>(0);
    for (int i = 0; i < 10; i++) {
      queue.push(i);
    }
    queue.take(new ArrayList<>(), 10); // finds lengths 10, 9, ..., 1
    double[] averages = queue.averages();
    assertThat(averages).hasSize(3);
    // The 10-take average weighs recent lengths most; all three lie between 0 and 10, in order.
    assertThat(averages[0]).isGreaterThan(averages[1]).isLessThan(10);
    assertThat(averages[1]).isGreaterThan(averages[2]).isGreaterThan(0);
  }
}
