package io.d2j.dhcp4.runtime;

import static io.d2j.dhcp4.alloc.Fixtures.NOW;
import static io.d2j.dhcp4.alloc.Fixtures.SERVER_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.dhcp4.alloc.Fixtures;
import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.dhcp4.handler.PacketContext;
import io.d2j.dhcp4.lease.GatedSync;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.lease.LeaseEvents;
import io.d2j.dhcp4.lease.MemfileLeaseStore;
import io.d2j.dhcp4.packet.DhcpCodec;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.keaconfig.KeaConfigReader;
import io.d2j.keacontrol.stats.Statistics;
import io.d2j.ncr.IpAddresses;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The multi-threaded loop's commit thread: packet threads prepare batches while a sync is in
 * flight, and the commit thread makes them durable, fires their events and sends their replies in
 * the order they ran; a failed sync costs every batch not yet durable; the backlog is bounded; a
 * close drains it. The disk is a memfile store whose syncs wait at a gate the test opens.
 */
class CommitPipelineTest {

  private final Dhcp4Config config =
      Dhcp4ConfigParser.parse(
          KeaConfigReader.parse(
              """
              {"Dhcp4": {"valid-lifetime": 3600, "subnet4": [{"id": 1, "subnet": "10.0.0.0/24",
                "relay": {"ip-addresses": ["192.0.2.1"]}, "pools": [{"pool": "10.0.0.10 - 10.0.0.20"}]}]}}
              """,
              "commit.json"),
          Path.of("/tmp"));
  private final Statistics stats = new Statistics(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
  private final GatedSync disk = new GatedSync();

  /** Lease events and replies sent, in order: "allocated 10.0.0.10", "sent a ACK". */
  private final List<String> journal = Collections.synchronizedList(new ArrayList<>());

  private final BlockingQueue<String> sent = new LinkedBlockingQueue<>();
  private final Semaphore sends = new Semaphore(0);

  private final LeaseEvents recorder =
      new LeaseEvents() {
        @Override
        public void onAllocated(Lease4 lease) {
          journal.add("allocated " + IpAddresses.format(lease.address()));
        }
      };

  @Test
  void batchesPreparedWhileOneSyncs_finishInTheOrderTheyRan_oneMoreSyncCoversThemAll(
      @TempDir Path dir) throws Exception {
    try (MemfileLeaseStore store = disk.open(dir.resolve("leases4.csv"), Clock.systemUTC())) {
      QueryBatch<String> batch = QueryBatch.assemble(config, store, recorder, stats);
      try (CommitPipeline<String> commits = pipeline(batch, 64)) {
        disk.close();
        prepare(batch, commits, 'a', "10.0.0.10");
        disk.awaitSyncAtGate();
        // The first batch's sync is in flight: the packet thread (this one) is not held by it.
        prepare(batch, commits, 'b', "10.0.0.11");
        prepare(batch, commits, 'c', "10.0.0.12");
        assertThat(store.get(Fixtures.ip("10.0.0.12"))).isPresent();
        assertThat(journal).isEmpty();
        assertThat(commits.backlog()).isEqualTo(3);

        disk.open();
        awaitSent(3);
        assertThat(journal)
            .containsExactly(
                "allocated 10.0.0.10",
                "sent a ACK",
                "allocated 10.0.0.11",
                "sent b ACK",
                "allocated 10.0.0.12",
                "sent c ACK");
        assertThat(disk.syncs()).isEqualTo(2);
        awaitBacklog(commits, 0);
      }
    }
  }

  @Test
  void syncFailsWithBatchesQueuedBehindIt_noneRepliesNorFires_allTakenBack_thenTheDiskRecovers(
      @TempDir Path dir) throws Exception {
    try (MemfileLeaseStore store = disk.open(dir.resolve("leases4.csv"), Clock.systemUTC())) {
      QueryBatch<String> batch = QueryBatch.assemble(config, store, recorder, stats);
      try (CommitPipeline<String> commits = pipeline(batch, 64)) {
        disk.close();
        prepare(batch, commits, 'a', "10.0.0.10");
        disk.awaitSyncAtGate();
        prepare(batch, commits, 'b', "10.0.0.11");
        prepare(batch, commits, 'c', "10.0.0.12");
        disk.failing(true);
        disk.open();
        awaitBacklog(commits, 0);
        assertThat(journal).isEmpty();
        assertThat(store.all()).isEmpty();
        assertThat(stats.value("pkt4-receive-drop")).isEqualTo(3);

        disk.failing(false);
        prepare(batch, commits, 'd', "10.0.0.10");
        awaitSent(1);
        assertThat(journal).containsExactly("allocated 10.0.0.10", "sent d ACK");
      }
    }
  }

  @Test
  void backlogAtCapacity_packetThreadsWaitForRoom_untilTheSyncCompletes(@TempDir Path dir)
      throws Exception {
    try (MemfileLeaseStore store = disk.open(dir.resolve("leases4.csv"), Clock.systemUTC())) {
      QueryBatch<String> batch = QueryBatch.assemble(config, store, recorder, stats);
      try (CommitPipeline<String> commits = pipeline(batch, 2)) {
        disk.close();
        prepare(batch, commits, 'a', "10.0.0.10");
        disk.awaitSyncAtGate();
        assertThat(commits.hasRoom()).isTrue();
        // A batch joins whatever its size once there was room: the bound is capacity plus one
        // batch per packet thread.
        commits.awaitRoom();
        batch.prepare(
            List.of(query('b', "10.0.0.11"), query('c', "10.0.0.12")), more -> {}, commits::add);
        assertThat(commits.backlog()).isEqualTo(3);
        assertThat(commits.hasRoom()).isFalse();

        CountDownLatch roomFound = new CountDownLatch(1);
        Thread packetThread =
            new Thread(
                () -> {
                  try {
                    commits.awaitRoom();
                    roomFound.countDown();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
        packetThread.start();
        awaitState(packetThread, Thread.State.WAITING);
        assertThat(roomFound.getCount()).isOne();

        disk.open();
        assertThat(roomFound.await(30, TimeUnit.SECONDS)).isTrue();
        awaitSent(3);
        awaitBacklog(commits, 0);
        assertThat(commits.hasRoom()).isTrue();
      }
    }
  }

  @Test
  void close_finishesWhatIsQueued_repliesLeave_andALateBatchIsFinishedByItsCaller(@TempDir Path dir)
      throws Exception {
    try (MemfileLeaseStore store = disk.open(dir.resolve("leases4.csv"), Clock.systemUTC())) {
      QueryBatch<String> batch = QueryBatch.assemble(config, store, recorder, stats);
      CommitPipeline<String> commits = pipeline(batch, 64);
      disk.close();
      prepare(batch, commits, 'a', "10.0.0.10");
      disk.awaitSyncAtGate();
      prepare(batch, commits, 'b', "10.0.0.11");
      Thread closer = new Thread(() -> commits.close(30_000));
      closer.start();
      disk.open();
      closer.join(30_000);
      assertThat(closer.isAlive()).isFalse();
      assertThat(sent).containsExactly("a ACK", "b ACK");

      // A packet thread that was still running its chain at close: its batch is not lost.
      prepare(batch, commits, 'c', "10.0.0.12");
      assertThat(sent).containsExactly("a ACK", "b ACK", "c ACK");
      assertThat(journal).contains("allocated 10.0.0.12");
    }
  }

  @Test
  void synchronousStore_asPostgresql_commitsOnThePacketThread_theCommitThreadFiresAndSends()
      throws Exception {
    SynchronousStore store = new SynchronousStore();
    QueryBatch<String> batch = QueryBatch.assemble(config, store, recorder, stats);
    try (CommitPipeline<String> commits = pipeline(batch, 64)) {
      prepare(batch, commits, 'a', "10.0.0.10");
      prepare(batch, commits, 'b', "10.0.0.11");
      awaitSent(2);
      String commit = "commit on " + Thread.currentThread().getName();
      // Each batch committed on the packet thread before its event fired and its reply left.
      assertThat(journal)
          .containsSubsequence(commit, "allocated 10.0.0.10", "sent a ACK")
          .containsSubsequence(commit, commit, "allocated 10.0.0.11", "sent b ACK");
      assertThat(journal.stream().filter(line -> !line.equals(commit)))
          .containsExactly(
              "allocated 10.0.0.10", "sent a ACK", "allocated 10.0.0.11", "sent b ACK");
    }
  }

  private CommitPipeline<String> pipeline(QueryBatch<String> batch, int capacity) {
    return new CommitPipeline<String>(
            batch,
            capacity,
            answer -> {
              String line = answer.origin() + " " + answer.reply().messageType().orElseThrow();
              journal.add("sent " + line);
              sent.add(line);
              sends.release();
            },
            "test-commit")
        .start();
  }

  /** One packet thread's batch of one query, as the loop's packet threads run it. */
  private static void prepare(
      QueryBatch<String> batch, CommitPipeline<String> commits, char client, String address)
      throws InterruptedException {
    commits.awaitRoom();
    batch.prepare(List.of(query(client, address)), more -> {}, commits::add);
  }

  private void awaitSent(int n) throws InterruptedException {
    assertThat(sends.tryAcquire(n, 30, TimeUnit.SECONDS)).as("%d replies sent", n).isTrue();
    assertThat(sent).hasSize(n);
  }

  private static void awaitBacklog(CommitPipeline<String> commits, int n) {
    until(() -> commits.backlog() == n);
    assertThat(commits.backlog()).isEqualTo(n);
  }

  private static void awaitState(Thread t, Thread.State state) {
    until(() -> t.getState() == state);
    assertThat(t.getState()).isEqualTo(state);
  }

  /** Polls {@code condition} for up to 30 s (another thread's progress, not a timing guess). */
  private static void until(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }

  /** A relayed DHCPREQUEST in SELECTING state for {@code address}: an ACK and a new lease. */
  static QueryBatch.Query<String> query(char client, String address) {
    DhcpPacket q =
        Fixtures.query(
            DhcpMessageType.REQUEST,
            client,
            "gi=192.0.2.1 sid=" + IpAddresses.format(SERVER_ID) + " req=" + address);
    return new QueryBatch.Query<>(
        DhcpCodec.encode(q, 576),
        String.valueOf(client),
        "client " + client,
        new PacketContext(NOW, SERVER_ID, List.of()));
  }

  /**
   * A store that commits a deferral when it is prepared (the interface's default, as {@code
   * PgLeaseStore}'s transaction does), journaling the thread it ran on.
   */
  private final class SynchronousStore extends ForwardingLeaseStore {

    @Override
    public void commitDeferred() {
      journal.add("commit on " + Thread.currentThread().getName());
    }
  }
}
