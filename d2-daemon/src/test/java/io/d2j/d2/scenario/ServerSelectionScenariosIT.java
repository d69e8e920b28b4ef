package io.d2j.d2.scenario;

import static io.d2j.d2.scenario.ScenarioConfig.server;
import static io.d2j.d2.scenario.Scenarios.DHCID_X;
import static io.d2j.d2.scenario.Scenarios.add;
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
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * d2-behaviour.md §17 scenarios 23-25 (§7.3): retries, failover and hard RCODEs; for scenario 24,
 * d2j's retry of an NCR whose every server is silent (issue 4). Silence and SERVFAIL/NOTAUTH on
 * demand need the fake server; the server that finally answers is a real BIND.
 */
class ServerSelectionScenariosIT {

  private static final int TIMEOUT_MS = 300;
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

  private static D2Harness d2(String... servers) throws Exception {
    return d2With("", servers);
  }

  /** With d2j settings ({@code user-context.d2j} members) as well. */
  private static D2Harness d2With(String d2j, String... servers) throws Exception {
    TestKey key = bind.key();
    return D2Harness.start(
        ScenarioConfig.create()
            .d2j(d2j)
            .key(key)
            .timeoutMs(TIMEOUT_MS)
            .forward(TestZones.FORWARD, key.name(), servers)
            .reverse(TestZones.REVERSE_V4, key.name(), servers)
            .json(Ports.freeUdpPort()));
  }

  @Test
  void scenario23_silentFirstServer_threeSendsOneTimeoutApartWithNewIds_thenTheSecondServer()
      throws Exception {
    try (FakeDnsServer silent = FakeDnsServer.start(bind.key()).otherwise(Reply.silent());
        FakeDnsServer second =
            FakeDnsServer.start(bind.key()).otherwise(Reply.relayTo(bind.socketAddress()));
        D2Harness d2 = d2(server(silent.socketAddress()), server(second.socketAddress()))) {
      sendAndSettle(
          d2,
          Scenarios.ncr(
              io.d2j.ncr.ChangeType.ADD,
              "s23.example.org.",
              "192.0.2.23",
              DHCID_X,
              io.d2j.ncr.ConflictResolutionMode.CHECK_WITH_DHCID,
              true,
              false));

      List<Received> tries = silent.received();
      assertThat(tries).hasSize(3);
      assertThat(tries).extracting(Received::id).doesNotHaveDuplicates();
      assertThat(tries)
          .extracting(Scenarios::describe)
          .containsOnly(Scenarios.describe(tries.get(0)));
      Duration t = Duration.ofMillis(TIMEOUT_MS);
      for (int i = 1; i < 3; i++) {
        assertThat(tries.get(i).since(tries.get(i - 1)))
            .as("gap before try %d", i + 1)
            .isBetween(t.minusMillis(30), t.plusMillis(400));
      }
      List<Received> onSecond = second.received();
      assertThat(onSecond).hasSize(1); // the forward add, from its first step
      assertThat(onSecond.get(0).since(tries.get(2))).isGreaterThan(t.minusMillis(30));
      assertThat(Scenarios.describe(onSecond.get(0))).isEqualTo(Scenarios.describe(tries.get(0)));
      assertThat(d2.stat(D2Stats.UPDATE_TIMEOUT)).isEqualTo(3);
      assertThat(d2.stat(D2Stats.NCR_COMPLETED)).isEqualTo(1);
      assertThat(bind.query("s23.example.org.", Type.A)).hasSize(1);
    }
  }

  @Test
  void scenario24_everyServerSilent_theNcrWaitsAndIsRetried_untilAServerAnswers() throws Exception {
    TestKey key = bind.key();
    try (FakeDnsServer one =
            FakeDnsServer.start(key).otherwise(Reply.relayTo(bind.socketAddress()));
        FakeDnsServer two =
            FakeDnsServer.start(key).otherwise(Reply.relayTo(bind.socketAddress()));
        D2Harness d2 =
            D2Harness.start(
                ScenarioConfig.create()
                    .key(key)
                    .timeoutMs(TIMEOUT_MS)
                    .forward(
                        TestZones.FORWARD,
                        key.name(),
                        server(one.socketAddress()),
                        server(two.socketAddress()))
                    .reverse(
                        TestZones.REVERSE_V4,
                        key.name(),
                        server(one.socketAddress()),
                        server(two.socketAddress()))
                    .d2j("\"retry\": { \"initial-ms\": 600, \"max-ms\": 600 }")
                    .json(Ports.freeUdpPort()))) {
      // Both servers silent for the whole first round, then answering (relayed to BIND).
      one.script(Reply.silent(), Reply.silent(), Reply.silent());
      two.script(Reply.silent(), Reply.silent(), Reply.silent());
      sendAndSettle(d2, add("s24.example.org.", "192.0.2.24", DHCID_X));

      // Kea: 3 tries per server, then NO_MORE_SERVERS and the NCR is discarded. d2j parks it
      // and tries again, from the first server and the first step.
      List<Received> onOne = one.received();
      assertThat(two.received()).hasSize(3);
      assertThat(onOne).hasSize(5); // 3 silent forward adds, then the forward add and the PTR
      assertThat(Scenarios.describe(onOne.get(3))).isEqualTo(Scenarios.describe(onOne.get(0)));
      // The wait is jittered into [initial/2, initial].
      assertThat(onOne.get(3).since(two.received().get(2)))
          .isGreaterThan(Duration.ofMillis(TIMEOUT_MS + 300 - 30));
      assertThat(d2.stat(D2Stats.UPDATE_TIMEOUT)).isEqualTo(6);
      assertThat(d2.stat(D2Stats.NCR_RETRY_SCHEDULED)).isEqualTo(1);
      assertThat(d2.stat(D2Stats.NCR_FAILED)).isZero();
      assertThat(d2.stat(D2Stats.NCR_GIVEN_UP)).isZero();
      assertThat(d2.stat(D2Stats.NCR_COMPLETED)).isEqualTo(1);
      assertThat(bind.query("s24.example.org.", Type.A)).hasSize(1);
      assertThat(bind.query("24.2.0.192.in-addr.arpa.", Type.PTR)).hasSize(1);
    }
  }

  @Test
  void scenario24_serversSilentPastTheMaximumAge_theNcrIsGivenUpAndCounted() throws Exception {
    try (FakeDnsServer one = FakeDnsServer.start(bind.key()).otherwise(Reply.silent());
        D2Harness d2 =
            D2Harness.start(
                ScenarioConfig.create()
                    .key(bind.key())
                    .timeoutMs(100)
                    .forward(TestZones.FORWARD, bind.key().name(), server(one.socketAddress()))
                    .d2j(
                        "\"retry\": { \"initial-ms\": 200, \"max-ms\": 400,"
                            + " \"max-age-s\": 1 }")
                    .json(Ports.freeUdpPort()))) {
      sendAndSettle(
          d2,
          Scenarios.ncr(
              io.d2j.ncr.ChangeType.ADD,
              "s24old.example.org.",
              "192.0.2.124",
              DHCID_X,
              io.d2j.ncr.ConflictResolutionMode.CHECK_WITH_DHCID,
              true,
              false));

      long rounds = d2.stat(D2Stats.NCR_RETRY_SCHEDULED) + 1;
      assertThat(rounds).isGreaterThanOrEqualTo(2);
      assertThat(d2.stat(D2Stats.UPDATE_TIMEOUT)).isEqualTo(3 * rounds);
      assertThat(one.received()).hasSize((int) (3 * rounds));
      // Received at t=0 and given up only once a try fails at or after 1 s: the last round's
      // third send is at least 1 s minus its own timeout (and scheduling slack) after the first.
      assertThat(one.received().get((int) (3 * rounds) - 1).since(one.received().get(0)))
          .isGreaterThan(Duration.ofMillis(1000 - 100 - 200));
      assertThat(d2.stat(D2Stats.NCR_GIVEN_UP)).isEqualTo(1);
      assertThat(d2.stat(D2Stats.NCR_FAILED)).isEqualTo(1);
      assertThat(d2.stat(D2Stats.NCR_COMPLETED)).isZero();
    }
  }

  static Stream<Arguments> hardRcodes() {
    return Stream.of(Rcode.REFUSED, Rcode.NOTAUTH, Rcode.SERVFAIL, Rcode.NOTZONE, Rcode.FORMERR)
        .flatMap(
            rcode ->
                Stream.of(
                    Arguments.of(Rcode.string(rcode), "forward add", rcode, 1),
                    Arguments.of(Rcode.string(rcode), "reverse replace", rcode, 2)));
  }

  @ParameterizedTest(name = "scenario25 {0} on {1}")
  @MethodSource("hardRcodes")
  void scenario25_hardRcode_failsAtOnce_noRetryNoOtherServer(
      String name, String step, int rcode, int sends) throws Exception {
    try (FakeDnsServer first = FakeDnsServer.start(bind.key());
        FakeDnsServer other = FakeDnsServer.start(bind.key());
        // Kea's rule for every hard RCODE; d2j's default retries SERVFAIL later (test below).
        D2Harness d2 =
            d2With(
                "\"retry\": { \"on-servfail\": false }",
                server(first.socketAddress()),
                server(other.socketAddress()))) {
      if (sends == 2) {
        first.script(Reply.rcode(Rcode.NOERROR));
      }
      first.script(Reply.rcode(rcode));
      sendAndSettle(d2, add("s25.example.org.", "192.0.2.25", DHCID_X));

      assertThat(first.received()).hasSize(sends);
      assertThat(other.received()).isEmpty();
      assertThat(d2.stat(D2Stats.NCR_FAILED)).isEqualTo(1);
      assertThat(d2.stat(D2Stats.UPDATE_SENT)).isEqualTo(sends);
      // Kea counts any answered RCODE as update-success.
      assertThat(d2.stat(D2Stats.UPDATE_SUCCESS)).isEqualTo(sends);
    }
  }

  @Test
  void scenario25_servfail_byDefault_failsTheTransactionAtOnce_andTheNcrIsRetriedLater()
      throws Exception {
    // A server answers SERVFAIL while it starts or reloads its zones (BIND did, right after the
    // 60 s outage of DnsOutageIT): d2j keeps Kea's "no other server, no immediate retry" but lets
    // the NCR wait and try again, instead of losing it.
    try (FakeDnsServer first = FakeDnsServer.start(bind.key());
        FakeDnsServer other = FakeDnsServer.start(bind.key());
        D2Harness d2 =
            d2With(
                "\"retry\": { \"initial-ms\": 100, \"max-ms\": 200 }",
                server(first.socketAddress()),
                server(other.socketAddress()))) {
      first.script(Reply.rcode(Rcode.SERVFAIL));
      sendAndSettle(d2, add("s25sf.example.org.", "192.0.2.27", DHCID_X));

      assertThat(d2.stat(D2Stats.NCR_COMPLETED)).isEqualTo(1);
      assertThat(d2.stat(D2Stats.NCR_FAILED)).isZero();
      assertThat(d2.stat(D2Stats.NCR_RETRY_SCHEDULED)).isEqualTo(1);
      // SERVFAIL'd add, the add again after the wait, the reverse replace: all on the first server.
      assertThat(first.received()).hasSize(3);
      assertThat(other.received()).isEmpty();
    }
  }

  @Test
  void scenario25_refusedFromRealBind_unsignedUpdateFailsAtOnce() throws Exception {
    try (FakeDnsServer relay =
            FakeDnsServer.start().otherwise(Reply.relayTo(bind.socketAddress()));
        FakeDnsServer other = FakeDnsServer.start();
        D2Harness d2 =
            D2Harness.start(
                ScenarioConfig.create()
                    .forward(
                        TestZones.FORWARD,
                        null,
                        server(relay.socketAddress()),
                        server(other.socketAddress()))
                    .json(Ports.freeUdpPort()))) {
      sendAndSettle(d2, add("s25bind.example.org.", "192.0.2.26", DHCID_X));
      assertThat(relay.received()).hasSize(1);
      assertThat(relay.received().get(0).tsig()).isEmpty();
      assertThat(other.received()).isEmpty();
      assertThat(d2.stat(D2Stats.NCR_FAILED)).isEqualTo(1);
      assertThat(bind.query("s25bind.example.org.", Type.A)).isEmpty();
    }
  }
}
