package io.d2j.d2.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.d2.config.D2Config;
import io.d2j.d2.config.D2ConfigParser;
import io.d2j.d2.stats.D2Stats;
import io.d2j.d2.transaction.UpdateOutcome;
import io.d2j.d2.update.Dispatcher;
import io.d2j.d2.update.FakeSender;
import io.d2j.d2.update.NcrAges;
import io.d2j.d2.update.ShutdownType;
import io.d2j.d2.update.UpdateManager;
import io.d2j.keaconfig.KeaConfigReader;
import io.d2j.keacontrol.stats.Statistics;
import io.d2j.ncr.ChangeType;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.ncr.NcrJsonCodec;
import io.d2j.testkit.ManualScheduler;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's way into the dispatcher, across a restart, on virtual time: a restart is a new
 * {@link Journal} on the same directory and a new dispatcher, a few (virtual) seconds on.
 */
class JournalIntakeTest {

  @TempDir Path dir;

  private final ManualScheduler loop = new ManualScheduler();
  private final Statistics stats = new Statistics(loop.clock());
  private final FakeSender sender = new FakeSender();
  private JournalIntake intake;

  private static final D2Config CONFIG =
      D2ConfigParser.parse(
          KeaConfigReader.parse(
              """
              { "DhcpDdns": { "user-context": { "d2j": { "retry": { "initial-ms": 60000 } } },
                  "forward-ddns": { "ddns-domains": [ { "name": "example.org.",
                    "dns-servers": [ { "ip-address": "192.0.2.53" } ] } ] } } }
              """,
              "d2.json"),
          Path.of("."));

  private static final NameChangeRequest NCR =
      NameChangeRequest.builder()
          .type(ChangeType.ADD)
          .fqdn("old.example.org.")
          .address("192.0.2.92")
          .dhcid("000101020305")
          .forward(true)
          .reverse(false)
          .leaseLength(600)
          .build();

  private Journal open() throws IOException {
    return Journal.open(
        dir, NcrJsonCodec.compatible(loop.clock()), Syncer.NONE, Journal.SEGMENT_BYTES);
  }

  private Dispatcher start(Journal journal) {
    UpdateManager queue = new UpdateManager(1024, 16);
    NcrAges ages = new NcrAges();
    intake = new JournalIntake(journal, queue, ages, loop, stats, loop.clock());
    return new Dispatcher(
        CONFIG, queue, intake, ages, sender, loop, loop.clock(), new Random(1), stats);
  }

  @AfterEach
  void close() {
    if (intake != null) {
      intake.close();
    }
  }

  @Test
  void aWaitingNcr_keepsItsAgeAcrossARestart() throws IOException {
    try (Journal first = open()) {
      first.append(NCR, loop.clock().instant()).join(); // accepted at t0, never done
    }
    loop.advance(Duration.ofSeconds(3)); // the restart comes 3 s later

    Dispatcher d2 = start(open());
    d2.pump();
    assertThat(sender.pending).hasSize(1);
    for (int i = 0; i < 3; i++) {
      sender.next().answer(new UpdateOutcome.TimedOut());
      loop.runDue();
    }
    assertThat(d2.waitingForRetry()).isEqualTo(1);
    assertThat(d2.journaled()).isEqualTo(1);
    // Counted from the first receipt, not from the replay.
    assertThat(d2.oldestAge()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void anUnreachableNcrAtShutdown_staysInTheJournal_andIsAppliedAfterTheRestart()
      throws IOException {
    try (Journal first = open()) {
      first.append(NCR, loop.clock().instant()).join();
      Dispatcher d2 = start(first);
      d2.pump();
      for (int i = 0; i < 3; i++) {
        sender.next().answer(new UpdateOutcome.TimedOut());
        loop.runDue();
      }
      d2.drain(ShutdownType.DRAIN_FIRST);
      loop.runDue();
      for (int i = 0; i < 3; i++) {
        sender.next().answer(new UpdateOutcome.TimedOut());
        loop.runDue();
      }
      assertThat(stats.value(D2Stats.NCR_FAILED)).isZero();
      intake.close();
      intake = null;
    }

    Dispatcher d2 = start(open());
    d2.pump();
    sender.next().answer(new UpdateOutcome.Answered(0));
    loop.runDue();
    assertThat(stats.value(D2Stats.NCR_COMPLETED)).isEqualTo(1);
    intake.close(); // writes the done mark
    intake = null;
    try (Journal third = open()) {
      assertThat(third.pendingAtOpen()).isZero();
    }
  }
}
