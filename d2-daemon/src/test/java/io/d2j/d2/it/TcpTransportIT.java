package io.d2j.d2.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.d2.stats.D2Stats;
import io.d2j.ncr.ChangeType;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.testkit.Await;
import io.d2j.testkit.BindServer;
import io.d2j.testkit.FakeDnsServer;
import io.d2j.testkit.FakeDnsServer.Reply;
import io.d2j.testkit.Ports;
import io.d2j.testkit.Received;
import io.d2j.testkit.TestKey;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * UPDATEs over TCP (RFC 1035 §4.2.2): the resend after a reply with TC set, an UPDATE over 512
 * octets, and {@code force-tcp} against the fake server (which records the transport) and against a
 * real BIND.
 */
class TcpTransportIT {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private static String config(int port, TestKey key, InetSocketAddress dns, String d2j) {
    String server =
        "{ \"ip-address\": \""
            + dns.getAddress().getHostAddress()
            + "\", \"port\": "
            + dns.getPort()
            + " }";
    return """
        { "DhcpDdns": { "port": %d, "dns-server-timeout": 1000, "tsig-keys": [ %s ],
            "user-context": { "d2j": { %s } },
            "forward-ddns": { "ddns-domains": [
              { "name": "example.org.", "key-name": "%s", "dns-servers": [ %s ] } ] },
            "reverse-ddns": { "ddns-domains": [
              { "name": "2.0.192.in-addr.arpa.", "key-name": "%s", "dns-servers": [ %s ] } ] } } }
        """
        .formatted(port, key.keaJson(), d2j, key.name(), server, key.name(), server);
  }

  private static NameChangeRequest ncr(
      ChangeType type, String fqdn, String ip, boolean forward, boolean reverse) {
    return NameChangeRequest.builder()
        .type(type)
        .fqdn(fqdn)
        .address(ip)
        .dhcid("000101020304")
        .forward(forward)
        .reverse(reverse)
        .leaseLength(600)
        .build();
  }

  private static void awaitDone(D2Harness d2, long n) throws InterruptedException {
    Await.until(
        WAIT,
        n + " NCRs done",
        () -> d2.stat(D2Stats.NCR_COMPLETED) + d2.stat(D2Stats.NCR_FAILED) >= n);
    d2.awaitIdle();
  }

  @Test
  void truncatedUdpReply_theSameSignedRequestIsResentOverTcp() throws Exception {
    TestKey key = TestKey.random("d2j-key.", "HMAC-SHA256");
    try (FakeDnsServer dns = FakeDnsServer.start(key);
        D2Harness d2 = D2Harness.start(config(Ports.freeUdpPort(), key, dns.socketAddress(), ""))) {
      dns.script(Reply.truncated(0));
      d2.send(ncr(ChangeType.ADD, "tc.example.org.", "192.0.2.80", true, false));
      awaitDone(d2, 1);

      List<Received> got = dns.received();
      assertThat(got).extracting(Received::tcp).containsExactly(false, true);
      assertThat(got.get(1).raw()).isEqualTo(got.get(0).raw());
      assertThat(got.get(1).tsigVerified()).isTrue();
      assertThat(d2.stat(D2Stats.NCR_COMPLETED)).isEqualTo(1);
      assertThat(d2.stat(D2Stats.UPDATE_SENT)).isEqualTo(1);
      assertThat(d2.stat(D2Stats.UPDATE_TCP)).isEqualTo(1);
      assertThat(d2.stat(D2Stats.UPDATE_SUCCESS)).isEqualTo(1);
    }
  }

  @Test
  void forceTcp_everyUpdateGoesOverTcp_andABadlySignedTcpReplyIsAnError() throws Exception {
    TestKey key = TestKey.random("d2j-key.", "HMAC-SHA256");
    try (FakeDnsServer dns = FakeDnsServer.start(key);
        D2Harness d2 =
            D2Harness.start(
                config(Ports.freeUdpPort(), key, dns.socketAddress(), "\"force-tcp\": true"))) {
      dns.script(Reply.badMac(0));
      d2.send(ncr(ChangeType.ADD, "forced.example.org.", "192.0.2.81", true, true));
      awaitDone(d2, 1);

      List<Received> got = dns.received();
      // A bad MAC is retried (3 tries per server), then the add and the PTR go through.
      assertThat(got).hasSize(3);
      assertThat(got).allMatch(Received::tcp);
      assertThat(d2.stat(D2Stats.UPDATE_ERROR)).isEqualTo(1);
      assertThat(d2.stat(D2Stats.UPDATE_TCP)).isEqualTo(3);
      assertThat(d2.stat(D2Stats.NCR_COMPLETED)).isEqualTo(1);
    }
  }

  @Test
  void updateOver512Octets_goesOverTcpAtOnce_aSmallOneOverUdp() throws Exception {
    // A long key name (the TSIG owner name is not compressed) and a long FQDN push the signed
    // forward add past 512 octets; d2j sends no EDNS, so it must not go out over UDP.
    String label = "k".repeat(60);
    TestKey key = TestKey.random(label + "." + label + "." + label + ".", "HMAC-SHA512");
    String longName =
        "h".repeat(60) + "." + "i".repeat(60) + "." + "j".repeat(60) + ".example.org.";
    try (FakeDnsServer dns = FakeDnsServer.start(key);
        D2Harness d2 = D2Harness.start(config(Ports.freeUdpPort(), key, dns.socketAddress(), ""))) {
      d2.send(ncr(ChangeType.ADD, longName, "192.0.2.83", true, false));
      awaitDone(d2, 1);
      d2.send(ncr(ChangeType.ADD, "short.example.org.", "192.0.2.84", false, true));
      awaitDone(d2, 2);

      List<Received> got = dns.received();
      assertThat(got).hasSize(2);
      assertThat(got.get(0).raw().length).isGreaterThan(512);
      assertThat(got.get(0).tcp()).isTrue();
      assertThat(got.get(0).tsigVerified()).isTrue();
      assertThat(got.get(1).raw().length).isLessThanOrEqualTo(512);
      assertThat(got.get(1).tcp()).isFalse();
      assertThat(d2.stat(D2Stats.UPDATE_TCP)).isEqualTo(1);
      assertThat(d2.stat(D2Stats.NCR_COMPLETED)).isEqualTo(2);
    }
  }

  @Test
  void forceTcp_noReplyOnTheConnection_isATimeout_thenRetriedOnANewConnection() throws Exception {
    TestKey key = TestKey.random("d2j-key.", "HMAC-SHA256");
    try (FakeDnsServer dns = FakeDnsServer.start(key);
        D2Harness d2 =
            D2Harness.start(
                config(Ports.freeUdpPort(), key, dns.socketAddress(), "\"force-tcp\": true"))) {
      dns.script(Reply.silent());
      long sent = System.nanoTime();
      d2.send(ncr(ChangeType.ADD, "tcpslow.example.org.", "192.0.2.85", true, false));
      awaitDone(d2, 1);

      List<Received> got = dns.received();
      assertThat(got).hasSize(2).allMatch(Received::tcp);
      assertThat(got.get(1).from()).isNotEqualTo(got.get(0).from()); // a new connection
      // The 1000 ms bound the whole first exchange, its connect included, so the retry reaches the
      // server no sooner than 1000 ms after the NCR was sent. (Measured from the first attempt's
      // arrival instead, the gap is short by however much slower the first connect was than the
      // second: more than 30 ms on a loaded host, where this test failed at 944-948 ms.)
      assertThat(Duration.ofNanos(got.get(1).nanoTime() - sent))
          .isGreaterThanOrEqualTo(Duration.ofMillis(1000));
      assertThat(d2.stat(D2Stats.UPDATE_TIMEOUT)).isEqualTo(1);
      assertThat(d2.stat(D2Stats.NCR_COMPLETED)).isEqualTo(1);
    }
  }

  @Test
  void forceTcp_againstRealBind_aBurstSharesAFewKeptOpenConnections() throws Exception {
    BindServer.assumeAvailable();
    TestKey key = TestKey.random("d2j-key.", "HMAC-SHA256");
    int n = 30;
    // One step per UPDATE, so the burst is 60 exchanges; batched, it would be a handful.
    try (BindServer bind = BindServer.start(key);
        D2Harness d2 =
            D2Harness.start(
                config(
                    Ports.freeUdpPort(),
                    key,
                    bind.socketAddress(),
                    "\"force-tcp\": true, \"max-names-per-update\": 1"))) {
      for (int i = 0; i < n; i++) {
        // Distinct DHCIDs, so the transactions run at once and their UPDATEs overlap.
        d2.send(
            NameChangeRequest.builder()
                .type(ChangeType.ADD)
                .fqdn("burst" + i + ".example.org.")
                .address("192.0.2." + (100 + i))
                .dhcid(String.format("0001%02x020304", i))
                .forward(true)
                .reverse(true)
                .leaseLength(600)
                .build());
      }
      awaitDone(d2, n);
      assertThat(d2.stat(D2Stats.NCR_COMPLETED)).isEqualTo(n);
      assertThat(bind.query("burst29.example.org.", Type.A)).hasSize(1);
      assertThat(bind.query("129.2.0.192.in-addr.arpa.", Type.PTR)).hasSize(1);
      long exchanges = d2.stat(D2Stats.UPDATE_TCP);
      assertThat(exchanges).isGreaterThanOrEqualTo(2L * n);
      // One connection per exchange before; now one per server, replaced only after a time-out,
      // an ID clash or an idle pause.
      assertThat(d2.stat(D2Stats.UPDATE_TCP_CONNECTIONS)).isBetween(1L, exchanges / 10);
    }
  }

  @Test
  void forceTcp_againstRealBind_addThenRemove() throws Exception {
    BindServer.assumeAvailable();
    TestKey key = TestKey.random("d2j-key.", "HMAC-SHA256");
    try (BindServer bind = BindServer.start(key);
        D2Harness d2 =
            D2Harness.start(
                config(Ports.freeUdpPort(), key, bind.socketAddress(), "\"force-tcp\": true"))) {
      d2.send(ncr(ChangeType.ADD, "bindtcp.example.org.", "192.0.2.82", true, true));
      awaitDone(d2, 1);
      assertThat(bind.query("bindtcp.example.org.", Type.A)).hasSize(1);
      assertThat(bind.query("82.2.0.192.in-addr.arpa.", Type.PTR)).hasSize(1);

      d2.send(ncr(ChangeType.REMOVE, "bindtcp.example.org.", "192.0.2.82", true, true));
      awaitDone(d2, 2);
      assertThat(bind.query("bindtcp.example.org.", Type.A)).isEmpty();
      assertThat(bind.query("82.2.0.192.in-addr.arpa.", Type.PTR)).isEmpty();
      assertThat(d2.stat(D2Stats.NCR_COMPLETED)).isEqualTo(2);
      assertThat(d2.stat(D2Stats.UPDATE_SENT)).isGreaterThanOrEqualTo(4);
      assertThat(d2.stat(D2Stats.UPDATE_TCP)).isEqualTo(d2.stat(D2Stats.UPDATE_SENT));
      assertThat(d2.stat(D2Stats.UPDATE_SUCCESS)).isEqualTo(d2.stat(D2Stats.UPDATE_SENT));
    }
  }
}
