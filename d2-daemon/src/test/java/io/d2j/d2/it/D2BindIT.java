package io.d2j.d2.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.d2.stats.D2Stats;
import io.d2j.ncr.ChangeType;
import io.d2j.ncr.ConflictResolutionMode;
import io.d2j.ncr.Dhcid;
import io.d2j.ncr.Fqdn;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.testkit.Await;
import io.d2j.testkit.BindServer;
import io.d2j.testkit.TestKey;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The core path end to end: NCRs over UDP in Kea's wire format become TSIG-signed RFC 2136 updates
 * in a real BIND, checked by querying BIND.
 */
class D2BindIT {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @BeforeEach
  void needsBind() {
    BindServer.assumeAvailable();
  }

  private static NameChangeRequest ncr(ChangeType type, String fqdn, String ip, byte[] clientId)
      throws Exception {
    Fqdn name = Fqdn.of(fqdn);
    return new NameChangeRequest(
        type,
        true,
        true,
        name,
        InetAddress.getByName(ip),
        Dhcid.fromClientId(clientId, name),
        null,
        1200,
        ConflictResolutionMode.CHECK_WITH_DHCID);
  }

  private static String rdata(List<Record> records) {
    return records.stream().map(Record::rdataToString).sorted().collect(Collectors.joining(","));
  }

  private static void addThenRemove(
      String keaAlgorithm, String fqdn, String ip, int addrType, String rev) throws Exception {
    TestKey key = TestKey.random("d2j-key.", keaAlgorithm);
    try (BindServer bind = BindServer.start(key);
        D2Harness d2 = D2Harness.start(bind, key)) {
      byte[] clientId = HexFormat.of().parseHex("01000c01020304");
      d2.send(ncr(ChangeType.ADD, fqdn, ip, clientId));
      Await.until(WAIT, "PTR at " + rev, () -> !bind.query(rev, Type.PTR).isEmpty());
      assertThat(rdata(bind.query(fqdn, addrType)))
          .isEqualTo(InetAddress.getByName(ip).getHostAddress());
      assertThat(bind.query(fqdn, Type.DHCID)).hasSize(1);
      assertThat(rdata(bind.query(rev, Type.PTR))).isEqualTo(fqdn);
      assertThat(bind.query(fqdn, addrType).get(0).getTTL()).isEqualTo(1200);
      d2.awaitIdle();
      assertThat(d2.stat(D2Stats.NCR_COMPLETED)).isEqualTo(1);
      assertThat(d2.stat(D2Stats.perKey("d2j-key.", D2Stats.UPDATE_SENT))).isEqualTo(2);

      d2.send(ncr(ChangeType.REMOVE, fqdn, ip, clientId));
      Await.until(WAIT, "PTR gone at " + rev, () -> bind.query(rev, Type.PTR).isEmpty());
      d2.awaitIdle();
      assertThat(bind.query(fqdn, addrType)).isEmpty();
      assertThat(bind.query(fqdn, Type.DHCID)).isEmpty();
      assertThat(bind.query(rev, Type.ANY)).isEmpty();
      assertThat(d2.stat(D2Stats.NCR_COMPLETED)).isEqualTo(2);
      assertThat(d2.stat(D2Stats.UPDATE_ERROR)).isZero();
      assertThat(d2.stat(D2Stats.UPDATE_SIGNED)).isEqualTo(d2.stat(D2Stats.UPDATE_SENT));
    }
  }

  @Test
  void ipv4_addThenRemove_hmacSha256() throws Exception {
    addThenRemove(
        "HMAC-SHA256", "host4.example.org.", "192.0.2.10", Type.A, "10.2.0.192.in-addr.arpa.");
  }

  @Test
  void ipv6_addThenRemove_hmacMd5() throws Exception {
    addThenRemove(
        "HMAC-MD5",
        "host6.example.org.",
        "2001:db8::abcd",
        Type.AAAA,
        "d.c.b.a.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.");
  }

  @Test
  void ipv4_addThenRemove_hmacSha512() throws Exception {
    addThenRemove(
        "HMAC-SHA512", "host512.example.org.", "192.0.2.12", Type.A, "12.2.0.192.in-addr.arpa.");
  }

  @Test
  void secondClient_cannotTakeOverANameHeldByAnotherDhcid() throws Exception {
    TestKey key = TestKey.random("d2j-key.", "HMAC-SHA256");
    try (BindServer bind = BindServer.start(key);
        D2Harness d2 = D2Harness.start(bind, key)) {
      String fqdn = "contested.example.org.";
      d2.send(ncr(ChangeType.ADD, fqdn, "192.0.2.20", HexFormat.of().parseHex("01aaaaaaaaaaaa")));
      d2.awaitIdle();
      Await.until(WAIT, "first client's A", () -> !bind.query(fqdn, Type.A).isEmpty());

      d2.send(ncr(ChangeType.ADD, fqdn, "192.0.2.21", HexFormat.of().parseHex("01bbbbbbbbbbbb")));
      Await.until(WAIT, "second add to fail", () -> d2.stat(D2Stats.NCR_FAILED) == 1);
      d2.awaitIdle();

      assertThat(rdata(bind.query(fqdn, Type.A))).isEqualTo("192.0.2.20");
      assertThat(bind.query("21.2.0.192.in-addr.arpa.", Type.PTR)).isEmpty();
      assertThat(rdata(bind.query("20.2.0.192.in-addr.arpa.", Type.PTR))).isEqualTo(fqdn);
      // The same client coming back with a new address does replace its own record.
      d2.send(ncr(ChangeType.ADD, fqdn, "192.0.2.22", HexFormat.of().parseHex("01aaaaaaaaaaaa")));
      Await.until(
          WAIT, "owner's new A", () -> rdata(bind.query(fqdn, Type.A)).equals("192.0.2.22"));
      d2.awaitIdle();
      assertThat(d2.stat(D2Stats.NCR_COMPLETED)).isEqualTo(2);
    }
  }

  @Test
  void staticHost_isNotTouchedByAConflictResolvingAdd() throws Exception {
    TestKey key = TestKey.random("d2j-key.", "HMAC-SHA256");
    try (BindServer bind = BindServer.start(key);
        D2Harness d2 = D2Harness.start(bind, key)) {
      d2.send(
          ncr(
              ChangeType.ADD,
              "static.example.org.",
              "192.0.2.30",
              HexFormat.of().parseHex("01cccccccccccc")));
      Await.until(WAIT, "add to fail", () -> d2.stat(D2Stats.NCR_FAILED) == 1);
      assertThat(rdata(bind.query("static.example.org.", Type.A))).isEqualTo("192.0.2.200");
    }
  }
}
