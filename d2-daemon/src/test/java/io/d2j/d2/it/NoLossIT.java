package io.d2j.d2.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.d2j.d2.config.D2Config;
import io.d2j.d2.config.D2ConfigParser;
import io.d2j.d2.journal.Journal;
import io.d2j.d2.journal.Syncer;
import io.d2j.d2.runtime.D2Daemon;
import io.d2j.d2.stats.D2Stats;
import io.d2j.keaconfig.KeaConfigReader;
import io.d2j.keacontrol.stats.Statistics;
import io.d2j.ncr.NcrJsonCodec;
import io.d2j.testkit.Await;
import io.d2j.testkit.BindServer;
import io.d2j.testkit.Ports;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 4's no-loss claims against a real BIND, with the journal on: a 10,000-NCR burst from one
 * sender, and a journal whose last record was torn by a crash. (The kill -9 run is {@link
 * KillRestartIT}.) LONG: about 20 s.
 */
class NoLossIT {

  @TempDir Path dir;
  private BindServer bind;
  private D2Daemon process;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger journalLog = (Logger) LoggerFactory.getLogger("kea-dhcp-ddns.d2j-journal");

  @BeforeEach
  void startBind() throws IOException {
    BindServer.assumeAvailable();
    bind = BindServer.start();
    log.start();
    journalLog.addAppender(log);
  }

  @AfterEach
  void stop() {
    journalLog.detachAppender(log);
    if (process != null) {
      process.close();
    }
    if (bind != null) {
      bind.close();
    }
  }

  private D2Daemon startD2(Path journalDir) throws IOException {
    String json =
        D2Harness.keaConfig(Ports.freeUdpPort(), bind, bind.key(), 2000)
            .replace(
                "\"DhcpDdns\": {",
                "\"DhcpDdns\": { \"user-context\": {\"d2j\": {\"journal\": {\"path\": \""
                    + journalDir
                    + "\"}}},");
    D2Config config = D2ConfigParser.parse(KeaConfigReader.parse(json, "d2.json"), dir);
    assertThat(config.d2j().journal().path()).contains(journalDir);
    Journal journal =
        Journal.open(
            journalDir,
            NcrJsonCodec.compatible(Clock.systemUTC()),
            Syncer.FORCE,
            Journal.SEGMENT_BYTES);
    process = D2Daemon.embedded(config, Optional.of(journal), Clock.systemUTC());
    return process;
  }

  /** LONG (10,000 NCRs): every one applied, forward and reverse, none lost to a full queue. */
  @Test
  void tenThousandNcrsFromOneSender_allApplied() throws Exception {
    D2Daemon d2 = startD2(dir.resolve("journal"));
    Statistics stats = d2.statistics();
    Burst burst = new Burst("burst", 1, 10_000);
    long start = System.nanoTime();
    burst.send(d2.ncrAddress().getPort());
    long sent = System.nanoTime();
    Await.until(
        Duration.ofSeconds(150),
        "10,000 NCRs completed",
        () -> stats.value(D2Stats.NCR_COMPLETED) + stats.value(D2Stats.NCR_FAILED) >= 10_000);
    long done = System.nanoTime();
    System.out.printf(
        "NoLossIT: 10,000 NCRs sent in %d ms, all applied after %d ms (%.0f NCR/s);"
            + " queue-mgr-queue-full %d%n",
        (sent - start) / 1_000_000,
        (done - start) / 1_000_000,
        10_000 / ((done - start) / 1e9),
        stats.value(D2Stats.QUEUE_FULL));
    assertThat(stats.value(D2Stats.NCR_RECEIVED)).isEqualTo(10_000);
    assertThat(stats.value(D2Stats.NCR_COMPLETED)).isEqualTo(10_000);
    // The burst outruns the 1,024-entry queue: the journal held the rest, nothing was dropped.
    assertThat(stats.value(D2Stats.QUEUE_FULL)).isPositive();
    burst.assertApplied(bind);
    // Every done mark reached the journal: a restart would replay nothing.
    process.close();
    process = null;
    try (Journal reopened =
        Journal.open(
            dir.resolve("journal"),
            NcrJsonCodec.compatible(Clock.systemUTC()),
            Syncer.FORCE,
            Journal.SEGMENT_BYTES)) {
      assertThat(reopened.pendingAtOpen()).isZero();
    }
  }

  /** A crash tore the journal's last record: a warning, that NCR is gone, every other applied. */
  @Test
  void journalWithATornTail_loadsWithAWarning_andLosesNothingElse() throws Exception {
    Path journalDir = dir.resolve("journal");
    Burst burst = new Burst("torn", 3, 50);
    try (Journal j =
        Journal.open(
            journalDir,
            NcrJsonCodec.compatible(Clock.systemUTC()),
            Syncer.FORCE,
            Journal.SEGMENT_BYTES)) {
      for (int i = 0; i < burst.count(); i++) {
        j.append(burst.ncr(i)).join();
      }
    }
    Path segment;
    try (Stream<Path> s = Files.list(journalDir)) {
      segment = s.filter(p -> p.toString().endsWith(".seg")).sorted().findFirst().orElseThrow();
    }
    long size = Files.size(segment);
    try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
      f.setLength(size - 40); // inside the last record's JSON
    }
    Statistics stats = startD2(journalDir).statistics();
    Await.until(
        Duration.ofSeconds(30),
        "49 NCRs completed",
        () -> stats.value(D2Stats.NCR_COMPLETED) >= 49);
    assertThat(
            log.list.stream()
                .map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith("DHCP_DDNS_JOURNAL_TORN_TAIL")))
        .hasSize(1)
        .first()
        .asString()
        .startsWith("DHCP_DDNS_JOURNAL_TORN_TAIL " + segment + " offset ");
    Burst intact = new Burst("torn", 3, 49);
    intact.assertApplied(bind);
    assertThat(bind.query(burst.name(49), org.xbill.DNS.Type.AAAA)).isEmpty();
    assertThat(stats.value(D2Stats.NCR_COMPLETED)).isEqualTo(49);
  }
}
