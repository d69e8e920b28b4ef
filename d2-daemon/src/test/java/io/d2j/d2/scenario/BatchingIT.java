package io.d2j.d2.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.d2.it.D2Harness;
import io.d2j.d2.stats.D2Stats;
import io.d2j.ncr.ChangeType;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.testkit.BindServer;
import io.d2j.testkit.FakeDnsServer;
import io.d2j.testkit.FakeDnsServer.Reply;
import io.d2j.testkit.Gate;
import io.d2j.testkit.Ports;
import io.d2j.testkit.TestKey;
import io.d2j.testkit.TestZones;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 18's batching ({@code max-names-per-update}) leaves the zones exactly as one UPDATE per
 * step does: the same bursts of NCRs, with conflicts (another client's DHCID, a static name),
 * re-adds, removes and IPv6, go to two D2s, each against a fresh BIND, one with batching off and
 * one with 8 names per UPDATE; the three zones are compared by AXFR. The batched D2 must have sent
 * batches, and split some on a failed prerequisite, for the comparison to mean anything.
 */
class BatchingIT {

  /**
   * The DHCID of client {@code i} (one per name: the D2 runs one transaction per DHCID at a time,
   * and shared DHCIDs would serialise the whole burst).
   */
  private static String x(int i) {
    return String.format("000101%06x", i);
  }

  /** Another client's DHCID for name {@code i}. */
  private static String y(int i) {
    return String.format("000102%06x", i);
  }

  @BeforeEach
  void needsBind() {
    BindServer.assumeAvailable();
  }

  private static NameChangeRequest ncr(ChangeType type, String host, String ip, String dhcid) {
    return KeaParityIT.ncr(type, host, ip, dhcid, true);
  }

  /** New names: every first step succeeds. */
  private static List<NameChangeRequest> first() {
    List<NameChangeRequest> out = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      out.add(ncr(ChangeType.ADD, "n" + i, "192.0.2." + (10 + i), x(i)));
    }
    for (int i = 0; i < 6; i++) {
      out.add(ncr(ChangeType.ADD, "v" + i, "2001:db8::" + (0x10 + i), x(100 + i)));
    }
    out.add(ncr(ChangeType.ADD, "static", "192.0.2.60", x(200))); // a DHCID-less static name
    return out;
  }

  /** Conflicts and re-adds among new names, so that batches fail and split. */
  private static List<NameChangeRequest> second() {
    List<NameChangeRequest> out = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      out.add(ncr(ChangeType.ADD, "m" + i, "192.0.2." + (100 + i), x(300 + i)));
      if (i < 10) {
        out.add(ncr(ChangeType.ADD, "n" + i, "192.0.2." + (140 + i), y(i))); // another client
      } else if (i < 15) {
        out.add(ncr(ChangeType.ADD, "n" + i, "192.0.2." + (140 + i), x(i))); // moved: replace
      } else if (i < 20) {
        out.add(ncr(ChangeType.REMOVE, "n" + i, "192.0.2." + (10 + i), x(i))); // released
      }
    }
    out.add(ncr(ChangeType.ADD, "v0", "2001:db8::99", y(100)));
    return out;
  }

  /** The D2's config: {@code dns} (BIND or a relay to it) for every zone, batching as given. */
  private static String config(BindServer bind, TestKey key, InetSocketAddress dns, int maxNames) {
    String kea =
        D2Harness.keaConfig(Ports.freeUdpPort(), bind, key, 2000)
            .replace("\"port\": " + bind.port() + " }", "\"port\": " + dns.getPort() + " }");
    return kea.replace(
        "\"DhcpDdns\": {",
        "\"DhcpDdns\": { \"user-context\": { \"d2j\": { \"max-names-per-update\": "
            + maxNames
            + " } },");
  }

  @Test
  void batchedAndOneByOne_leaveTheSameZones() throws Exception {
    TestKey key = TestKey.random("d2j-key.", "HMAC-SHA256");
    try (BindServer plainBind = BindServer.start(key);
        BindServer batchBind = BindServer.start(key);
        FakeDnsServer relay =
            FakeDnsServer.start(key).otherwise(Reply.relayTo(batchBind.socketAddress()));
        D2Harness plain = D2Harness.start(config(plainBind, key, plainBind.socketAddress(), 1));
        D2Harness batched = D2Harness.start(config(batchBind, key, relay.socketAddress(), 8))) {
      int n = 0;
      for (List<NameChangeRequest> burst : List.of(first(), second())) {
        // The batched D2's first UPDATE of each burst is answered only once the whole burst is
        // in: the steps behind it queue up and go out packed, as under load.
        Gate held = new Gate();
        relay.script(Reply.heldUntil(held, Reply.relayTo(batchBind.socketAddress())));
        for (NameChangeRequest ncr : burst) {
          plain.send(ncr);
          batched.send(ncr);
        }
        n += burst.size();
        Scenarios.awaitReceived(batched, n);
        held.open();
        Scenarios.awaitSettled(plain, n);
        Scenarios.awaitSettled(batched, n);
      }

      for (String z : TestZones.zones()) {
        assertThat(KeaParityIT.zone(batchBind, z))
            .as("zone %s, batched vs one by one", z)
            .isEqualTo(KeaParityIT.zone(plainBind, z));
      }
      assertThat(batched.stat(D2Stats.NCR_COMPLETED)).isEqualTo(plain.stat(D2Stats.NCR_COMPLETED));
      assertThat(batched.stat(D2Stats.NCR_FAILED)).isEqualTo(plain.stat(D2Stats.NCR_FAILED));
      assertThat(plain.stat(D2Stats.UPDATE_BATCHES)).isZero();
      assertThat(batched.stat(D2Stats.UPDATE_BATCHES)).isPositive();
      assertThat(batched.stat(D2Stats.UPDATE_BATCH_SPLITS)).isPositive();
      assertThat(batched.stat(D2Stats.UPDATE_SENT)).isLessThan(plain.stat(D2Stats.UPDATE_SENT));
      System.err.printf(
          "BatchingIT: UPDATEs one by one %d, batched %d (%d batches of %d names, %d split)%n",
          plain.stat(D2Stats.UPDATE_SENT),
          batched.stat(D2Stats.UPDATE_SENT),
          batched.stat(D2Stats.UPDATE_BATCHES),
          batched.stat(D2Stats.UPDATE_BATCHED_NAMES),
          batched.stat(D2Stats.UPDATE_BATCH_SPLITS));
      // the bursts did change the zones, conflicts included
      assertThat(KeaParityIT.zone(batchBind, TestZones.FORWARD))
          .contains("m29.example.org. 900 IN A 192.0.2.129", "n0.example.org. 900 IN A 192.0.2.10")
          .noneMatch(rr -> rr.startsWith("n15.example.org."));
    }
  }
}
