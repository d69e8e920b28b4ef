package io.d2j.d2.scenario;

import static io.d2j.d2.scenario.Scenarios.DHCID_X;
import static io.d2j.d2.scenario.Scenarios.DHCID_Y;
import static io.d2j.d2.scenario.Scenarios.add;
import static io.d2j.d2.scenario.Scenarios.describe;
import static io.d2j.d2.scenario.Scenarios.remove;
import static io.d2j.d2.scenario.Scenarios.rrs;
import static io.d2j.d2.scenario.Scenarios.sendAndSettle;
import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.d2.stats.D2Stats;
import io.d2j.testkit.BindServer;
import io.d2j.testkit.KnotServer;
import io.d2j.testkit.PowerDnsServer;
import io.d2j.testkit.TestKey;
import io.d2j.testkit.TestZones;
import io.d2j.testkit.ZoneServer;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.xbill.DNS.Type;

/**
 * Issue 16 item 7, d2-behaviour.md §7.6: a remove NCR never touches records its sender does not
 * own. A YXRRSET in "remove remaining forward RRs" completes the forward side only when this NCR's
 * DHCID matched in the step before (its own address went); otherwise the transaction fails and the
 * reverse zone is left alone. Each case runs against BIND, Knot and PowerDNS, the D2 talking to
 * each through a relay that records what it sent.
 */
class RemoveOwnershipScenariosIT {

  private static final String V6_REV_12 =
      "2.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.";

  /** The scenarios; each subclass supplies one real server, started once for its cases. */
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  abstract static class Cases {
    ZoneServer dns;

    abstract ZoneServer start(TestKey key) throws IOException;

    @BeforeAll
    void startServer() throws IOException {
      dns = start(TestKey.random("d2j-key.", "HMAC-SHA256"));
    }

    @AfterAll
    void stopServer() {
      if (dns != null) {
        dns.close();
      }
    }

    @Test
    void foreignRemove_nxrrsetThenYxrrset_failsAndLeavesTheOwnersRecordsAlone() throws Exception {
      try (RelayRig rig = RelayRig.start(dns)) {
        sendAndSettle(rig.d2, add("own1.example.org.", "192.0.2.31", DHCID_X));
        // Client Y asks to remove the name X owns (same name and address, another DHCID).
        sendAndSettle(rig.d2, remove("own1.example.org.", "192.0.2.31", DHCID_Y));

        // Step 1 (DHCID = Y) answered NXRRSET; step 2 ("no A" is checked before the DHCID value,
        // RFC 2136 §3.2.5) answered YXRRSET: the name is X's. No reverse UPDATE was sent.
        assertThat(rig.sent()).as(dns.log()).hasSize(4);
        assertThat(rig.sent().get(3).zone().getName()).hasToString(TestZones.FORWARD);
        assertThat(rig.d2.stat(D2Stats.NCR_COMPLETED)).isEqualTo(1);
        assertThat(rig.d2.stat(D2Stats.NCR_FAILED)).isEqualTo(1);
        assertOwnerRecordsIntact("own1.example.org.", "31.2.0.192.in-addr.arpa.");
      }
    }

    @Test
    void foreignRemove_underKeaHeadsRule_deletesTheOwnersPtr_whichIsWhatD2jPrevents()
        throws Exception {
      String key = dns.key().name();
      try (RelayRig rig =
          RelayRig.start(
              dns,
              (c, to) ->
                  c.d2j("\"yxrrset-on-remove\": \"succeed\"")
                      .forward(TestZones.FORWARD, key, to)
                      .reverse(TestZones.REVERSE_V4, key, to))) {
        sendAndSettle(rig.d2, add("own2.example.org.", "192.0.2.32", DHCID_X));
        sendAndSettle(rig.d2, remove("own2.example.org.", "192.0.2.32", DHCID_Y));

        // The same answers as above, read the Kea-head way: "done", and the reverse step deletes
        // X's PTR and reverse DHCID while X's A and DHCID stay. This shows the server really
        // answered YXRRSET (anything else would not have reached the reverse step or not failed).
        assertThat(rig.sent()).hasSize(5);
        assertThat(describe(rig.sent().get(4)))
            .isEqualTo(
                "zone 2.0.192.in-addr.arpa. prereq [32.2.0.192.in-addr.arpa. 0 IN PTR"
                    + " own2.example.org.] update [32.2.0.192.in-addr.arpa. 0 ANY ANY]");
        assertThat(rig.d2.stat(D2Stats.NCR_COMPLETED)).isEqualTo(2);
        assertThat(dns.query("own2.example.org.", Type.A)).hasSize(1);
        assertThat(dns.query("32.2.0.192.in-addr.arpa.", Type.PTR)).isEmpty();
      }
    }

    @Test
    void ownDualStackRemove_noerrorThenYxrrset_completesAndRemovesOnlyItsOwnPtr() throws Exception {
      try (RelayRig rig = RelayRig.start(dns)) {
        sendAndSettle(rig.d2, add("own3.example.org.", "192.0.2.33", DHCID_X));
        sendAndSettle(rig.d2, add("own3.example.org.", "2001:db8::12", DHCID_X));
        assertThat(dns.query("own3.example.org.", Type.A)).hasSize(1);
        assertThat(dns.query("own3.example.org.", Type.AAAA)).hasSize(1);

        sendAndSettle(rig.d2, remove("own3.example.org.", "192.0.2.33", DHCID_X));

        // Step 1 (DHCID = X) removed the A; step 2 met the AAAA (YXRRSET): the other family of
        // this same client, so the forward side is done and the v4 PTR goes (no orphan, §15 L4).
        assertThat(rig.d2.stat(D2Stats.NCR_COMPLETED)).as(dns.log()).isEqualTo(3);
        assertThat(rig.d2.stat(D2Stats.NCR_FAILED)).isZero();
        assertThat(dns.query("own3.example.org.", Type.A)).isEmpty();
        assertThat(dns.query("own3.example.org.", Type.AAAA)).hasSize(1);
        assertThat(rrs(dns.query("own3.example.org.", Type.DHCID)))
            .containsExactly("own3.example.org. 1200 IN DHCID " + Scenarios.DHCID_X_B64);
        assertThat(dns.query("33.2.0.192.in-addr.arpa.", Type.PTR)).isEmpty();
        assertThat(dns.query(V6_REV_12, Type.PTR)).hasSize(1);
      }
    }

    private void assertOwnerRecordsIntact(String fqdn, String rev) {
      assertThat(dns.query(fqdn, Type.A)).hasSize(1);
      assertThat(rrs(dns.query(fqdn, Type.DHCID)))
          .containsExactly(fqdn + " 1200 IN DHCID " + Scenarios.DHCID_X_B64);
      assertThat(rrs(dns.query(rev, Type.PTR))).containsExactly(rev + " 1200 IN PTR " + fqdn);
      assertThat(rrs(dns.query(rev, Type.DHCID)))
          .containsExactly(rev + " 1200 IN DHCID " + Scenarios.DHCID_X_B64);
    }
  }

  @Nested
  class Bind extends Cases {
    @Override
    ZoneServer start(TestKey key) throws IOException {
      BindServer.assumeAvailable();
      return BindServer.start(key);
    }
  }

  @Nested
  class Knot extends Cases {
    @Override
    ZoneServer start(TestKey key) throws IOException {
      KnotServer.assumeAvailable();
      return KnotServer.start(key);
    }
  }

  @Nested
  class PowerDns extends Cases {
    @Override
    ZoneServer start(TestKey key) throws IOException {
      PowerDnsServer.assumeAvailable();
      return PowerDnsServer.start(key);
    }
  }
}
