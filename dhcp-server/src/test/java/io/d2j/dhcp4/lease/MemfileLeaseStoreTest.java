package io.d2j.dhcp4.lease;

import static io.d2j.dhcp4.lease.Leases.CLTT;
import static io.d2j.dhcp4.lease.Leases.ip;
import static io.d2j.dhcp4.lease.Leases.lease;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.dhcp4.Octets;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemfileLeaseStoreTest {
  private static final String HEADER = Lease4Csv.HEADER;
  private static final Clock CLOCK = new Leases.ManualClock(Instant.ofEpochSecond(CLTT));

  @TempDir Path dir;

  private Path file() {
    return dir.resolve("kea-leases4.csv");
  }

  private MemfileLeaseStore open() {
    return MemfileLeaseStore.open(file(), FsyncPolicy.always(), CLOCK);
  }

  private List<String> lines() throws IOException {
    return Files.readAllLines(file(), StandardCharsets.US_ASCII);
  }

  private void write(Path path, String... lines) throws IOException {
    Files.writeString(path, String.join("\n", lines) + "\n", StandardCharsets.US_ASCII);
  }

  @Test
  void newStore_createsAFileWithKea22sHeader() throws IOException {
    try (MemfileLeaseStore store = open()) {
      assertThat(store.size()).isZero();
    }
    assertThat(lines()).containsExactly(HEADER);
  }

  @Test
  void everyChange_isAppendedAsOneRow_andReplayedAtOpen() throws IOException {
    Lease4 renewed = lease(5).renewed(CLTT + 60, 7200);
    try (MemfileLeaseStore store = open()) {
      store.add(lease(5));
      store.add(lease(6));
      store.update(renewed);
      store.delete(ip("10.0.0.6"));
      assertThat(store.add(lease(5))).isFalse(); // taken: nothing written
      assertThat(store.update(lease(7))).isFalse();
      assertThat(store.delete(ip("10.0.0.7"))).isFalse();
    }
    assertThat(lines())
        .containsExactly(
            HEADER,
            Lease4Csv.row(lease(5)),
            Lease4Csv.row(lease(6)),
            Lease4Csv.row(renewed),
            Lease4Csv.deletionRow(lease(6)));

    try (MemfileLeaseStore again = open()) {
      assertThat(again.all()).containsExactly(renewed);
      assertThat(again.loadReport().rows()).isEqualTo(4);
      assertThat(again.loadReport().warnings()).isEmpty();
      assertThat(again.loadReport().compacted()).isFalse();
    }
  }

  @Test
  void tornLastLine_isSkippedWithAWarning_andTheFileRepaired() throws IOException {
    try (MemfileLeaseStore store = open()) {
      store.add(lease(1));
      store.add(lease(2));
      store.add(lease(3));
    }
    // A crash half-way through the last row: only "10.0.0.3,00:0c:01:02:03:03,01:00:0c:01:0".
    long lastRowStart = Files.size(file()) - Lease4Csv.row(lease(3)).length() - 1;
    try (FileChannel ch = FileChannel.open(file(), StandardOpenOption.WRITE)) {
      ch.truncate(lastRowStart + 40);
    }

    try (MemfileLeaseStore store = open()) {
      assertThat(store.all()).containsExactly(lease(1), lease(2));
      assertThat(store.loadReport().warnings())
          .containsExactly(
              file()
                  + ":4: torn last line (no newline at the end of the file): row has 3 columns,"
                  + " the header 11; row skipped");
      assertThat(store.loadReport().compacted()).isTrue();
      store.add(lease(4));
    }
    assertThat(lines())
        .containsExactly(
            HEADER, Lease4Csv.row(lease(1)), Lease4Csv.row(lease(2)), Lease4Csv.row(lease(4)));
    try (MemfileLeaseStore store = open()) {
      assertThat(store.size()).isEqualTo(3);
      assertThat(store.loadReport().warnings()).isEmpty();
    }
  }

  @Test
  void wholeLastRowWithoutItsNewline_isKept() throws IOException {
    Files.writeString(file(), HEADER + "\n" + Lease4Csv.row(lease(1)));
    try (MemfileLeaseStore store = open()) {
      assertThat(store.all()).containsExactly(lease(1));
      assertThat(store.loadReport().warnings()).isEmpty();
      store.add(lease(2));
    }
    assertThat(lines()).containsExactly(HEADER, Lease4Csv.row(lease(1)), Lease4Csv.row(lease(2)));
  }

  @Test
  void badRowInTheMiddle_isSkipped_andLaterRowsStillLoad() throws IOException {
    write(
        file(),
        HEADER,
        Lease4Csv.row(lease(1)),
        "10.0.0.2,zz,,60,100,1,0,0,,0,",
        Lease4Csv.row(lease(3)));
    try (MemfileLeaseStore store = open()) {
      assertThat(store.all()).containsExactly(lease(1), lease(3));
      assertThat(store.loadReport().warnings())
          .containsExactly(
              file() + ":3: hwaddr: invalid hex octet 'zz' at group 1 in 'zz'; row skipped");
    }
  }

  @Test
  void moreBadRowsThanMaxRowErrors_refusesToOpen() throws IOException {
    write(file(), HEADER, "x", "y", Lease4Csv.row(lease(3)));
    assertThatThrownBy(() -> MemfileLeaseStore.open(file(), FsyncPolicy.always(), CLOCK, 1))
        .isInstanceOf(LeaseStoreException.class)
        .hasMessage(
            file()
                + ": more than 1 unreadable rows (max-row-errors); last: "
                + file()
                + ":3: row has 1 columns, the header 11; row skipped");
  }

  @Test
  void fileWithoutALease4Header_refusesToOpen() throws IOException {
    write(file(), Lease4Csv.row(lease(1)));
    assertThatThrownBy(this::open)
        .isInstanceOf(LeaseStoreException.class)
        .hasMessage(
            file() + ":1: not a lease4 file: header column 1 is '10.0.0.1', expected 'address'");
  }

  @Test
  void compaction_keepsExactlyTheLiveLeases() throws IOException {
    Random random = new Random(5);
    List<Lease4> expected;
    try (MemfileLeaseStore store = open()) {
      for (int i = 0; i < 2000; i++) {
        Lease4 l = lease(1 + random.nextInt(200));
        switch (random.nextInt(3)) {
          case 0 -> store.add(l);
          case 1 -> store.update(l.renewed(CLTT + i, 600 + i));
          default -> store.delete(l.address());
        }
      }
      expected = store.all();
      long before = Files.size(file());

      store.compact();

      assertThat(Files.size(file())).isLessThan(before);
      List<String> rows = new ArrayList<>();
      rows.add(HEADER);
      expected.forEach(l -> rows.add(Lease4Csv.row(l)));
      assertThat(lines()).isEqualTo(rows);
      store.add(lease(250)); // appends go to the new file
    }
    try (MemfileLeaseStore store = open()) {
      assertThat(store.size()).isEqualTo(expected.size() + 1);
      assertThat(store.all()).containsAll(expected);
    }
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toList()))
          .containsExactly("kea-leases4.csv");
    }
  }

  @Test
  void keaLfcLeftovers_areReplayedInKeaOrder_thenFoldedIntoTheLiveFile() throws IOException {
    Lease4 oldFive = lease(5).renewed(CLTT - 100, 60);
    write(
        dir.resolve("kea-leases4.csv.2"), HEADER, Lease4Csv.row(oldFive), Lease4Csv.row(lease(6)));
    write(
        dir.resolve("kea-leases4.csv.1"),
        HEADER,
        Lease4Csv.row(lease(5)),
        Lease4Csv.deletionRow(lease(6)));
    write(file(), HEADER, Lease4Csv.row(lease(7)));

    try (MemfileLeaseStore store = open()) {
      assertThat(store.all()).containsExactly(lease(5), lease(7));
      assertThat(store.loadReport().files())
          .containsExactly(
              dir.resolve("kea-leases4.csv.2").toString(),
              dir.resolve("kea-leases4.csv.1").toString(),
              file().toString());
      assertThat(store.loadReport().compacted()).isTrue();
    }
    assertThat(lines()).containsExactly(HEADER, Lease4Csv.row(lease(5)), Lease4Csv.row(lease(7)));
    assertThat(Files.exists(dir.resolve("kea-leases4.csv.1"))).isFalse();
    assertThat(Files.exists(dir.resolve("kea-leases4.csv.2"))).isFalse();
  }

  @Test
  void completedCleanupOutput_winsOverStaleRotatedFiles() throws IOException {
    // A cleanup finished but crashed before its renames: .completed holds the truth.
    write(dir.resolve("kea-leases4.csv.completed"), HEADER, Lease4Csv.row(lease(5)));
    write(dir.resolve("kea-leases4.csv.2"), HEADER, Lease4Csv.row(lease(9)));
    write(file(), HEADER, Lease4Csv.row(lease(7)));

    try (MemfileLeaseStore store = open()) {
      assertThat(store.all()).containsExactly(lease(5), lease(7));
    }
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toList()))
          .containsExactly("kea-leases4.csv");
    }
  }

  @Test
  void kea24FileWithPoolId_isReadAndRewrittenInThe22Layout() throws IOException {
    write(
        file(),
        HEADER + ",pool_id",
        "10.0.0.5,00:0c:01:02:03:05,01:00:0c:01:02:03:05,3600," + (CLTT + 3600) + ",1,0,0,,0,,0");
    try (MemfileLeaseStore store = open()) {
      assertThat(store.all()).containsExactly(lease(5));
      assertThat(store.loadReport().compacted()).isTrue();
    }
    assertThat(lines()).containsExactly(HEADER, Lease4Csv.row(lease(5)));
  }

  @Test
  void fsyncAlways_syncsEveryChange() {
    try (MemfileLeaseStore store = open()) {
      store.add(lease(1));
      store.update(lease(1).renewed(CLTT + 1, 60));
      store.delete(ip("10.0.0.1"));
      assertThat(store.syncs()).isEqualTo(3);
    }
  }

  @Test
  void deferredSyncs_oneSyncCoversTheBatch_otherThreadsStillSyncAtOnce() throws Exception {
    try (MemfileLeaseStore store = open()) {
      store.deferSyncs();
      store.add(lease(1));
      store.add(lease(2));
      store.update(lease(1).renewed(CLTT + 1, 60));
      assertThat(store.syncs()).isZero();

      // A timer or a lease command on another thread is not part of the batch.
      Thread other = new Thread(() -> store.add(lease(3)));
      other.start();
      other.join();
      assertThat(store.syncs()).isEqualTo(1);

      store.add(lease(4));
      store.commitDeferred();
      assertThat(store.syncs()).isEqualTo(2);
      store.commitDeferred(); // nothing deferred any more
      assertThat(store.syncs()).isEqualTo(2);

      store.add(lease(5)); // back to one sync per change
      assertThat(store.syncs()).isEqualTo(3);
    }
    assertThat(lines()).hasSize(7); // the header and six rows
  }

  @Test
  void deferredSyncFails_theBatchIsTakenBack_inMemoryAndInTheFile() throws IOException {
    FlakySync disk = new FlakySync();
    Lease4 renewed = lease(1).renewed(CLTT + 60, 7200);
    try (MemfileLeaseStore store = disk.open(file(), CLOCK)) {
      store.add(lease(1));
      store.add(lease(2));
      List<String> durable = lines();

      store.deferSyncs();
      store.add(lease(3));
      store.update(renewed);
      store.update(renewed.renewed(CLTT + 120, 60)); // twice in one batch: undone newest first
      store.delete(ip("10.0.0.2"));
      disk.failing(true);
      assertThatThrownBy(store::commitDeferred)
          .isInstanceOf(LeaseStoreException.class)
          .hasMessage(
              file()
                  + ": cannot sync: Input/output error; the batch's 4 lease changes were taken"
                  + " back");

      assertThat(store.all()).containsExactly(lease(1), lease(2));
      assertThat(store.getByHwAddress(lease(3).hwaddr())).isEmpty();
      assertThat(store.getByClientId(lease(1).clientId())).containsExactly(lease(1));
      assertThat(lines()).isEqualTo(durable);

      // The store goes on: the next change is appended where the batch's rows were.
      disk.failing(false);
      store.add(lease(4));
    }
    try (MemfileLeaseStore again = open()) {
      assertThat(again.all()).containsExactly(lease(1), lease(2), lease(4));
      assertThat(again.loadReport().warnings()).isEmpty();
    }
  }

  @Test
  void deferredRows_reachTheFileTogether_whenTheBatchEnds_inTheOrderTheyWereMade()
      throws Exception {
    Lease4 renewed = lease(1).renewed(CLTT + 60, 7200);
    try (MemfileLeaseStore store = open()) {
      store.deferSyncs();
      store.add(lease(1));
      store.add(lease(2));
      assertThat(lines()).containsExactly(HEADER); // held: one write at the batch's end
      assertThat(store.all()).containsExactly(lease(1), lease(2));

      // Another thread's change is written after the batch's rows made before it.
      Thread other = new Thread(() -> store.add(lease(3)));
      other.start();
      other.join();
      store.update(renewed);
      assertThat(lines())
          .containsExactly(
              HEADER, Lease4Csv.row(lease(1)), Lease4Csv.row(lease(2)), Lease4Csv.row(lease(3)));

      LeaseStore.Pending pending = store.prepareDeferred();
      assertThat(lines()).endsWith(Lease4Csv.row(renewed));
      pending.awaitDurable();
    }
    try (MemfileLeaseStore again = open()) {
      assertThat(again.all()).containsExactly(renewed, lease(2), lease(3));
    }
  }

  @Test
  void heldRowsOfAFailedBatch_neverReachTheFile() throws IOException {
    FlakySync disk = new FlakySync();
    try (MemfileLeaseStore store = disk.open(file(), CLOCK)) {
      store.add(lease(1));
      store.deferSyncs();
      store.add(lease(2));
      LeaseStore.Pending first = store.prepareDeferred(); // written, not yet synced
      store.deferSyncs();
      store.add(lease(3)); // held
      disk.failing(true);
      assertThatThrownBy(first::awaitDurable).isInstanceOf(LeaseStoreException.class);
      disk.failing(false);
      store.commitDeferred();

      assertThat(store.all()).containsExactly(lease(1));
      assertThat(lines()).containsExactly(HEADER, Lease4Csv.row(lease(1)));
      assertThat(Files.readString(file())).doesNotContain("\0");
      store.add(lease(4));
    }
    try (MemfileLeaseStore again = open()) {
      assertThat(again.all()).containsExactly(lease(1), lease(4));
      assertThat(again.loadReport().warnings()).isEmpty();
    }
  }

  @Test
  void preparedDeferrals_oneSyncCoversEarlierOnes_outsideTheMonitor() throws Exception {
    try (MemfileLeaseStore store = open()) {
      store.deferSyncs();
      store.add(lease(1));
      LeaseStore.Pending first = store.prepareDeferred();
      store.deferSyncs();
      store.add(lease(2));
      LeaseStore.Pending second = store.prepareDeferred();
      assertThat(store.syncs()).isZero();

      second.awaitDurable(); // covers the first batch's row too
      first.awaitDurable();
      assertThat(store.syncs()).isEqualTo(1);
      assertThat(lines()).hasSize(3);

      store.add(lease(3)); // back to one sync per change
      assertThat(store.syncs()).isEqualTo(2);
    }
  }

  @Test
  void preparedDeferralWhoseSyncFails_takesBackItAndEveryLaterOne() throws IOException {
    FlakySync disk = new FlakySync();
    Lease4 renewed = lease(1).renewed(CLTT + 60, 7200);
    try (MemfileLeaseStore store = disk.open(file(), CLOCK)) {
      store.add(lease(1));
      List<String> durable = lines();

      store.deferSyncs();
      store.add(lease(2));
      LeaseStore.Pending first = store.prepareDeferred();
      store.deferSyncs(); // a later batch builds on the first one's state
      store.update(renewed);
      store.delete(ip("10.0.0.2"));
      LeaseStore.Pending second = store.prepareDeferred();

      disk.failing(true);
      assertThatThrownBy(first::awaitDurable)
          .isInstanceOf(LeaseStoreException.class)
          .hasMessage(
              file()
                  + ": cannot sync: Input/output error; the 3 lease changes not yet durable were"
                  + " taken back");
      disk.failing(false);
      assertThatThrownBy(second::awaitDurable)
          .isInstanceOf(LeaseStoreException.class)
          .hasMessage(
              file() + ": a sync of the lease file failed; this batch's changes were taken back");

      assertThat(store.all()).containsExactly(lease(1));
      assertThat(lines()).isEqualTo(durable);
      store.add(lease(3));
    }
    try (MemfileLeaseStore again = open()) {
      assertThat(again.all()).containsExactly(lease(1), lease(3));
    }
  }

  @Test
  void batchTakenBackWhileItsSyncRuns_failsAfterTheSync_andNothingCutIsMarkedDurable()
      throws Exception {
    java.util.concurrent.CountDownLatch forcing = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    Thread[] committer = new Thread[1];
    boolean[] failOthers = new boolean[1];
    MemfileLeaseStore.FileSync disk =
        channel -> {
          if (Thread.currentThread() == committer[0]) {
            forcing.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              throw new IOException(e);
            }
          } else if (failOthers[0]) {
            throw new IOException("Input/output error");
          }
          channel.force(false);
        };
    try (MemfileLeaseStore store =
        MemfileLeaseStore.open(file(), FsyncPolicy.always(), CLOCK, disk)) {
      store.add(lease(1));
      store.deferSyncs();
      store.add(lease(2));
      LeaseStore.Pending pending = store.prepareDeferred();
      java.util.concurrent.atomic.AtomicReference<Throwable> outcome =
          new java.util.concurrent.atomic.AtomicReference<>();
      committer[0] =
          new Thread(
              () -> {
                try {
                  pending.awaitDurable();
                  outcome.set(new AssertionError("the batch was reported durable"));
                } catch (LeaseStoreException e) {
                  outcome.set(e);
                }
              });
      committer[0].start();
      forcing.await(); // the commit thread's sync is under way, without the store's monitor

      // A later batch's sync fails: every change not yet durable is taken back, lease 2's too.
      store.deferSyncs();
      store.add(lease(3));
      failOthers[0] = true;
      assertThatThrownBy(store::commitDeferred).isInstanceOf(LeaseStoreException.class);
      release.countDown();
      committer[0].join();

      assertThat(outcome.get())
          .isInstanceOf(LeaseStoreException.class)
          .hasMessageEndingWith(
              "a sync of the lease file failed; this batch's changes were taken back");
      assertThat(store.all()).containsExactly(lease(1));
      assertThat(lines()).containsExactly(HEADER, Lease4Csv.row(lease(1)));

      failOthers[0] = false;
      long before = store.syncs();
      store.add(lease(4)); // synced: nothing past lease 1's row passes for durable
      assertThat(store.syncs()).isEqualTo(before + 1);
    }
    try (MemfileLeaseStore again = open()) {
      assertThat(again.all()).containsExactly(lease(1), lease(4));
    }
  }

  @Test
  void changeWhoseOwnSyncFails_isNeitherInMemoryNorInTheFile() throws IOException {
    FlakySync disk = new FlakySync();
    try (MemfileLeaseStore store = disk.open(file(), CLOCK)) {
      store.add(lease(1));
      disk.failing(true);
      assertThatThrownBy(() -> store.add(lease(2)))
          .isInstanceOf(LeaseStoreException.class)
          .hasMessage(file() + ": cannot sync: Input/output error");
      assertThatThrownBy(() -> store.delete(ip("10.0.0.1")))
          .isInstanceOf(LeaseStoreException.class);

      assertThat(store.all()).containsExactly(lease(1));
      assertThat(lines()).containsExactly(HEADER, Lease4Csv.row(lease(1)));
      disk.failing(false);
    }
  }

  @Test
  void deferralMadeDurableByAnotherThreadsSync_keepsWhatWasSynced() throws Exception {
    FlakySync disk = new FlakySync();
    try (MemfileLeaseStore store = disk.open(file(), CLOCK)) {
      store.deferSyncs();
      store.add(lease(1));
      Thread other = new Thread(() -> store.add(lease(2)));
      other.start();
      other.join(); // its sync made lease 1's row durable as well
      store.add(lease(3));
      disk.failing(true);
      assertThatThrownBy(store::commitDeferred)
          .hasMessageEndingWith("the batch's 1 lease changes were taken back");

      assertThat(store.all()).containsExactly(lease(1), lease(2));
      assertThat(lines()).containsExactly(HEADER, Lease4Csv.row(lease(1)), Lease4Csv.row(lease(2)));
      disk.failing(false);
    }
  }

  @Test
  void fsyncInterval_syncsOncePerInterval_andAtClose() {
    Leases.ManualClock clock = new Leases.ManualClock(Instant.ofEpochSecond(CLTT));
    MemfileLeaseStore store =
        MemfileLeaseStore.open(file(), FsyncPolicy.every(Duration.ofSeconds(10)), clock);
    store.add(lease(1));
    store.add(lease(2));
    store.syncIfDue();
    assertThat(store.syncs()).isZero();

    clock.advance(Duration.ofSeconds(10));
    store.syncIfDue();
    assertThat(store.syncs()).isEqualTo(1);
    store.syncIfDue(); // nothing new
    assertThat(store.syncs()).isEqualTo(1);

    store.add(lease(3));
    store.close();
    assertThat(store.syncs()).isEqualTo(2);
  }

  @Test
  void closedStore_refusesChanges() {
    MemfileLeaseStore store = open();
    store.close();
    assertThatThrownBy(() -> store.add(lease(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(file() + ": the lease store is closed");
  }

  @Test
  void writtenFile_passesAStrictReaderOfKeasFormat() throws IOException {
    try (MemfileLeaseStore store = open()) {
      store.add(lease(1));
      store.add(lease(2).withDns("host,with&comma.example.com", true, true));
      store.add(
          new Lease4(
              ip("10.0.0.3"),
              Octets.EMPTY,
              Octets.EMPTY,
              86400,
              CLTT,
              1,
              false,
              false,
              "",
              LeaseState.DECLINED,
              ""));
      store.add(
          new Lease4(
              ip("10.0.0.4"),
              lease(4).hwaddr(),
              Octets.EMPTY,
              60,
              CLTT,
              4294967295L,
              false,
              true,
              "caf\u00e9\n",
              LeaseState.EXPIRED_RECLAIMED,
              "{ \"ISC\": { \"relay-agent-info\": { \"sub-options\": \"0x0104AABBCCDD\" } }, \"a\": [1, 2] }"));
      store.delete(ip("10.0.0.1"));
      store.compact();
      store.add(lease(5));
      store.delete(ip("10.0.0.5"));
    }
    assertThat(KeaStrictLeaseFileReader.problems(file())).isEmpty();
  }

  @Test
  void strictReader_canFail() throws IOException {
    write(file(), HEADER, "10.0.0.1,00:0C,,60,10,1,0,0,a,b,0,");
    assertThat(KeaStrictLeaseFileReader.problems(file())).containsExactly("line 2: 12 columns");
  }
}
