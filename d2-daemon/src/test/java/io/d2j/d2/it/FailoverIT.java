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
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * Server selection against real peers: a silent first server (a bound socket nobody reads), a BIND
 * that rejects our signature, a BIND that refuses unsigned updates.
 */
class FailoverIT {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @BeforeEach
  void needsBind() {
    BindServer.assumeAvailable();
  }

  private static String config(int port, String keys, String keyName, String servers) {
    return """
        { "DhcpDdns": { "port": %d, "dns-server-timeout": 200, "tsig-keys": [ %s ],
            "forward-ddns": { "ddns-domains": [
              { "name": "example.org.", "key-name": "%s", "dns-servers": [ %s ] } ] } } }
        """
        .formatted(port, keys, keyName, servers);
  }

  private static String server(InetAddress address, int port) {
    return "{ \"ip-address\": \"" + address.getHostAddress() + "\", \"port\": " + port + " }";
  }

  private static NameChangeRequest add(String fqdn, String ip) {
    return NameChangeRequest.builder()
        .type(ChangeType.ADD)
        .fqdn(fqdn)
        .address(ip)
        .dhcid("000101020304")
        .forward(true)
        .reverse(false)
        .leaseLength(600)
        .build();
  }

  @Test
  void silentFirstServer_threeTimeoutsThenTheNextServer() throws Exception {
    TestKey key = TestKey.random("d2j-key.", "HMAC-SHA256");
    try (BindServer bind = BindServer.start(key);
        DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        D2Harness d2 =
            D2Harness.start(
                config(
                    Ports.freeUdpPort(),
                    key.keaJson(),
                    key.name(),
                    server(silent.getLocalAddress(), silent.getLocalPort())
                        + ", "
                        + server(bind.address(), bind.port())))) {
      d2.send(add("failover.example.org.", "192.0.2.60"));
      Await.until(
          WAIT,
          "A via the second server",
          () -> !bind.query("failover.example.org.", Type.A).isEmpty());
      d2.awaitIdle();
      assertThat(d2.stat(D2Stats.UPDATE_TIMEOUT)).isEqualTo(3);
      assertThat(d2.stat(D2Stats.UPDATE_SUCCESS)).isEqualTo(1);
      assertThat(d2.stat(D2Stats.UPDATE_SENT)).isEqualTo(4);
      assertThat(d2.stat(D2Stats.perKey("d2j-key.", D2Stats.UPDATE_TIMEOUT))).isEqualTo(3);
      assertThat(d2.stat(D2Stats.NCR_COMPLETED)).isEqualTo(1);
    }
  }

  @Test
  void replyWhoseTsigDoesNotVerify_isAnErrorRetriedThenGivenUp() throws Exception {
    TestKey bindKey = TestKey.random("d2j-key.", "HMAC-SHA256");
    // Same key name, another secret: BIND answers NOTAUTH with TSIG error BADSIG.
    TestKey wrong = TestKey.random("d2j-key.", "HMAC-SHA256");
    try (BindServer bind = BindServer.start(bindKey);
        D2Harness d2 =
            D2Harness.start(
                config(
                    Ports.freeUdpPort(),
                    wrong.keaJson(),
                    wrong.name(),
                    server(bind.address(), bind.port())))) {
      d2.send(add("badsig.example.org.", "192.0.2.61"));
      Await.until(WAIT, "the NCR to fail", () -> d2.stat(D2Stats.NCR_FAILED) == 1);
      assertThat(d2.stat(D2Stats.UPDATE_ERROR)).isEqualTo(3);
      assertThat(d2.stat(D2Stats.UPDATE_SUCCESS)).isZero();
      assertThat(bind.query("badsig.example.org.", Type.A)).isEmpty();
    }
  }

  @Test
  void unsignedUpdate_refusedByBind_failsAtOnceWithoutRetry() throws Exception {
    TestKey key = TestKey.random("d2j-key.", "HMAC-SHA256");
    try (BindServer bind = BindServer.start(key);
        D2Harness d2 =
            D2Harness.start(
                """
                { "DhcpDdns": { "port": %d, "dns-server-timeout": 200,
                    "forward-ddns": { "ddns-domains": [
                      { "name": "example.org.", "dns-servers": [ %s ] } ] } } }
                """
                    .formatted(Ports.freeUdpPort(), server(bind.address(), bind.port())))) {
      d2.send(add("unsigned.example.org.", "192.0.2.62"));
      Await.until(WAIT, "the NCR to fail", () -> d2.stat(D2Stats.NCR_FAILED) == 1);
      assertThat(d2.stat(D2Stats.UPDATE_SENT)).isEqualTo(1);
      assertThat(d2.stat(D2Stats.UPDATE_UNSIGNED)).isEqualTo(1);
      // Kea counts an answered REFUSED as update-success; so do we.
      assertThat(d2.stat(D2Stats.UPDATE_SUCCESS)).isEqualTo(1);
      assertThat(bind.query("unsigned.example.org.", Type.A)).isEmpty();
    }
  }
}
