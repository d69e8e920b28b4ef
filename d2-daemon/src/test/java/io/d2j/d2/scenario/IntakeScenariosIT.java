package io.d2j.d2.scenario;

import static io.d2j.d2.scenario.Scenarios.WAIT;
import static io.d2j.d2.scenario.Scenarios.awaitSettled;
import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.d2.stats.D2Stats;
import io.d2j.ncr.NcrFraming;
import io.d2j.ncr.ack.NcrAck;
import io.d2j.testkit.Await;
import io.d2j.testkit.BindServer;
import io.d2j.testkit.TestKey;
import io.d2j.testkit.TestZones;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Type;

/**
 * d2-behaviour.md §17 scenarios 1-5 (§3): NCR framing, no reply, the three sender generations,
 * validation and robustness. "No DNS traffic" is checked on the recording relay in front of BIND.
 */
class IntakeScenariosIT {

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

  /** A Kea 2.2-shaped add for {@code fqdn}, forward only, with extra members appended. */
  private static String body(String fqdn, String ip, String tail) {
    return "{\"change-type\":0,\"forward-change\":true,\"reverse-change\":false,\"fqdn\":\""
        + fqdn
        + "\",\"ip-address\":\""
        + ip
        + "\",\"dhcid\":\"000101020304\",\"lease-length\":1200"
        + tail
        + "}";
  }

  private static String kea22(String fqdn, String ip) {
    return body(
        fqdn, ip, ",\"lease-expires-on\":\"20300101000000\",\"use-conflict-resolution\":true");
  }

  /** Sends {@code datagram}, then waits until ncr-invalid reached {@code invalid}. */
  private static void sendInvalid(RelayRig rig, byte[] datagram, long invalid) throws Exception {
    rig.d2.sendRaw(datagram);
    Await.until(
        WAIT, "ncr-invalid = " + invalid, () -> rig.d2.stat(D2Stats.NCR_INVALID) == invalid);
  }

  /** A valid NCR after bad ones: it is applied, and it is the only DNS traffic there was. */
  private static void proveAliveAndSilentBefore(RelayRig rig, String fqdn) throws Exception {
    rig.d2.sendRaw(NcrFraming.frame(kea22(fqdn, "192.0.2.5")));
    awaitSettled(rig.d2, 1);
    assertThat(bind.query(fqdn, Type.A)).hasSize(1);
    assertThat(rig.sent())
        .singleElement()
        .satisfies(r -> assertThat(r.updates().get(0).getName()).hasToString(fqdn));
    assertThat(rig.d2.stat(D2Stats.NCR_RECEIVED)).isEqualTo(1);
  }

  @Test
  void scenario01_lengthPrefixedNcrIsQueued_rawJsonWithoutPrefixIsInvalidAndSendsNothing()
      throws Exception {
    try (RelayRig rig = RelayRig.start(bind)) {
      sendInvalid(
          rig, kea22("s1raw.example.org.", "192.0.2.1").getBytes(StandardCharsets.UTF_8), 1);
      assertThat(rig.d2.stat(D2Stats.NCR_RECEIVED)).isZero();
      proveAliveAndSilentBefore(rig, "s1.example.org.");
      assertThat(bind.query("s1raw.example.org.", Type.A)).isEmpty();
    }
  }

  /** Kea's §17 scenario 2 holds with d2j's ack extension turned off. */
  @Test
  void scenario02_acksOff_nothingIsEverSentBackToTheNcrSender() throws Exception {
    String key = bind.key().name();
    try (RelayRig rig =
            RelayRig.start(
                bind,
                (config, to) ->
                    config
                        .d2j("\"acks\": false")
                        .forward(TestZones.FORWARD, key, to)
                        .reverse(TestZones.REVERSE_V4, key, to));
        DatagramChannel sender = DatagramChannel.open()) {
      sender.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      sender.configureBlocking(false);
      InetSocketAddress d2 = new InetSocketAddress(InetAddress.getLoopbackAddress(), rig.d2.port);
      sender.send(ByteBuffer.wrap(NcrFraming.frame("[1,2]")), d2);
      sender.send(ByteBuffer.wrap(NcrFraming.frame(kea22("s2.example.org.", "192.0.2.2"))), d2);
      awaitSettled(rig.d2, 1);
      Await.until(WAIT, "A s2", () -> !bind.query("s2.example.org.", Type.A).isEmpty());
      assertThat(rig.d2.stat(D2Stats.NCR_INVALID)).isEqualTo(1);
      // Both datagrams were fully handled (one counted, one applied): any reply would be here.
      assertThat(sender.receive(ByteBuffer.allocate(512))).isNull();
    }
  }

  /** d2j's default (acks on, d2j's extension): only the valid NCR is answered, with its ack. */
  @Test
  void scenario02_acksOn_onlyTheValidNcrIsAnsweredWithItsAck() throws Exception {
    try (RelayRig rig = RelayRig.start(bind);
        DatagramChannel sender = DatagramChannel.open()) {
      sender.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      sender.configureBlocking(false);
      InetSocketAddress d2 = new InetSocketAddress(InetAddress.getLoopbackAddress(), rig.d2.port);
      byte[] valid = NcrFraming.frame(kea22("s2ack.example.org.", "192.0.2.3"));
      sender.send(ByteBuffer.wrap(NcrFraming.frame("[1,2]")), d2);
      sender.send(ByteBuffer.wrap(valid), d2);
      awaitSettled(rig.d2, 1);
      Await.until(WAIT, "A s2ack", () -> !bind.query("s2ack.example.org.", Type.A).isEmpty());
      ByteBuffer reply = ByteBuffer.allocate(512);
      Await.until(WAIT, "an ack", () -> receiveNow(sender, reply));
      assertThat(NcrAck.decode(java.util.Arrays.copyOf(reply.array(), reply.position())))
          .isEqualTo(NcrAck.forDatagram(valid));
      assertThat(sender.receive(ByteBuffer.allocate(512))).isNull();
      assertThat(rig.d2.stat(D2Stats.NCR_ACKED)).isEqualTo(1);
    }
  }

  private static boolean receiveNow(DatagramChannel ch, ByteBuffer into) {
    try {
      return ch.receive(into) != null;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Stream<Arguments> shapes() {
    String lease = ",\"lease-expires-on\":\"20300101000000\"";
    return Stream.of(
        Arguments.of(
            "2.2, boolean true → check-with-dhcid",
            body("s3a.example.org.", "192.0.2.31", lease + ",\"use-conflict-resolution\":true"),
            "zone example.org. prereq [s3a.example.org. 0 NONE ANY] update"
                + " [s3a.example.org. 1200 IN A 192.0.2.31,"
                + " s3a.example.org. 1200 IN DHCID AAEBAgME]"),
        Arguments.of(
            "2.2, boolean false → no-check-with-dhcid",
            body("s3b.example.org.", "192.0.2.32", lease + ",\"use-conflict-resolution\":false"),
            "zone example.org. prereq [] update [s3b.example.org. 0 ANY A,"
                + " s3b.example.org. 0 ANY DHCID, s3b.example.org. 1200 IN A 192.0.2.32,"
                + " s3b.example.org. 1200 IN DHCID AAEBAgME]"),
        Arguments.of(
            "2.6, mode string → no-check-without-dhcid",
            body(
                "s3c.example.org.",
                "192.0.2.33",
                lease + ",\"conflict-resolution-mode\":\"no-check-without-dhcid\""),
            "zone example.org. prereq [] update [s3c.example.org. 0 ANY A,"
                + " s3c.example.org. 1200 IN A 192.0.2.33]"),
        Arguments.of(
            "3.1.6+, no lease-expires-on → check-with-dhcid",
            body(
                "s3d.example.org.",
                "192.0.2.34",
                ",\"conflict-resolution-mode\":\"check-with-dhcid\""),
            "zone example.org. prereq [s3d.example.org. 0 NONE ANY] update"
                + " [s3d.example.org. 1200 IN A 192.0.2.34,"
                + " s3d.example.org. 1200 IN DHCID AAEBAgME]"),
        Arguments.of(
            "both members: the mode string wins",
            body(
                "s3e.example.org.",
                "192.0.2.35",
                lease
                    + ",\"use-conflict-resolution\":true"
                    + ",\"conflict-resolution-mode\":\"no-check-without-dhcid\""),
            "zone example.org. prereq [] update [s3e.example.org. 0 ANY A,"
                + " s3e.example.org. 1200 IN A 192.0.2.35]"));
  }

  @ParameterizedTest(name = "scenario03 {0}")
  @MethodSource("shapes")
  void scenario03_everySenderGenerationIsAcceptedAndMappedToItsMode(
      String shape, String json, String firstUpdate) throws Exception {
    try (RelayRig rig = RelayRig.start(bind)) {
      rig.d2.sendRaw(NcrFraming.frame(json));
      awaitSettled(rig.d2, 1);
      assertThat(rig.sent()).extracting(Scenarios::describe).containsExactly(firstUpdate);
      assertThat(rig.d2.stat(D2Stats.NCR_COMPLETED)).isEqualTo(1);
    }
  }

  static Stream<Arguments> invalid() {
    String ok = kea22("s4.example.org.", "192.0.2.4");
    return Stream.of(
        Arguments.of("change-type 2", ok.replace("\"change-type\":0", "\"change-type\":2")),
        Arguments.of(
            "string boolean", ok.replace("\"forward-change\":true", "\"forward-change\":\"true\"")),
        Arguments.of("odd-length dhcid", ok.replace("000101020304", "00010102030")),
        Arguments.of("empty dhcid", ok.replace("000101020304", "")),
        Arguments.of(
            "both directions false",
            ok.replace("\"forward-change\":true", "\"forward-change\":false")),
        Arguments.of("bad IP", ok.replace("192.0.2.4", "192.0.2.300")),
        Arguments.of("negative lease-length", ok.replace("1200", "-1")),
        Arguments.of("oversized lease-length", ok.replace("1200", "4294967296")),
        Arguments.of("empty fqdn", ok.replace("s4.example.org.", "")),
        Arguments.of("empty label", ok.replace("s4.example.org.", "s4..example.org.")),
        Arguments.of(
            "unknown mode",
            body("s4.example.org.", "192.0.2.4", ",\"conflict-resolution-mode\":\"sometimes\"")));
  }

  @ParameterizedTest(name = "scenario04 {0}")
  @MethodSource("invalid")
  void scenario04_invalidNcrIsCountedAndSendsNoDnsTraffic(String what, String json)
      throws Exception {
    try (RelayRig rig = RelayRig.start(bind)) {
      sendInvalid(rig, NcrFraming.frame(json), 1);
      proveAliveAndSilentBefore(rig, "s4-" + what.replace(' ', '-') + ".example.org.");
    }
  }

  @ParameterizedTest(name = "scenario05 {0}")
  @MethodSource("nonObjects")
  void scenario05_lengthPrefixedNonObjectJsonIsInvalid_andTheDaemonSurvives(String json)
      throws Exception {
    try (RelayRig rig = RelayRig.start(bind)) {
      sendInvalid(rig, NcrFraming.frame(json), 1);
      proveAliveAndSilentBefore(
          rig, "s5-" + Integer.toHexString(json.hashCode()) + ".example.org.");
    }
  }

  static Stream<String> nonObjects() {
    return Stream.of("[1,2]", "42", "\"text\"", "null", "true");
  }
}
