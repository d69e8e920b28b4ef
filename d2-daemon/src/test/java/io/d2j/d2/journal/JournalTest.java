package io.d2j.d2.journal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.d2j.d2.Fixtures;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.ncr.NcrJsonCodec;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

class JournalTest {

  private static final NcrJsonCodec CODEC = NcrJsonCodec.compatible(Clock.systemUTC());

  @TempDir Path dir;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger("kea-dhcp-ddns.d2j-journal");

  @BeforeEach
  void captureLog() {
    log.start();
    logger.addAppender(log);
  }

  @AfterEach
  void releaseLog() {
    logger.detachAppender(log);
  }

  private static NameChangeRequest ncr(int i) {
    return Fixtures.add("h" + i + ".example.org.", "192.0.2." + (i % 250 + 1));
  }

  private Journal open(Path d, long segmentBytes) throws IOException {
    return Journal.open(d, CODEC, Syncer.FORCE, segmentBytes);
  }

  /** When NCR i was accepted, as appendEach records it. */
  private static Instant acceptedAt(int i) {
    return Instant.ofEpochMilli(1_790_000_000_000L + i * 1_000L);
  }

  /**
   * Appends each NCR in a batch of its own, as the daemon does (with its acceptance time), and
   * returns the sequence numbers.
   */
  private static List<Long> appendEach(Journal j, int from, int to) throws Exception {
    List<Long> seqs = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      seqs.add(j.append(ncr(i), acceptedAt(i)).get(5, TimeUnit.SECONDS));
    }
    return seqs;
  }

  private static List<String> pendingNames(Journal j) throws IOException {
    List<String> out = new ArrayList<>();
    try (JournalReader r = j.reader()) {
      for (var p = r.next(); p.isPresent(); p = r.next()) {
        out.add(p.get().ncr().fqdn().toString());
      }
    }
    return out;
  }

  private static List<String> names(int... is) {
    List<String> out = new ArrayList<>();
    for (int i : is) {
      out.add("h" + i + ".example.org.");
    }
    return out;
  }

  private List<Path> segmentFiles(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
    }
  }

  private List<String> logIds() {
    return log.list.stream()
        .map(e -> e.getFormattedMessage().split(" ")[0])
        .filter(id -> !id.equals("DHCP_DDNS_JOURNAL_OPENED"))
        .toList();
  }

  @Test
  void appendedNcrs_replayInOrderAfterReopen() throws Exception {
    try (Journal j = open(dir, Journal.SEGMENT_BYTES)) {
      assertThat(appendEach(j, 1, 5)).containsExactly(1L, 2L, 3L, 4L, 5L);
    }
    try (Journal j = open(dir, Journal.SEGMENT_BYTES)) {
      assertThat(j.pendingAtOpen()).isEqualTo(5);
      assertThat(pendingNames(j)).isEqualTo(names(1, 2, 3, 4, 5));
      assertThat(j.append(ncr(6)).get(5, TimeUnit.SECONDS)).isEqualTo(6L);
    }
  }

  @Test
  void acceptanceTimes_surviveAReopen_andRecordsWithoutOneStillRead() throws Exception {
    try (Journal j = open(dir, Journal.SEGMENT_BYTES)) {
      appendEach(j, 1, 2);
      j.append(ncr(3)).get(5, TimeUnit.SECONDS); // the record type journals had before times
      appendEach(j, 4, 4);
    }
    List<String> read = new ArrayList<>();
    try (Journal j = open(dir, Journal.SEGMENT_BYTES);
        JournalReader r = j.reader()) {
      for (var p = r.next(); p.isPresent(); p = r.next()) {
        read.add(
            p.get().ncr().fqdn() + " " + p.get().acceptedAt().map(Instant::toString).orElse("-"));
      }
    }
    assertThat(read)
        .containsExactly(
            "h1.example.org. " + acceptedAt(1),
            "h2.example.org. " + acceptedAt(2),
            "h3.example.org. -",
            "h4.example.org. " + acceptedAt(4));
  }

  @Test
  void doneNcrs_areNotReplayed() throws Exception {
    try (Journal j = open(dir, Journal.SEGMENT_BYTES)) {
      appendEach(j, 1, 5);
      j.markDone(2);
      j.markDone(4);
    }
    try (Journal j = open(dir, Journal.SEGMENT_BYTES)) {
      assertThat(pendingNames(j)).isEqualTo(names(1, 3, 5));
      assertThat(j.pending()).isEqualTo(3);
    }
  }

  @Test
  void reader_followsAppendsAcrossSegments() throws Exception {
    try (Journal j = open(dir, 300)) {
      JournalReader r = j.reader();
      appendEach(j, 1, 3);
      List<Long> read = new ArrayList<>();
      for (var p = r.next(); p.isPresent(); p = r.next()) {
        read.add(p.get().seq());
      }
      appendEach(j, 4, 9);
      for (var p = r.next(); p.isPresent(); p = r.next()) {
        read.add(p.get().seq());
      }
      r.close();
      assertThat(read).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
      assertThat(segmentFiles(dir).size()).isGreaterThan(2);
    }
  }

  @Test
  void reader_handsBackTheAppendedNcr_andDecodesOnlyAfterAReopen() throws Exception {
    NameChangeRequest sent = ncr(1);
    try (Journal j = open(dir, Journal.SEGMENT_BYTES)) {
      j.append(sent).get(5, TimeUnit.SECONDS);
      try (JournalReader r = j.reader()) {
        assertThat(r.next().orElseThrow().ncr()).isSameAs(sent);
      }
    }
    try (Journal j = open(dir, Journal.SEGMENT_BYTES);
        JournalReader r = j.reader()) {
      NameChangeRequest replayed = r.next().orElseThrow().ncr();
      assertThat(replayed).isNotSameAs(sent);
      assertThat(replayed.fqdn()).isEqualTo(sent.fqdn());
      assertThat(replayed.dhcid()).isEqualTo(sent.dhcid());
    }
  }

  @Test
  void aBacklogBeyondWhatIsKept_isDecodedFromDisk_inOrder() throws Exception {
    int count = Journal.WRITTEN_KEPT + 50;
    try (Journal j = open(dir, Journal.SEGMENT_BYTES)) {
      List<java.util.concurrent.CompletableFuture<Long>> appends = new ArrayList<>();
      for (int i = 1; i <= count; i++) {
        appends.add(j.append(ncr(i)));
      }
      for (var f : appends) {
        f.get(30, TimeUnit.SECONDS);
      }
      List<String> expected = new ArrayList<>();
      for (int i = 1; i <= count; i++) {
        expected.add("h" + i + ".example.org.");
      }
      assertThat(pendingNames(j)).isEqualTo(expected);
    }
  }

  /** Cuts the last record of three at every offset inside it: the first two always survive. */
  @Test
  void tornLastRecord_atEveryOffset_isSkippedWithAWarning() throws Exception {
    Path origin = dir.resolve("origin");
    try (Journal j = open(origin, Journal.SEGMENT_BYTES)) {
      appendEach(j, 1, 2);
    }
    Path seg = segmentFiles(origin).get(segmentFiles(origin).size() - 1);
    long before = Files.size(seg);
    try (Journal j = open(origin, Journal.SEGMENT_BYTES)) {
      appendEach(j, 3, 3);
    }
    // Segments 1 (NCRs 1-2, from the first run) and 3 (NCR 3, from the second).
    Path last = segmentFiles(origin).get(1);
    assertThat(before).isPositive();
    long size = Files.size(last);
    for (long cut = 1; cut < size; cut++) {
      Path copy = dir.resolve("cut" + cut);
      Files.createDirectories(copy);
      for (Path f : segmentFiles(origin)) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
      try (RandomAccessFile f =
          new RandomAccessFile(copy.resolve(last.getFileName()).toFile(), "rw")) {
        f.setLength(cut);
      }
      log.list.clear();
      try (Journal j = open(copy, Journal.SEGMENT_BYTES)) {
        assertThat(pendingNames(j)).as("cut at %d", cut).isEqualTo(names(1, 2));
        assertThat(logIds()).as("cut at %d", cut).containsExactly("DHCP_DDNS_JOURNAL_TORN_TAIL");
        long seq = j.append(ncr(4)).get(5, TimeUnit.SECONDS);
        assertThat(seq).isEqualTo(4L);
      }
      try (Journal j = open(copy, Journal.SEGMENT_BYTES)) {
        assertThat(pendingNames(j)).as("cut at %d", cut).isEqualTo(names(1, 2, 4));
      }
    }
  }

  @Test
  void damagedRecord_isSkippedAndTheOthersKept() throws Exception {
    try (Journal j = open(dir, Journal.SEGMENT_BYTES)) {
      appendEach(j, 1, 3);
    }
    Path seg = segmentFiles(dir).get(0);
    byte[] bytes = Files.readAllBytes(seg);
    int secondStart = 4 + java.nio.ByteBuffer.wrap(bytes).getInt(0);
    bytes[secondStart + 30] ^= 0x01; // inside the second NCR's JSON
    Files.write(seg, bytes);
    try (Journal j = open(dir, Journal.SEGMENT_BYTES)) {
      assertThat(pendingNames(j)).isEqualTo(names(1, 3));
      assertThat(logIds()).containsExactly("DHCP_DDNS_JOURNAL_CORRUPT_RECORD");
      assertThat(
              log.list.stream()
                  .map(ILoggingEvent::getFormattedMessage)
                  .filter(m -> m.startsWith("DHCP_DDNS_JOURNAL_CORRUPT_RECORD"))
                  .findFirst()
                  .orElseThrow())
          .isEqualTo(
              "DHCP_DDNS_JOURNAL_CORRUPT_RECORD "
                  + seg
                  + " offset "
                  + secondStart
                  + ": CRC mismatch; record skipped");
    }
  }

  @Test
  void compaction_keepsExactlyTheLiveSet() throws Exception {
    try (Journal j = open(dir, 100)) {
      appendEach(j, 1, 10);
      for (long s = 1; s <= 10; s++) {
        if (s != 7) {
          j.markDone(s);
        }
      }
    }
    // One segment per NCR (100-byte segments): those before 7 are gone, 7 and later remain.
    assertThat(segmentFiles(dir).get(0).getFileName().toString()).isEqualTo(Segment.name(7));
    try (Journal j = open(dir, 100)) {
      assertThat(pendingNames(j)).isEqualTo(names(7));
      j.markDone(7);
    }
    try (Journal j = open(dir, 100)) {
      assertThat(pendingNames(j)).isEmpty();
      assertThat(segmentFiles(dir)).hasSize(1); // the new, empty active segment
      assertThat(Files.size(segmentFiles(dir).get(0))).isZero();
    }
  }

  /**
   * A crash in the middle of deleting a done prefix (oldest first) leaves its newest segments
   * behind; a crash before any deletion leaves them all. Either way the live set is the same.
   */
  @ParameterizedTest(name = "{0} of the 4 done segments left behind")
  @ValueSource(ints = {0, 1, 2, 3, 4})
  void crashInTheMiddleOfCompaction_recovers(int leftBehind) throws Exception {
    Path snapshot = dir.resolve("snapshot");
    Path live = dir.resolve("live");
    try (Journal j = open(live, 100)) {
      appendEach(j, 1, 6);
    }
    Files.createDirectories(snapshot);
    for (Path f : segmentFiles(live)) {
      Files.copy(f, snapshot.resolve(f.getFileName()));
    }
    try (Journal j = open(live, 100)) {
      for (long s = 1; s <= 4; s++) {
        j.markDone(s);
      }
    }
    assertThat(Files.exists(live.resolve(Segment.name(4)))).isFalse();
    for (int s = 5 - leftBehind; s <= 4; s++) {
      Files.copy(snapshot.resolve(Segment.name(s)), live.resolve(Segment.name(s)));
    }
    try (Journal j = open(live, 100)) {
      assertThat(pendingNames(j)).isEqualTo(names(5, 6));
    }
    assertThat(segmentFiles(live).get(0).getFileName().toString()).isEqualTo(Segment.name(5));
  }

  @Test
  void aJournalInUse_cannotBeOpenedTwice() throws Exception {
    try (Journal j = open(dir, Journal.SEGMENT_BYTES)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> open(dir, Journal.SEGMENT_BYTES))
          .isInstanceOf(IOException.class)
          .hasMessage(dir + " is in use by another process");
      assertThat(j.append(ncr(1)).get(5, TimeUnit.SECONDS)).isEqualTo(1L);
    }
    try (Journal j = open(dir, Journal.SEGMENT_BYTES)) {
      assertThat(pendingNames(j)).isEqualTo(names(1));
    }
  }

  @Test
  void groupCommit_syncsOncePerBatch_andCompletesOnlyAfterTheSync() throws Exception {
    AtomicInteger syncs = new AtomicInteger();
    CountDownLatch inFirstSync = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Syncer counting =
        ch -> {
          if (syncs.incrementAndGet() == 1) {
            inFirstSync.countDown();
            try {
              release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          ch.force(false);
        };
    try (Journal j = Journal.open(dir, CODEC, counting, Journal.SEGMENT_BYTES)) {
      var first = j.append(ncr(0));
      assertThat(inFirstSync.await(5, TimeUnit.SECONDS)).isTrue();
      List<java.util.concurrent.CompletableFuture<Long>> rest = new ArrayList<>();
      for (int i = 1; i <= 100; i++) {
        rest.add(j.append(ncr(i)));
      }
      assertThat(first).isNotDone();
      assertThat(rest).noneMatch(java.util.concurrent.CompletableFuture::isDone);
      release.countDown();
      for (var f : rest) {
        f.get(5, TimeUnit.SECONDS);
      }
      assertThat(first.get()).isEqualTo(1L);
      assertThat(rest.get(99).get()).isEqualTo(101L);
      assertThat(syncs.get()).isEqualTo(2);
    }
  }
}
