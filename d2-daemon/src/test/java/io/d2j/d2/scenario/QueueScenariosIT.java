package io.d2j.d2.scenario;

import static io.d2j.d2.scenario.ScenarioConfig.server;
import static io.d2j.d2.scenario.Scenarios.DHCID_X;
import static io.d2j.d2.scenario.Scenarios.DHCID_Y;
import static io.d2j.d2.scenario.Scenarios.WAIT;
import static io.d2j.d2.scenario.Scenarios.awaitReceived;
import static io.d2j.d2.scenario.Scenarios.ncr;
import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.d2.it.D2Harness;
import io.d2j.d2.stats.D2Stats;
import io.d2j.ncr.ChangeType;
import io.d2j.ncr.ConflictResolutionMode;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.testkit.Await;
import io.d2j.testkit.FakeDnsServer;
import io.d2j.testkit.FakeDnsServer.Reply;
import io.d2j.testkit.Gate;
import io.d2j.testkit.Ports;
import io.d2j.testkit.Received;
import io.d2j.testkit.TestKey;
import io.d2j.testkit.TestZones;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * d2-behaviour.md §17 scenarios 27 and 28 (§8): per-DHCID serialisation and the queue limits. A
 * transaction must be kept waiting on its DNS server for as long as the test needs, which only the
 * fake server can do (a held reply, or silence with a long timeout).
 */
class QueueScenariosIT {

  private static final TestKey KEY = TestKey.random("d2j-key.", "HMAC-SHA256");

  private static D2Harness d2(FakeDnsServer dns, int timeoutMs) throws Exception {
    return d2(dns, timeoutMs, "");
  }

  private static D2Harness d2(FakeDnsServer dns, int timeoutMs, String d2j) throws Exception {
    return D2Harness.start(
        ScenarioConfig.create()
            .key(KEY)
            .timeoutMs(timeoutMs)
            .forward(TestZones.FORWARD, KEY.name(), server(dns.socketAddress()))
            .d2j(d2j)
            .json(Ports.freeUdpPort()));
  }

  private static NameChangeRequest forward(ChangeType type, String fqdn, String ip, String dhcid) {
    return ncr(type, fqdn, ip, dhcid, ConflictResolutionMode.CHECK_WITH_DHCID, true, false);
  }

  private static String owner(Received r) {
    return r.updates().get(0).getName().toString();
  }

  /**
   * The other client's add starts at once (its transaction runs beside the held one) in both modes.
   * Unbatched its UPDATE goes out at once; batched ({@code max-names-per-update} above 1, d2j's
   * default) it waits in its server and zone's lane behind the held exchange and goes out when that
   * is answered, still before the remove's steps.
   */
  @ParameterizedTest(name = "max-names-per-update {0}")
  @ValueSource(ints = {1, 16})
  void scenario27_sameDhcidWaitsForTheRunningAdd_anotherDhcidStartsAtOnce(int maxNames)
      throws Exception {
    Gate addAnswered = new Gate();
    try (FakeDnsServer dns = FakeDnsServer.start(KEY);
        D2Harness d2 = d2(dns, 10_000, "\"max-names-per-update\": " + maxNames)) {
      dns.script(Reply.heldUntil(addAnswered, Reply.rcode(0)));
      d2.send(forward(ChangeType.ADD, "s27.example.org.", "192.0.2.27", DHCID_X));
      dns.awaitReceived(1, WAIT);
      d2.send(forward(ChangeType.REMOVE, "s27.example.org.", "192.0.2.27", DHCID_X));
      d2.send(forward(ChangeType.ADD, "s27other.example.org.", "192.0.2.28", DHCID_Y));

      awaitReceived(d2, 3);
      if (maxNames == 1) {
        List<Received> meanwhile = dns.awaitReceived(2, WAIT);
        assertThat(owner(meanwhile.get(1))).isEqualTo("s27other.example.org.");
        Await.until(WAIT, "the other add done", () -> d2.stat(D2Stats.NCR_COMPLETED) == 1);
      } else {
        // Parked in the lane behind the held exchange, its transaction running.
        Await.until(WAIT, "both adds running", () -> d2.backlog().inFlight() == 2);
      }
      // The remove arrived before the other client's add, yet only that add started.
      assertThat(d2.backlog().queued()).isEqualTo(1);
      assertThat(dns.received()).hasSize(maxNames == 1 ? 2 : 1);

      addAnswered.open();
      Scenarios.awaitSettled(d2, 3);
      List<Received> all = dns.received(); // the add, the other add, the remove's two steps
      assertThat(all)
          .extracting(QueueScenariosIT::owner)
          .containsExactly(
              "s27.example.org.", "s27other.example.org.", "s27.example.org.", "s27.example.org.");
      assertThat(all.get(2).nanoTime()).isGreaterThan(addAnswered.openedAtNanos());
      assertThat(d2.stat(D2Stats.NCR_COMPLETED)).isEqualTo(3);
    }
  }

  @Test
  void scenario28_32BlockedAnd1024Queued_theNextNcrIsCountedQueueFull_andListeningGoesOn()
      throws Exception {
    int inFlight = 32;
    int queued = 1024;
    try (FakeDnsServer dns = FakeDnsServer.start(KEY).otherwise(Reply.silent());
        // Kea's fixed limits, set explicitly: d2j's default is 256 in flight.
        D2Harness d2 = d2(dns, 60_000, "\"max-transactions\": 32, \"queue-capacity\": 1024")) {
      for (int i = 0; i < inFlight + queued; i++) {
        d2.send(
            forward(
                ChangeType.ADD,
                "q" + i + ".example.org.",
                "192.0.2." + (i % 250 + 1),
                String.format("0001%08x", i)));
        if (i % 64 == 63) {
          awaitReceived(d2, i + 1); // keep the kernel's receive buffer from overflowing
        }
      }
      awaitReceived(d2, inFlight + queued);
      Await.until(WAIT, "32 transactions running", () -> d2.backlog().inFlight() == inFlight);
      assertThat(d2.backlog().queued()).isEqualTo(queued);
      assertThat(d2.stat(D2Stats.QUEUE_FULL)).isZero();

      d2.send(forward(ChangeType.ADD, "over1.example.org.", "192.0.2.251", "00010a0a0a0a"));
      Await.until(WAIT, "queue-mgr-queue-full = 1", () -> d2.stat(D2Stats.QUEUE_FULL) == 1);
      // Unlike Kea, the listener stays open: the next NCR is received (and counted) too.
      d2.send(forward(ChangeType.ADD, "over2.example.org.", "192.0.2.252", "00010b0b0b0b"));
      Await.until(WAIT, "queue-mgr-queue-full = 2", () -> d2.stat(D2Stats.QUEUE_FULL) == 2);
      assertThat(d2.stat(D2Stats.NCR_RECEIVED)).isEqualTo(inFlight + queued + 2);
      // Nothing beyond the 32 running went out (batched, their steps share fewer messages).
      assertThat(dns.received().stream().flatMap(r -> Scenarios.owners(r).stream()))
          .doesNotHaveDuplicates()
          .allSatisfy(
              name -> assertThat(name).matches("q([0-9]|[12][0-9]|3[01])\\.example\\.org\\."));
      assertThat(d2.backlog().inFlight()).isEqualTo(inFlight);
      // Not yet: the overflowing NCRs are dropped; keeping them (durable overflow) is issue 4.
    }
  }
}
