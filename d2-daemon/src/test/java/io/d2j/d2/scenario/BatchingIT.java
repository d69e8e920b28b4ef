package io.d2j.d2.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.d2.it.D2Harness;
import io.d2j.d2.stats.D2Stats;
import io.d2j.ncr.ChangeType;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.testkit.FakeDnsServer;
import io.d2j.testkit.FakeDnsServer.Reply;
import io.d2j.testkit.Gate;
import io.d2j.testkit.Ports;
import io.d2j.testkit.TestKey;
import io.d2j.testkit.TestZones;
import io.d2j.testkit.ZoneServer;
import io.d2j.testkit.ZoneServerKind;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Type;

/**
 * Issue 18's batching ({@code max-names-per-update}) leaves the zones exactly as one UPDATE per
 * step does: the same bursts of NCRs, with conflicts (another client's DHCID, a static name),
 * re-adds, moves, releases (own, foreign, of a static name) and IPv6, go to two D2s, each against a
 * fresh server of one product, one with batching off and one with 8 names per UPDATE; the three
 * zones are compared by AXFR. Run against BIND, Knot and PowerDNS. The batched D2 must have sent
 * batches, remove steps among them, and split some on a failed prerequisite, for the comparison to
 * mean anything. Batches over 512 octets go over TCP, through the relay to the server over TCP.
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

  /**
   * Releases: most are the owner's and go through (all three remove steps packed), some are another
   * client's (NXRRSET, then YXRRSET: fail, reverse untouched), one a static name's, one dual-stack
   * (the v4 address goes, the AAAA stays: YXRRSET after NOERROR).
   */
  private static List<NameChangeRequest> third() {
    List<NameChangeRequest> out = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      out.add(ncr(ChangeType.REMOVE, "m" + i, "192.0.2." + (100 + i), x(300 + i)));
      if (i < 4) {
        out.add(ncr(ChangeType.REMOVE, "n" + i, "192.0.2." + (10 + i), y(i))); // not theirs
      }
    }
    out.add(ncr(ChangeType.REMOVE, "static", "192.0.2.60", x(200)));
    out.add(ncr(ChangeType.ADD, "v1", "192.0.2.61", x(101))); // v1 dual-stack ...
    out.add(ncr(ChangeType.REMOVE, "n30", "192.0.2.40", x(30)));
    return out;
  }

  /** ... and its v4 released after. */
  private static List<NameChangeRequest> fourth() {
    return List.of(
        ncr(ChangeType.REMOVE, "v1", "192.0.2.61", x(101)),
        ncr(ChangeType.REMOVE, "n31", "192.0.2.41", x(31)),
        ncr(ChangeType.REMOVE, "n32", "192.0.2.42", x(32)));
  }

  /** The D2's config: {@code dns} (the server or a relay to it) for every zone. */
  private static String config(TestKey key, InetSocketAddress dns, int maxNames) {
    String to = ScenarioConfig.server(dns);
    return ScenarioConfig.create()
        .key(key)
        .timeoutMs(2000)
        .d2j("\"max-names-per-update\": " + maxNames)
        .forward(TestZones.FORWARD, key.name(), to)
        .reverse(TestZones.REVERSE_V4, key.name(), to)
        .reverse(TestZones.REVERSE_V6, key.name(), to)
        .json(Ports.freeUdpPort());
  }

  @ParameterizedTest
  @EnumSource(ZoneServerKind.class)
  void batchedAndOneByOne_leaveTheSameZones(ZoneServerKind kind) throws Exception {
    TestKey key = TestKey.random("d2j-key.", "HMAC-SHA256");
    try (ZoneServer plainDns = kind.start(key);
        ZoneServer batchDns = kind.start(key);
        FakeDnsServer relay =
            FakeDnsServer.start(key).otherwise(Reply.relayTo(batchDns.socketAddress()));
        D2Harness plain = D2Harness.start(config(key, plainDns.socketAddress(), 1));
        D2Harness batched = D2Harness.start(config(key, relay.socketAddress(), 8))) {
      int n = 0;
      for (List<NameChangeRequest> burst : List.of(first(), second(), third(), fourth())) {
        // The batched D2's first UPDATE of each burst is answered only once the whole burst is
        // in: the steps behind it queue up and go out packed, as under load.
        Gate held = new Gate();
        relay.script(Reply.heldUntil(held, Reply.relayTo(batchDns.socketAddress())));
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

      for (String z : List.of(TestZones.FORWARD, TestZones.REVERSE_V4, TestZones.REVERSE_V6)) {
        assertThat(KeaParityIT.zone(batchDns, z))
            .as("%s zone %s, batched vs one by one", batchDns.product(), z)
            .isEqualTo(KeaParityIT.zone(plainDns, z));
      }
      assertThat(batched.stat(D2Stats.NCR_COMPLETED)).isEqualTo(plain.stat(D2Stats.NCR_COMPLETED));
      assertThat(batched.stat(D2Stats.NCR_FAILED)).isEqualTo(plain.stat(D2Stats.NCR_FAILED));
      assertThat(plain.stat(D2Stats.NCR_FAILED)).isPositive(); // the foreign removes at least
      assertThat(plain.stat(D2Stats.UPDATE_BATCHES)).isZero();
      assertThat(batched.stat(D2Stats.UPDATE_BATCHES)).isPositive();
      assertThat(batched.stat(D2Stats.UPDATE_BATCH_SPLITS)).isPositive();
      assertThat(batched.stat(D2Stats.UPDATE_SENT)).isLessThan(plain.stat(D2Stats.UPDATE_SENT));
      assertThat(batched.stat(D2Stats.UPDATE_TCP)).isPositive(); // batches over 512 octets
      // A batch of removes: two or more "delete all at the name" steps in one message.
      assertThat(relay.received())
          .anySatisfy(
              r ->
                  assertThat(
                          r.updates().stream()
                              .filter(u -> u.getType() == Type.ANY && u.getDClass() == DClass.ANY)
                              .map(u -> u.getName()))
                      .hasSizeGreaterThan(1));
      System.err.printf(
          "BatchingIT %s: UPDATEs one by one %d, batched %d (%d batches of %d names, %d split,"
              + " %d over TCP on %d connections)%n",
          batchDns.product(),
          plain.stat(D2Stats.UPDATE_SENT),
          batched.stat(D2Stats.UPDATE_SENT),
          batched.stat(D2Stats.UPDATE_BATCHES),
          batched.stat(D2Stats.UPDATE_BATCHED_NAMES),
          batched.stat(D2Stats.UPDATE_BATCH_SPLITS),
          batched.stat(D2Stats.UPDATE_TCP),
          batched.stat(D2Stats.UPDATE_TCP_CONNECTIONS));
      // the bursts did change the zones, conflicts included
      assertThat(KeaParityIT.zone(batchDns, TestZones.FORWARD))
          .contains("m29.example.org. 900 IN A 192.0.2.129", "n0.example.org. 900 IN A 192.0.2.10")
          .noneMatch(rr -> rr.startsWith("n15.example.org."))
          .noneMatch(rr -> rr.startsWith("m0.example.org."))
          .anyMatch(rr -> rr.startsWith("v1.example.org. 900 IN AAAA"))
          .noneMatch(rr -> rr.startsWith("v1.example.org. 900 IN A "));
    }
  }
}
