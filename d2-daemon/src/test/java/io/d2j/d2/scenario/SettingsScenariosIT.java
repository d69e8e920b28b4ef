package io.d2j.d2.scenario;

import static io.d2j.d2.scenario.Scenarios.DHCID_X;
import static io.d2j.d2.scenario.Scenarios.add;
import static io.d2j.d2.scenario.Scenarios.remove;
import static io.d2j.d2.scenario.Scenarios.sendAndSettle;
import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.d2.stats.D2Stats;
import io.d2j.testkit.BindServer;
import io.d2j.testkit.TestZones;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * The scenarios whose second half is a d2j setting (user-context.d2j): the normalising domain match
 * of scenario 8 and the Kea 2.2 removal rule of scenario 18.
 */
class SettingsScenariosIT {

  private BindServer bind;

  @BeforeEach
  void startBind() throws Exception {
    BindServer.assumeAvailable();
    bind = BindServer.start();
  }

  @AfterEach
  void stopBind() {
    if (bind != null) {
      bind.close();
    }
  }

  @Test
  void scenario08_normalizeDomainNames_matchesADomainWrittenWithoutItsTrailingDot()
      throws Exception {
    String key = bind.key().name();
    try (RelayRig rig =
        RelayRig.start(
            bind,
            (c, to) ->
                c.d2j("\"normalize-domain-names\": true")
                    .forward("example.org", key, to)
                    .reverse("2.0.192.in-addr.arpa", key, to))) {
      sendAndSettle(rig.d2, add("n8.example.org.", "192.0.2.88", DHCID_X));
      assertThat(rig.d2.stat(D2Stats.NCR_COMPLETED)).isEqualTo(1);
      assertThat(bind.query("n8.example.org.", Type.A)).hasSize(1);
      assertThat(bind.query("88.2.0.192.in-addr.arpa.", Type.PTR)).hasSize(1);
      // The zone section is the absolute name even though the file lacks the dot.
      assertThat(rig.sent().get(0).zone().getName()).hasToString("example.org.");
    }
  }

  @Test
  void scenario18_kea22Rule_yxrrsetOnRemoveFails_andThePtrStays() throws Exception {
    String key = bind.key().name();
    try (RelayRig rig =
        RelayRig.start(
            bind,
            (c, to) ->
                c.d2j("\"yxrrset-on-remove\": \"fail\"")
                    .forward(TestZones.FORWARD, key, to)
                    .reverse(TestZones.REVERSE_V4, key, to)
                    .reverse(TestZones.REVERSE_V6, key, to))) {
      sendAndSettle(rig.d2, add("k18.example.org.", "192.0.2.118", DHCID_X));
      sendAndSettle(rig.d2, add("k18.example.org.", "2001:db8::118", DHCID_X));
      sendAndSettle(rig.d2, remove("k18.example.org.", "192.0.2.118", DHCID_X));

      // Kea 2.2-3.3.0: the AAAA left at the name makes "no A, no AAAA" fail (YXRRSET), the
      // transaction fails there and the v4 PTR is orphaned (§15 L4).
      assertThat(rig.d2.stat(D2Stats.NCR_FAILED)).isEqualTo(1);
      assertThat(bind.query("k18.example.org.", Type.A)).isEmpty();
      assertThat(bind.query("k18.example.org.", Type.AAAA)).hasSize(1);
      assertThat(bind.query("118.2.0.192.in-addr.arpa.", Type.PTR)).hasSize(1);
    }
  }
}
