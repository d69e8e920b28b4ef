package io.d2j.d2.scenario;

import static io.d2j.d2.scenario.Scenarios.DHCID_X;
import static io.d2j.d2.scenario.Scenarios.ncr;
import static io.d2j.d2.scenario.Scenarios.sendAndSettle;
import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.d2.it.D2Harness;
import io.d2j.d2.stats.D2Stats;
import io.d2j.ncr.ChangeType;
import io.d2j.ncr.ConflictResolutionMode;
import io.d2j.testkit.FakeDnsServer;
import io.d2j.testkit.Ports;
import io.d2j.testkit.Received;
import io.d2j.testkit.TestKey;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * DNS servers configured by IPv6 address (§5.5): the UPDATE goes over IPv6, signed and verified.
 */
class Ipv6ServerScenariosIT {

  @Test
  void dnsServerOnIpv6Loopback_receivesTheSignedUpdate_andItsSignedAnswerIsAccepted()
      throws Exception {
    TestKey key = TestKey.random("d2j-key.", "HMAC-SHA256");
    try (FakeDnsServer dns =
            FakeDnsServer.startOn(InetAddress.getByName("::1"), Clock.systemUTC(), key);
        D2Harness d2 =
            D2Harness.start(
                ScenarioConfig.create()
                    .key(key)
                    .forward("example.org.", key.name(), ScenarioConfig.server(dns.socketAddress()))
                    .json(Ports.freeUdpPort()))) {
      sendAndSettle(
          d2,
          ncr(
              ChangeType.ADD,
              "v6server.example.org.",
              "192.0.2.66",
              DHCID_X,
              ConflictResolutionMode.CHECK_WITH_DHCID,
              true,
              false));
      assertThat(d2.stat(D2Stats.NCR_COMPLETED)).isEqualTo(1);
      assertThat(d2.stat(D2Stats.UPDATE_ERROR)).isZero();
      Received update = dns.received().get(0);
      assertThat(update.from().getAddress()).isInstanceOf(Inet6Address.class);
      assertThat(update.tsigKeyName()).contains("d2j-key.");
      assertThat(update.tsigVerified()).isTrue();
    }
  }
}
