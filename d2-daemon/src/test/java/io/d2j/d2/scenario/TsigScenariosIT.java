package io.d2j.d2.scenario;

import static io.d2j.d2.scenario.ScenarioConfig.server;
import static io.d2j.d2.scenario.Scenarios.DHCID_X;
import static io.d2j.d2.scenario.Scenarios.ncr;
import static io.d2j.d2.scenario.Scenarios.sendAndSettle;
import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.d2.it.D2Harness;
import io.d2j.d2.stats.D2Stats;
import io.d2j.ncr.ChangeType;
import io.d2j.ncr.ConflictResolutionMode;
import io.d2j.testkit.BindServer;
import io.d2j.testkit.FakeDnsServer;
import io.d2j.testkit.FakeDnsServer.Reply;
import io.d2j.testkit.Ports;
import io.d2j.testkit.Received;
import io.d2j.testkit.TestKey;
import io.d2j.testkit.TestZones;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * d2-behaviour.md §17 scenario 26 (§7.3, §14.1): every UPDATE signed with the configured key, a
 * reply that does not verify is an {@code update-error} and is retried, the server's key wins over
 * the domain's. BIND decides what it accepts; the fake supplies the broken replies.
 */
class TsigScenariosIT {

  private static final String[] ALGORITHMS = {
    "HMAC-MD5", "HMAC-SHA1", "HMAC-SHA224", "HMAC-SHA256", "HMAC-SHA384", "HMAC-SHA512"
  };
  private static BindServer bind;

  @BeforeAll
  static void startBind() throws Exception {
    BindServer.assumeAvailable();
    TestKey[] keys = new TestKey[ALGORITHMS.length];
    for (int i = 0; i < keys.length; i++) {
      keys[i] =
          TestKey.random(
              "k-" + ALGORITHMS[i].toLowerCase(java.util.Locale.ROOT) + ".", ALGORITHMS[i]);
    }
    bind = BindServer.start(keys);
  }

  @AfterAll
  static void stopBind() {
    if (bind != null) {
      bind.close();
    }
  }

  private static TestKey keyFor(String algorithm) {
    return bind.keys().stream()
        .filter(k -> k.keaAlgorithm().equals(algorithm))
        .findFirst()
        .orElseThrow();
  }

  @ParameterizedTest(name = "scenario26 {0} signs as {1}")
  @CsvSource({
    "HMAC-MD5, hmac-md5.sig-alg.reg.int.",
    "HMAC-SHA1, hmac-sha1.",
    "HMAC-SHA224, hmac-sha224.",
    "HMAC-SHA256, hmac-sha256.",
    "HMAC-SHA384, hmac-sha384.",
    "HMAC-SHA512, hmac-sha512."
  })
  void scenario26_everyUpdateSignedWithTheConfiguredAlgorithmAndDotTerminatedKeyName(
      String algorithm, String wireAlgorithm) throws Exception {
    TestKey key = keyFor(algorithm);
    String undotted = key.name().substring(0, key.name().length() - 1);
    try (FakeDnsServer relay =
            FakeDnsServer.start(key).otherwise(Reply.relayTo(bind.socketAddress()));
        D2Harness d2 =
            D2Harness.start(
                ScenarioConfig.create()
                    .keyJson(
                        "{ \"name\": \""
                            + undotted
                            + "\", \"algorithm\": \""
                            + algorithm.toLowerCase(java.util.Locale.ROOT)
                            + "\", \"secret\": \""
                            + key.secretBase64()
                            + "\" }")
                    .forward(TestZones.FORWARD, undotted, server(relay.socketAddress()))
                    .reverse(TestZones.REVERSE_V4, undotted, server(relay.socketAddress()))
                    .json(Ports.freeUdpPort()))) {
      String fqdn = "s26-" + undotted + ".example.org.";
      sendAndSettle(d2, Scenarios.add(fqdn, "192.0.2.126", DHCID_X));

      List<Received> sent = relay.received();
      assertThat(sent).hasSize(2);
      for (Received r : sent) {
        assertThat(r.tsigKeyName()).contains(key.name());
        assertThat(r.tsigAlgorithm()).contains(wireAlgorithm);
        assertThat(r.tsigVerified()).isTrue();
      }
      assertThat(d2.stat(D2Stats.NCR_COMPLETED)).isEqualTo(1);
      assertThat(d2.stat(D2Stats.perKey(key.name(), D2Stats.UPDATE_SUCCESS))).isEqualTo(2);
      assertThat(bind.query(fqdn, Type.A)).hasSize(1);
    }
  }

  static Stream<Arguments> unusableReplies() {
    return Stream.of(
        Arguments.of("unsigned", Reply.unsigned(Rcode.NOERROR)),
        Arguments.of("bad MAC", Reply.badMac(Rcode.NOERROR)),
        // Its own ID, then nothing a DNS header could be (replies are routed by ID; garbage with
        // an ID nobody waits for is ignored: dns.DnsUpdateClientIT).
        Arguments.of("garbage", Reply.garbageAfterId(new byte[] {0x00})),
        Arguments.of("QR clear", Reply.notAResponse(Rcode.NOERROR)),
        Arguments.of("wrong opcode", Reply.wrongOpcode(Rcode.NOERROR)));
  }

  @ParameterizedTest(name = "scenario26 {0} reply")
  @MethodSource("unusableReplies")
  void scenario26_unusableReply_countsAsUpdateErrorAndIsRetriedWithANewId(String what, Reply reply)
      throws Exception {
    TestKey key = keyFor("HMAC-SHA256");
    try (FakeDnsServer dns = FakeDnsServer.start(key);
        D2Harness d2 =
            D2Harness.start(
                ScenarioConfig.create()
                    .key(key)
                    .forward(TestZones.FORWARD, key.name(), server(dns.socketAddress()))
                    .json(Ports.freeUdpPort()))) {
      dns.script(reply, reply).otherwise(Reply.relayTo(bind.socketAddress()));
      String fqdn = "s26-" + what.replace(' ', '-') + ".example.org.";
      sendAndSettle(
          d2,
          ncr(
              ChangeType.ADD,
              fqdn,
              "192.0.2.127",
              DHCID_X,
              ConflictResolutionMode.CHECK_WITH_DHCID,
              true,
              false));

      assertThat(dns.received()).hasSize(3).extracting(Received::id).doesNotHaveDuplicates();
      assertThat(d2.stat(D2Stats.UPDATE_ERROR)).isEqualTo(2);
      assertThat(d2.stat(D2Stats.perKey(key.name(), D2Stats.UPDATE_ERROR))).isEqualTo(2);
      assertThat(d2.stat(D2Stats.UPDATE_SUCCESS)).isEqualTo(1);
      assertThat(d2.stat(D2Stats.NCR_COMPLETED)).isEqualTo(1);
      assertThat(bind.query(fqdn, Type.A)).hasSize(1);
    }
  }

  @Test
  void scenario26_replyWithTheWrongIdFirst_isIgnoredWithinTheSameAttempt() throws Exception {
    TestKey key = keyFor("HMAC-SHA256");
    try (FakeDnsServer dns = FakeDnsServer.start(key);
        D2Harness d2 =
            D2Harness.start(
                ScenarioConfig.create()
                    .key(key)
                    .forward(TestZones.FORWARD, key.name(), server(dns.socketAddress()))
                    .json(Ports.freeUdpPort()))) {
      dns.otherwise(Reply.wrongIdThen(Rcode.NOERROR));
      sendAndSettle(
          d2,
          ncr(
              ChangeType.ADD,
              "s26-id.example.org.",
              "192.0.2.128",
              DHCID_X,
              ConflictResolutionMode.CHECK_WITH_DHCID,
              true,
              false));
      assertThat(dns.received()).hasSize(1);
      assertThat(d2.stat(D2Stats.UPDATE_ERROR)).isZero();
      assertThat(d2.stat(D2Stats.UPDATE_SENT)).isEqualTo(1);
      assertThat(d2.stat(D2Stats.NCR_COMPLETED)).isEqualTo(1);
    }
  }

  @Test
  void scenario26_serverKeyOverridesTheDomainKey() throws Exception {
    TestKey serverKey = keyFor("HMAC-SHA384");
    // The domain's key is one BIND does not know: only the server's key can get the add through.
    TestKey domainKey = TestKey.random("domain-key.", "HMAC-SHA256");
    try (FakeDnsServer relay =
            FakeDnsServer.start(serverKey).otherwise(Reply.relayTo(bind.socketAddress()));
        D2Harness d2 =
            D2Harness.start(
                ScenarioConfig.create()
                    .key(domainKey)
                    .key(serverKey)
                    .forward(
                        TestZones.FORWARD,
                        domainKey.name(),
                        server(relay.socketAddress(), serverKey.name()))
                    .json(Ports.freeUdpPort()))) {
      sendAndSettle(
          d2,
          ncr(
              ChangeType.ADD,
              "s26-override.example.org.",
              "192.0.2.129",
              DHCID_X,
              ConflictResolutionMode.CHECK_WITH_DHCID,
              true,
              false));
      assertThat(relay.received())
          .singleElement()
          .satisfies(r -> assertThat(r.tsigKeyName()).contains(serverKey.name()));
      assertThat(d2.stat(D2Stats.perKey(serverKey.name(), D2Stats.UPDATE_SENT))).isEqualTo(1);
      assertThat(d2.stat(D2Stats.perKey(domainKey.name(), D2Stats.UPDATE_SENT))).isZero();
      assertThat(bind.query("s26-override.example.org.", Type.A)).hasSize(1);
    }
  }
}
