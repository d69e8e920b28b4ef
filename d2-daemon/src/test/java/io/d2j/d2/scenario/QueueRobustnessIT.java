package io.d2j.d2.scenario;

import static io.d2j.d2.scenario.ScenarioConfig.server;
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
import io.d2j.testkit.TestKey;
import io.d2j.testkit.TestZones;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Record;

/**
 * Backlogs behind 32 busy transactions (held replies of a fake server): whatever the queued NCRs
 * turn out to be, every one is worked off and the queue never stalls with free slots.
 */
class QueueRobustnessIT {

  private static final TestKey KEY = TestKey.random("d2j-key.", "HMAC-SHA256");

  private static D2Harness start(FakeDnsServer dns) throws Exception {
    return D2Harness.start(
        ScenarioConfig.create()
            .key(KEY)
            .timeoutMs(60_000)
            .forward(TestZones.FORWARD, KEY.name(), server(dns.socketAddress()))
            .json(Ports.freeUdpPort()));
  }

  private static NameChangeRequest add(String fqdn, int n, long leaseLength) {
    return NameChangeRequest.builder()
        .type(ChangeType.ADD)
        .fqdn(fqdn)
        .address("192.0.2.1")
        .dhcid(String.format("0001%08x", n))
        .forward(true)
        .reverse(false)
        .leaseLength(leaseLength)
        .conflictResolutionMode(ConflictResolutionMode.CHECK_WITH_DHCID)
        .build();
  }

  /** Fills all 32 transaction slots with adds whose replies the fake holds. */
  private static int fillSlots(D2Harness d2, FakeDnsServer dns) throws Exception {
    for (int i = 0; i < 32; i++) {
      d2.send(add("busy" + i + ".example.org.", i, 600));
    }
    // Running, not necessarily sent alone: batched, their steps share fewer messages.
    Await.until(WAIT, "32 transactions running", () -> d2.backlog().inFlight() == 32);
    return 32;
  }

  @Test
  void dropsQueuedBehindBusySlots_areWorkedOff_andTheNcrAfterThemRuns() throws Exception {
    Gate open = new Gate();
    try (FakeDnsServer dns =
            FakeDnsServer.start(KEY).otherwise(Reply.heldUntil(open, Reply.rcode(0)));
        D2Harness d2 = start(dns)) {
      int n = fillSlots(d2, dns);
      for (int i = 0; i < 600; i++, n++) {
        d2.send(
            ncr(
                ChangeType.ADD,
                "h" + i + ".nomatch.test.",
                "192.0.2.1",
                String.format("0001%08x", n),
                ConflictResolutionMode.CHECK_WITH_DHCID,
                true,
                false));
        if (i % 64 == 63) {
          awaitReceived(d2, n + 1);
        }
      }
      d2.send(add("last.example.org.", n, 600));
      awaitReceived(d2, n + 1);
      open.open();
      // Kea 2.2 before #3295's fix, and d2j before this test, left NCRs queued with free slots.
      Await.until(WAIT, "33 adds completed", () -> d2.stat(D2Stats.NCR_COMPLETED) == 33);
      assertThat(d2.stat(D2Stats.NCR_DROPPED_NO_MATCH)).isEqualTo(600);
      d2.awaitIdle(java.time.Duration.ofSeconds(10));
    }
  }

  @Test
  void leaseLengthAbove2To31_isAppliedWithTheLargestTtl_notFailed() throws Exception {
    Gate open = new Gate();
    try (FakeDnsServer dns =
            FakeDnsServer.start(KEY).otherwise(Reply.heldUntil(open, Reply.rcode(0)));
        D2Harness d2 = start(dns)) {
      int n = fillSlots(d2, dns);
      for (int i = 0; i < 200; i++, n++) {
        d2.send(add("t" + i + ".example.org.", n, 3_000_000_000L));
        if (i % 64 == 63) {
          awaitReceived(d2, n + 1);
        }
      }
      awaitReceived(d2, n);
      open.open();
      Await.until(WAIT, "232 adds completed", () -> d2.stat(D2Stats.NCR_COMPLETED) == 232);
      assertThat(d2.stat(D2Stats.NCR_FAILED)).isZero();
      assertThat(dns.received().get(dns.received().size() - 1).updates())
          .extracting(Record::getTTL)
          .containsOnly(0x7FFFFFFFL);
    }
  }
}
