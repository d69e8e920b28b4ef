package io.d2j.d2.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.d2.stats.D2Stats;
import io.d2j.ncr.ChangeType;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.testkit.Await;
import io.d2j.testkit.BindServer;
import io.d2j.testkit.Ports;
import io.d2j.testkit.TestKey;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * DNS outages (issue 4): an NCR whose domain has no server answering waits and is retried instead
 * of being discarded (Kea gives up after three tries per server), and a domain that is down holds
 * back no other domain's NCRs.
 *
 * <p>The minute-long outage the issue asks for runs on virtual time in {@code
 * DispatcherTest.aMinuteLongOutage_everyNcrIsAppliedAfterwards}; here a real BIND is stopped for
 * {@value #DEFAULT_OUTAGE_S} s, long enough for every NCR sent meanwhile to time out and wait, so
 * that what is tested is the real I/O: time-outs on a dead port, recovery when named is back.
 * {@code -Dd2j.outage.seconds=N} lengthens it.
 */
class DnsOutageIT {

  private static final int DEFAULT_OUTAGE_S = 5;
  private static final String OUTAGE_PROPERTY = "d2j.outage.seconds";

  private static String server(InetSocketAddress a) {
    return "{ \"ip-address\": \""
        + a.getAddress().getHostAddress()
        + "\", \"port\": "
        + a.getPort()
        + " }";
  }

  private static String config(
      int port, TestKey key, String forwardServer, String reverseServer, String d2j) {
    return """
        { "DhcpDdns": { "port": %d, "dns-server-timeout": 200, "tsig-keys": [ %s ],
            "user-context": { "d2j": { %s } },
            "forward-ddns": { "ddns-domains": [
              { "name": "example.org.", "key-name": "%s", "dns-servers": [ %s ] } ] },
            "reverse-ddns": { "ddns-domains": [
              { "name": "2.0.192.in-addr.arpa.", "key-name": "%s", "dns-servers": [ %s ] } ] } } }
        """
        .formatted(port, key.keaJson(), d2j, key.name(), forwardServer, key.name(), reverseServer);
  }

  private static NameChangeRequest ncr(
      String fqdn, String ip, String dhcid, boolean forward, boolean reverse) {
    return NameChangeRequest.builder()
        .type(ChangeType.ADD)
        .fqdn(fqdn)
        .address(ip)
        .dhcid(dhcid)
        .forward(forward)
        .reverse(reverse)
        .leaseLength(600)
        .build();
  }

  @Test
  void domainDown_doesNotHoldBackAnotherDomain_evenWithOneTransactionSlot() throws Exception {
    TestKey key = TestKey.random("d2j-key.", "HMAC-SHA256");
    BindServer.assumeAvailable();
    try (BindServer bind = BindServer.start(key);
        DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        D2Harness d2 =
            D2Harness.start(
                config(
                    Ports.freeUdpPort(),
                    key,
                    server((InetSocketAddress) silent.getLocalSocketAddress()),
                    server(bind.socketAddress()),
                    "\"max-transactions\": 1, \"retry\": { \"initial-ms\": 60000 }"))) {
      d2.send(ncr("down.example.org.", "192.0.2.70", "000101010101", true, false));
      Await.until(
          Duration.ofSeconds(20),
          "the forward NCR to wait for a retry",
          () -> d2.stat(D2Stats.NCR_RETRY_SCHEDULED) == 1);
      d2.send(ncr("up.example.org.", "192.0.2.71", "000102020202", false, true));
      Await.until(
          Duration.ofSeconds(20),
          "the reverse NCR to complete",
          () -> d2.stat(D2Stats.NCR_COMPLETED) == 1);
      assertThat(bind.query("71.2.0.192.in-addr.arpa.", Type.PTR)).hasSize(1);
      assertThat(d2.stat(D2Stats.NCR_FAILED)).isZero();
      assertThat(d2.backlog().waitingByDomain())
          .containsExactlyEntriesOf(java.util.Map.of("example.org.", 1));
    }
  }

  @Test
  void bindStoppedMidRun_thenStartedAgain_everyNcrIsApplied() throws Exception {
    int outageSeconds = Integer.getInteger(OUTAGE_PROPERTY, DEFAULT_OUTAGE_S);
    int total = 40;
    TestKey key = TestKey.random("d2j-key.", "HMAC-SHA256");
    BindServer.assumeAvailable();
    try (BindServer bind = BindServer.start(key);
        D2Harness d2 =
            D2Harness.start(
                config(
                    Ports.freeUdpPort(),
                    key,
                    server(bind.socketAddress()),
                    server(bind.socketAddress()),
                    "\"retry\": { \"initial-ms\": 250, \"max-ms\": 2000 }"))) {
      List<String> names = new ArrayList<>();
      for (int i = 0; i < total; i++) {
        names.add("outage" + i + ".example.org.");
      }
      for (int i = 0; i < total / 4; i++) {
        d2.send(
            ncr(names.get(i), "192.0.2." + (100 + i), String.format("0001%08x", i), true, true));
      }
      Await.until(
          Duration.ofSeconds(30),
          "the first quarter applied",
          () -> d2.stat(D2Stats.NCR_COMPLETED) == total / 4);

      bind.stop();
      for (int i = total / 4; i < total; i++) {
        d2.send(
            ncr(names.get(i), "192.0.2." + (100 + i), String.format("0001%08x", i), true, true));
      }
      Await.until(
          Duration.ofSeconds(30),
          "NCRs waiting out the outage",
          () -> d2.stat(D2Stats.NCR_RETRY_SCHEDULED) >= 1);
      // The outage itself: its length is the scenario, not a synchronisation.
      Thread.sleep(Duration.ofSeconds(outageSeconds).toMillis());
      assertThat(d2.stat(D2Stats.NCR_COMPLETED)).isEqualTo(total / 4);
      bind.restart();

      Await.until(
          Duration.ofSeconds(60),
          "every NCR applied after the outage",
          () -> d2.stat(D2Stats.NCR_COMPLETED) == total);
      d2.awaitIdle();
      assertThat(d2.stat(D2Stats.NCR_FAILED)).isZero();
      assertThat(d2.stat(D2Stats.NCR_GIVEN_UP)).isZero();
      for (int i = 0; i < total; i++) {
        assertThat(bind.query(names.get(i), Type.A)).as(names.get(i)).hasSize(1);
        assertThat(bind.query((100 + i) + ".2.0.192.in-addr.arpa.", Type.PTR))
            .as("PTR of " + names.get(i))
            .hasSize(1);
      }
    }
  }
}
