package io.d2j.d2.scenario;

import static io.d2j.d2.scenario.Scenarios.DHCID_X;
import static io.d2j.d2.scenario.Scenarios.DHCID_Y;
import static io.d2j.d2.scenario.Scenarios.describe;
import static io.d2j.d2.scenario.Scenarios.ncr;
import static io.d2j.d2.scenario.Scenarios.rr;
import static io.d2j.d2.scenario.Scenarios.rrs;
import static io.d2j.d2.scenario.Scenarios.sendAndSettle;
import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.d2.stats.D2Stats;
import io.d2j.ncr.ChangeType;
import io.d2j.ncr.ConflictResolutionMode;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.testkit.BindServer;
import io.d2j.testkit.Received;
import io.d2j.testkit.TestKey;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * d2-behaviour.md §17 scenarios 19-22: the other conflict-resolution modes and the TTL rule,
 * against a real BIND, each UPDATE checked as sent.
 */
class ModeScenariosIT {

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

  private static NameChangeRequest change(
      ChangeType type, String fqdn, String ip, String dhcid, ConflictResolutionMode mode) {
    return ncr(type, fqdn, ip, dhcid, mode, true, true);
  }

  @Test
  void scenario19_noCheckWithDhcid_replacesAndRemovesWholeRrsetsWithoutPrerequisites()
      throws Exception {
    ConflictResolutionMode mode = ConflictResolutionMode.NO_CHECK_WITH_DHCID;
    try (RelayRig rig = RelayRig.start(bind)) {
      sendAndSettle(
          rig.d2, change(ChangeType.ADD, "s19.example.org.", "192.0.2.19", DHCID_X, mode));
      // Another client takes the name over: no prerequisite stops it.
      sendAndSettle(
          rig.d2, change(ChangeType.ADD, "s19.example.org.", "192.0.2.190", DHCID_Y, mode));
      assertThat(rrs(bind.query("s19.example.org.", Type.DHCID)))
          .containsExactly("s19.example.org. 1200 IN DHCID AAEBBQYH");
      sendAndSettle(
          rig.d2, change(ChangeType.REMOVE, "s19.example.org.", "192.0.2.190", DHCID_Y, mode));

      List<Received> sent = rig.sent();
      assertThat(sent).hasSize(6);
      assertThat(describe(sent.get(2)))
          .isEqualTo(
              "zone example.org. prereq [] update [s19.example.org. 0 ANY A,"
                  + " s19.example.org. 0 ANY DHCID, s19.example.org. 1200 IN A 192.0.2.190,"
                  + " s19.example.org. 1200 IN DHCID AAEBBQYH]");
      assertThat(describe(sent.get(3)))
          .isEqualTo(
              "zone 2.0.192.in-addr.arpa. prereq [] update [190.2.0.192.in-addr.arpa. 0 ANY PTR,"
                  + " 190.2.0.192.in-addr.arpa. 0 ANY DHCID,"
                  + " 190.2.0.192.in-addr.arpa. 1200 IN PTR s19.example.org.,"
                  + " 190.2.0.192.in-addr.arpa. 1200 IN DHCID AAEBBQYH]");
      assertThat(describe(sent.get(4)))
          .isEqualTo(
              "zone example.org. prereq [] update [s19.example.org. 0 ANY A,"
                  + " s19.example.org. 0 ANY DHCID]");
      assertThat(describe(sent.get(5)))
          .isEqualTo(
              "zone 2.0.192.in-addr.arpa. prereq [] update [190.2.0.192.in-addr.arpa. 0 ANY PTR,"
                  + " 190.2.0.192.in-addr.arpa. 0 ANY DHCID]");
      assertThat(rig.d2.stat(D2Stats.NCR_COMPLETED)).isEqualTo(3);
      assertThat(bind.query("s19.example.org.", Type.ANY)).isEmpty();
      assertThat(bind.query("190.2.0.192.in-addr.arpa.", Type.ANY)).isEmpty();
      // The first address's PTR was never the remove's business (§7.8).
      assertThat(bind.query("19.2.0.192.in-addr.arpa.", Type.PTR)).hasSize(1);
    }
  }

  @Test
  void scenario20_checkExists_staticNameWithoutDhcidIsProtected() throws Exception {
    ConflictResolutionMode mode = ConflictResolutionMode.CHECK_EXISTS_WITH_DHCID;
    try (RelayRig rig = RelayRig.start(bind)) {
      sendAndSettle(
          rig.d2, change(ChangeType.ADD, "static.example.org.", "192.0.2.20", DHCID_X, mode));

      List<Received> sent = rig.sent();
      assertThat(sent).hasSize(2); // add (YXDOMAIN), replace (NXRRSET); no reverse
      assertThat(describe(sent.get(1)))
          .isEqualTo(
              "zone example.org. prereq [static.example.org. 0 ANY DHCID] update"
                  + " [static.example.org. 0 ANY A, static.example.org. 0 ANY DHCID,"
                  + " static.example.org. 1200 IN A 192.0.2.20,"
                  + " static.example.org. 1200 IN DHCID AAEBAgME]");
      assertThat(rig.d2.stat(D2Stats.NCR_FAILED)).isEqualTo(1);
      assertThat(rrs(bind.query("static.example.org.", Type.A)))
          .containsExactly("static.example.org. 60 IN A 192.0.2.200");
    }
  }

  @Test
  void scenario20_checkExists_nameWithAnyDhcidIsTakenOverWithTheNcrsDhcid() throws Exception {
    ConflictResolutionMode mode = ConflictResolutionMode.CHECK_EXISTS_WITH_DHCID;
    try (RelayRig rig = RelayRig.start(bind)) {
      sendAndSettle(
          rig.d2, change(ChangeType.ADD, "s20.example.org.", "192.0.2.21", DHCID_X, mode));
      sendAndSettle(
          rig.d2, change(ChangeType.ADD, "s20.example.org.", "192.0.2.22", DHCID_Y, mode));

      assertThat(rig.d2.stat(D2Stats.NCR_COMPLETED)).isEqualTo(2);
      assertThat(rrs(bind.query("s20.example.org.", Type.A)))
          .containsExactly("s20.example.org. 1200 IN A 192.0.2.22");
      assertThat(rrs(bind.query("s20.example.org.", Type.DHCID)))
          .containsExactly("s20.example.org. 1200 IN DHCID AAEBBQYH");

      sendAndSettle(
          rig.d2, change(ChangeType.REMOVE, "s20.example.org.", "192.0.2.22", DHCID_X, mode));
      List<Received> sent = rig.sent();
      // Remove: any DHCID will do; then only the DHCID rrset goes (§7.7), then the PTR.
      assertThat(describe(sent.get(sent.size() - 3)))
          .isEqualTo(
              "zone example.org. prereq [s20.example.org. 0 ANY DHCID] update"
                  + " [s20.example.org. 0 NONE A 192.0.2.22]");
      assertThat(describe(sent.get(sent.size() - 2)))
          .isEqualTo(
              "zone example.org. prereq [s20.example.org. 0 NONE A, s20.example.org. 0 NONE AAAA]"
                  + " update [s20.example.org. 0 ANY DHCID]");
      assertThat(bind.query("s20.example.org.", Type.ANY)).isEmpty();
      assertThat(bind.query("22.2.0.192.in-addr.arpa.", Type.PTR)).isEmpty();
    }
  }

  @Test
  void scenario21_noCheckWithoutDhcid_neverAddsDeletesOrRequiresADhcid() throws Exception {
    ConflictResolutionMode mode = ConflictResolutionMode.NO_CHECK_WITHOUT_DHCID;
    try (RelayRig rig = RelayRig.start(bind)) {
      sendAndSettle(
          rig.d2, change(ChangeType.ADD, "s21.example.org.", "192.0.2.23", DHCID_X, mode));
      assertThat(bind.query("s21.example.org.", Type.DHCID)).isEmpty();
      assertThat(bind.query("23.2.0.192.in-addr.arpa.", Type.DHCID)).isEmpty();
      assertThat(bind.query("23.2.0.192.in-addr.arpa.", Type.PTR)).hasSize(1);
      sendAndSettle(
          rig.d2, change(ChangeType.REMOVE, "s21.example.org.", "192.0.2.23", DHCID_X, mode));

      List<Received> sent = rig.sent();
      assertThat(sent)
          .extracting(Scenarios::describe)
          .containsExactly(
              "zone example.org. prereq [] update [s21.example.org. 0 ANY A,"
                  + " s21.example.org. 1200 IN A 192.0.2.23]",
              "zone 2.0.192.in-addr.arpa. prereq [] update [23.2.0.192.in-addr.arpa. 0 ANY PTR,"
                  + " 23.2.0.192.in-addr.arpa. 1200 IN PTR s21.example.org.]",
              "zone example.org. prereq [] update [s21.example.org. 0 ANY A]",
              "zone 2.0.192.in-addr.arpa. prereq [] update [23.2.0.192.in-addr.arpa. 0 ANY PTR]");
      for (Received r : sent) {
        assertThat(r.prerequisites()).extracting(Record::getType).doesNotContain(Type.DHCID);
        assertThat(r.updates()).extracting(Record::getType).doesNotContain(Type.DHCID);
      }
      assertThat(rig.d2.stat(D2Stats.NCR_COMPLETED)).isEqualTo(2);
      assertThat(bind.query("s21.example.org.", Type.ANY)).isEmpty();
    }
  }

  @Test
  void scenario22_everyAddedRrHasTheLeaseLengthAsTtl_everyPrerequisiteAndDeleteTtl0()
      throws Exception {
    try (RelayRig rig = RelayRig.start(bind)) {
      sendAndSettle(rig.d2, Scenarios.add("s22.example.org.", "192.0.2.24", DHCID_X));
      sendAndSettle(rig.d2, Scenarios.add("s22.example.org.", "192.0.2.25", DHCID_X));
      for (Received r : rig.sent()) {
        assertThat(r.prerequisites()).allSatisfy(p -> assertThat(p.getTTL()).as(rr(p)).isZero());
        for (Record u : r.updates()) {
          // Adds are class IN; deletes are class ANY or NONE (RFC 2136 §2.5).
          long expected = u.getDClass() == org.xbill.DNS.DClass.IN ? 1200 : 0;
          assertThat(u.getTTL()).as(rr(u)).isEqualTo(expected);
        }
      }
      assertThat(rig.sent()).hasSize(5);

      NameChangeRequest ttl0 =
          NameChangeRequest.builder()
              .type(ChangeType.ADD)
              .fqdn("s22zero.example.org.")
              .address("192.0.2.26")
              .dhcid(DHCID_X)
              .leaseLength(0)
              .build();
      sendAndSettle(rig.d2, ttl0);
      assertThat(rrs(bind.query("s22zero.example.org.", Type.A)))
          .containsExactly("s22zero.example.org. 0 IN A 192.0.2.26");
      assertThat(bind.query("s22zero.example.org.", Type.DHCID).get(0).getTTL()).isZero();
      assertThat(bind.query("26.2.0.192.in-addr.arpa.", Type.PTR).get(0).getTTL()).isZero();
    }
  }
}
