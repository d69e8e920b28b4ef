package io.d2j.d2.scenario;

import static io.d2j.d2.scenario.Scenarios.DHCID_X;
import static io.d2j.d2.scenario.Scenarios.DHCID_Y;
import static io.d2j.d2.scenario.Scenarios.add;
import static io.d2j.d2.scenario.Scenarios.describe;
import static io.d2j.d2.scenario.Scenarios.remove;
import static io.d2j.d2.scenario.Scenarios.rrs;
import static io.d2j.d2.scenario.Scenarios.sendAndSettle;
import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.d2.it.D2Harness;
import io.d2j.d2.stats.D2Stats;
import io.d2j.testkit.BindServer;
import io.d2j.testkit.FakeDnsServer;
import io.d2j.testkit.FakeDnsServer.Reply;
import io.d2j.testkit.Ports;
import io.d2j.testkit.Received;
import io.d2j.testkit.TestKey;
import io.d2j.testkit.TestZones;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * d2-behaviour.md §17 scenarios 13-18: check-with-dhcid (RFC 4703 §5.3, §5.5) against a real BIND,
 * each UPDATE checked as sent. Scenario 16 needs an answer sequence BIND won't give on demand
 * (YXDOMAIN, then NXDOMAIN as the name vanishes) and uses the fake server.
 */
class ConflictResolutionScenariosIT {

  private static BindServer bind;

  @BeforeAll
  static void startBind() throws Exception {
    BindServer.assumeAvailable();
    bind = BindServer.start(TestKey.random("d2j-key.", "HMAC-SHA256"));
  }

  @AfterAll
  static void stopBind() {
    if (bind != null) {
      bind.close();
    }
  }

  @Test
  void scenario13_freshName_addsAddressAndDhcidIfNameUnused_thenReplacesThePtr() throws Exception {
    try (RelayRig rig = RelayRig.start(bind)) {
      sendAndSettle(rig.d2, add("s13.example.org.", "192.0.2.13", DHCID_X));

      List<Received> sent = rig.sent();
      assertThat(sent).hasSize(2);
      assertThat(describe(sent.get(0)))
          .isEqualTo(
              "zone example.org. prereq [s13.example.org. 0 NONE ANY] update"
                  + " [s13.example.org. 1200 IN A 192.0.2.13,"
                  + " s13.example.org. 1200 IN DHCID AAEBAgME]");
      assertThat(describe(sent.get(1)))
          .isEqualTo(
              "zone 2.0.192.in-addr.arpa. prereq [] update"
                  + " [13.2.0.192.in-addr.arpa. 0 ANY PTR, 13.2.0.192.in-addr.arpa. 0 ANY DHCID,"
                  + " 13.2.0.192.in-addr.arpa. 1200 IN PTR s13.example.org.,"
                  + " 13.2.0.192.in-addr.arpa. 1200 IN DHCID AAEBAgME]");
      assertThat(rig.d2.stat(D2Stats.NCR_COMPLETED)).isEqualTo(1);
      assertThat(rrs(bind.query("s13.example.org.", Type.A)))
          .containsExactly("s13.example.org. 1200 IN A 192.0.2.13");
    }
  }

  @Test
  void scenario14_sameClientNewAddress_yxdomainThenReplaceGuardedByItsDhcid() throws Exception {
    try (RelayRig rig = RelayRig.start(bind)) {
      sendAndSettle(rig.d2, add("s14.example.org.", "192.0.2.14", DHCID_X));
      sendAndSettle(rig.d2, add("s14.example.org.", "192.0.2.140", DHCID_X));

      List<Received> sent = rig.sent();
      assertThat(sent).hasSize(5); // add+rev, then add (YXDOMAIN), replace, rev
      assertThat(describe(sent.get(2)))
          .startsWith("zone example.org. prereq [s14.example.org. 0 NONE ANY]");
      assertThat(describe(sent.get(3)))
          .isEqualTo(
              "zone example.org. prereq [s14.example.org. 0 ANY ANY,"
                  + " s14.example.org. 0 IN DHCID AAEBAgME] update"
                  + " [s14.example.org. 0 ANY A, s14.example.org. 1200 IN A 192.0.2.140]");
      assertThat(sent.get(4).zone().getName()).hasToString("2.0.192.in-addr.arpa.");
      assertThat(rig.d2.stat(D2Stats.NCR_COMPLETED)).isEqualTo(2);
      assertThat(rrs(bind.query("s14.example.org.", Type.A)))
          .containsExactly("s14.example.org. 1200 IN A 192.0.2.140");
      assertThat(rrs(bind.query("140.2.0.192.in-addr.arpa.", Type.PTR)))
          .containsExactly("140.2.0.192.in-addr.arpa. 1200 IN PTR s14.example.org.");
    }
  }

  @Test
  void scenario15_otherClientsName_replaceGetsNxrrset_addFailsWithoutReverseUpdate()
      throws Exception {
    try (RelayRig rig = RelayRig.start(bind)) {
      sendAndSettle(rig.d2, add("s15.example.org.", "192.0.2.15", DHCID_X));
      sendAndSettle(rig.d2, add("s15.example.org.", "192.0.2.150", DHCID_Y));

      List<Received> sent = rig.sent();
      assertThat(sent).hasSize(4); // no reverse update after the rejected replace
      assertThat(rrs(sent.get(3).prerequisites()))
          .containsExactly("s15.example.org. 0 ANY ANY", "s15.example.org. 0 IN DHCID AAEBBQYH");
      assertThat(rig.d2.stat(D2Stats.NCR_FAILED)).isEqualTo(1);
      assertThat(rrs(bind.query("s15.example.org.", Type.A)))
          .containsExactly("s15.example.org. 1200 IN A 192.0.2.15");
      assertThat(bind.query("150.2.0.192.in-addr.arpa.", Type.PTR)).isEmpty();
    }
  }

  @Test
  void scenario16_nameVanishesBetweenAddAndReplace_addIsTriedAgainAndSucceeds() throws Exception {
    TestKey key = bind.key();
    try (FakeDnsServer dns = FakeDnsServer.start(key);
        D2Harness d2 =
            D2Harness.start(
                ScenarioConfig.create()
                    .key(key)
                    .forward(
                        TestZones.FORWARD, key.name(), ScenarioConfig.server(dns.socketAddress()))
                    .reverse(
                        TestZones.REVERSE_V4,
                        key.name(),
                        ScenarioConfig.server(dns.socketAddress()))
                    .json(Ports.freeUdpPort()))) {
      dns.script(Reply.rcode(Rcode.YXDOMAIN), Reply.rcode(Rcode.NXDOMAIN)); // then NOERROR
      sendAndSettle(d2, add("s16.example.org.", "192.0.2.16", DHCID_X));

      List<Received> sent = dns.received();
      assertThat(sent)
          .extracting(r -> rrs(r.prerequisites()).toString())
          .containsExactly(
              "[s16.example.org. 0 NONE ANY]",
              "[s16.example.org. 0 ANY ANY, s16.example.org. 0 IN DHCID AAEBAgME]",
              "[s16.example.org. 0 NONE ANY]",
              "[]");
      assertThat(sent.get(3).zone().getName()).hasToString("2.0.192.in-addr.arpa.");
      assertThat(d2.stat(D2Stats.NCR_COMPLETED)).isEqualTo(1);
    }
  }

  @Test
  void scenario17_remove_deletesOwnAddressThenRemainingRrsThenThePtrPointingAtTheName()
      throws Exception {
    try (RelayRig rig = RelayRig.start(bind)) {
      sendAndSettle(rig.d2, add("s17.example.org.", "192.0.2.17", DHCID_X));
      sendAndSettle(rig.d2, remove("s17.example.org.", "192.0.2.17", DHCID_X));

      List<Received> sent = rig.sent();
      assertThat(sent).hasSize(5);
      assertThat(describe(sent.get(2)))
          .isEqualTo(
              "zone example.org. prereq [s17.example.org. 0 IN DHCID AAEBAgME] update"
                  + " [s17.example.org. 0 NONE A 192.0.2.17]");
      assertThat(describe(sent.get(3)))
          .isEqualTo(
              "zone example.org. prereq [s17.example.org. 0 IN DHCID AAEBAgME,"
                  + " s17.example.org. 0 NONE A, s17.example.org. 0 NONE AAAA] update"
                  + " [s17.example.org. 0 ANY ANY]");
      assertThat(describe(sent.get(4)))
          .isEqualTo(
              "zone 2.0.192.in-addr.arpa. prereq"
                  + " [17.2.0.192.in-addr.arpa. 0 IN PTR s17.example.org.] update"
                  + " [17.2.0.192.in-addr.arpa. 0 ANY ANY]");
      assertThat(rig.d2.stat(D2Stats.NCR_COMPLETED)).isEqualTo(2);
      assertThat(bind.query("s17.example.org.", Type.ANY)).isEmpty();
      assertThat(bind.query("17.2.0.192.in-addr.arpa.", Type.ANY)).isEmpty();
    }
  }

  @Test
  void scenario17_removeWhereBothForwardStepsGetNxrrset_stillRemovesThePtrToTheName()
      throws Exception {
    try (RelayRig rig = RelayRig.start(bind)) {
      // A PTR (and reverse DHCID) for the name, but nothing at the name itself.
      sendAndSettle(
          rig.d2,
          Scenarios.ncr(
              io.d2j.ncr.ChangeType.ADD,
              "s17b.example.org.",
              "192.0.2.171",
              DHCID_X,
              io.d2j.ncr.ConflictResolutionMode.CHECK_WITH_DHCID,
              false,
              true));
      assertThat(bind.query("171.2.0.192.in-addr.arpa.", Type.PTR)).hasSize(1);
      sendAndSettle(rig.d2, remove("s17b.example.org.", "192.0.2.171", DHCID_Y));

      // Step 1: no DHCID Y at the name (NXRRSET); step 2: likewise (NXRRSET); both tolerated,
      // so the reverse step runs and deletes the PTR that points at the name (§7.6).
      assertThat(rig.sent()).hasSize(4);
      assertThat(rig.d2.stat(D2Stats.NCR_COMPLETED)).isEqualTo(2);
      assertThat(rig.d2.stat(D2Stats.NCR_FAILED)).isZero();
      assertThat(bind.query("171.2.0.192.in-addr.arpa.", Type.PTR)).isEmpty();
    }
  }

  @Test
  void scenario18_dualStackRemove_yxrrsetCompletesForward_andThePtrIsRemoved() throws Exception {
    String v6rev = "2.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.";
    try (RelayRig rig = RelayRig.start(bind)) {
      sendAndSettle(rig.d2, add("s18.example.org.", "192.0.2.18", DHCID_X));
      sendAndSettle(rig.d2, add("s18.example.org.", "2001:db8::12", DHCID_X));
      assertThat(bind.query("s18.example.org.", Type.AAAA)).hasSize(1);
      assertThat(bind.query("s18.example.org.", Type.A)).hasSize(1);

      sendAndSettle(rig.d2, remove("s18.example.org.", "192.0.2.18", DHCID_X));

      // The AAAA left behind proves BIND answered YXRRSET to "no A, no AAAA" (§7.6); step 1 had
      // removed this client's own A (its DHCID matched), so the forward side is done and the v4
      // PTR goes (RemoveOwnershipScenariosIT has the foreign case, on three servers).
      assertThat(rig.d2.stat(D2Stats.NCR_COMPLETED)).isEqualTo(3);
      assertThat(bind.query("s18.example.org.", Type.A)).isEmpty();
      assertThat(rrs(bind.query("s18.example.org.", Type.AAAA)))
          .containsExactly("s18.example.org. 1200 IN AAAA 2001:db8:0:0:0:0:0:12"); // dnsjava's text
      assertThat(bind.query("s18.example.org.", Type.DHCID)).hasSize(1);
      assertThat(bind.query("18.2.0.192.in-addr.arpa.", Type.PTR)).isEmpty();
      assertThat(bind.query(v6rev, Type.PTR)).hasSize(1);
      assertThat(rig.sent().get(rig.sent().size() - 1).zone().getName())
          .hasToString("2.0.192.in-addr.arpa.");
    }
  }
}
