package io.d2j.d2.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.d2.stats.D2Stats;
import io.d2j.testkit.Await;
import io.d2j.testkit.BindServer;
import io.d2j.testkit.TestKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Type;

/**
 * Each bad datagram is counted in ncr-invalid and the daemon keeps serving: the valid NCR sent
 * right after it is applied. Kea 2.2's D2 exits on the length-prefixed array {@code \0\5[1,2]}.
 */
class BadDatagramIT {

  private static BindServer bind;
  private static D2Harness d2;
  private static int sequence;

  @BeforeAll
  static void start() throws Exception {
    BindServer.assumeAvailable();
    TestKey key = TestKey.random("d2j-key.", "HMAC-SHA256");
    bind = BindServer.start(key);
    d2 = D2Harness.start(bind, key);
  }

  @AfterAll
  static void stop() {
    if (d2 != null) {
      d2.close();
    }
    if (bind != null) {
      bind.close();
    }
  }

  private static byte[] framed(String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[body.length + 2];
    out[0] = (byte) (body.length >> 8);
    out[1] = (byte) body.length;
    System.arraycopy(body, 0, out, 2, body.length);
    return out;
  }

  private static String valid(String fqdn, String ip) {
    return "{\"change-type\":0,\"forward-change\":true,\"reverse-change\":false,\"fqdn\":\""
        + fqdn
        + "\",\"ip-address\":\""
        + ip
        + "\",\"dhcid\":\"000101020304\",\"lease-expires-on\":\"20300101000000\","
        + "\"lease-length\":1200,\"use-conflict-resolution\":true}";
  }

  private static byte[] truncated() {
    byte[] f = framed(valid("t.example.org.", "192.0.2.1"));
    return java.util.Arrays.copyOf(f, f.length - 10);
  }

  private static byte[] trailing() {
    byte[] f = framed(valid("t.example.org.", "192.0.2.1"));
    return java.util.Arrays.copyOf(f, f.length + 3);
  }

  static Stream<Arguments> badDatagrams() {
    return Stream.of(
        Arguments.of("empty datagram", new byte[0]),
        Arguments.of("one octet", new byte[] {0}),
        Arguments.of("length only", new byte[] {0, 5}),
        Arguments.of("truncated body", truncated()),
        Arguments.of("body longer than its length", trailing()),
        Arguments.of(
            "JSON without the length prefix",
            valid("t.example.org.", "192.0.2.1").getBytes(StandardCharsets.UTF_8)),
        Arguments.of("JSON array (Kea 2.2 exits)", new byte[] {0, 5, '[', '1', ',', '2', ']'}),
        Arguments.of("JSON number", framed("42")),
        Arguments.of("JSON string", framed("\"ncr\"")),
        Arguments.of("JSON null", framed("null")),
        Arguments.of("not JSON", framed("change-type=0")),
        Arguments.of("unterminated object", framed("{\"change-type\":0,")),
        Arguments.of(
            "missing fqdn",
            framed(
                valid("t.example.org.", "192.0.2.1").replace("\"fqdn\":\"t.example.org.\",", ""))),
        Arguments.of(
            "change-type 2",
            framed(
                valid("t.example.org.", "192.0.2.1")
                    .replace("\"change-type\":0", "\"change-type\":2"))),
        Arguments.of(
            "change-type as string",
            framed(
                valid("t.example.org.", "192.0.2.1")
                    .replace("\"change-type\":0", "\"change-type\":\"0\""))),
        Arguments.of(
            "boolean as string",
            framed(
                valid("t.example.org.", "192.0.2.1")
                    .replace("\"forward-change\":true", "\"forward-change\":\"true\""))),
        Arguments.of(
            "both directions false",
            framed(
                valid("t.example.org.", "192.0.2.1")
                    .replace("\"forward-change\":true", "\"forward-change\":false"))),
        Arguments.of("bad ip", framed(valid("t.example.org.", "192.0.2.300"))),
        Arguments.of("host name as ip", framed(valid("t.example.org.", "localhost"))),
        Arguments.of(
            "odd dhcid",
            framed(valid("t.example.org.", "192.0.2.1").replace("000101020304", "00010"))),
        Arguments.of(
            "empty dhcid",
            framed(valid("t.example.org.", "192.0.2.1").replace("000101020304", ""))),
        Arguments.of(
            "negative lease-length",
            framed(valid("t.example.org.", "192.0.2.1").replace("1200", "-1"))),
        Arguments.of(
            "lease-length too large",
            framed(valid("t.example.org.", "192.0.2.1").replace("1200", "4294967296"))),
        Arguments.of(
            "bad date",
            framed(valid("t.example.org.", "192.0.2.1").replace("20300101000000", "2030-01-01"))),
        Arguments.of("empty fqdn", framed(valid("", "192.0.2.1"))),
        Arguments.of("empty label", framed(valid("a..example.org.", "192.0.2.1"))),
        Arguments.of(
            "label too long", framed(valid("a".repeat(64) + ".example.org.", "192.0.2.1"))),
        Arguments.of(
            "unknown mode",
            framed(
                valid("t.example.org.", "192.0.2.1")
                    .replace(
                        "\"use-conflict-resolution\":true",
                        "\"conflict-resolution-mode\":\"sometimes\""))),
        Arguments.of("binary garbage", new byte[] {0, 4, (byte) 0xff, (byte) 0xfe, 0, 1}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badDatagrams")
  void badDatagram_isCountedAndTheNextValidNcrStillSucceeds(String what, byte[] datagram)
      throws Exception {
    long invalidBefore = d2.stat(D2Stats.NCR_INVALID);
    long receivedBefore = d2.stat(D2Stats.NCR_RECEIVED);
    d2.sendRaw(datagram);
    Await.until(
        Duration.ofSeconds(10),
        what + " counted",
        () -> d2.stat(D2Stats.NCR_INVALID) == invalidBefore + 1);
    assertThat(d2.stat(D2Stats.NCR_RECEIVED)).isEqualTo(receivedBefore);

    String fqdn = "after" + (++sequence) + ".example.org.";
    d2.sendRaw(framed(valid(fqdn, "192.0.2." + (100 + sequence))));
    Await.until(
        Duration.ofSeconds(20), fqdn + " in DNS", () -> !bind.query(fqdn, Type.A).isEmpty());
  }
}
