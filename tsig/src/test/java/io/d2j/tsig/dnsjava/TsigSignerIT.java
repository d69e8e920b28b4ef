package io.d2j.tsig.dnsjava;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.tsig.TsigAlgorithm;
import io.d2j.tsig.TsigKeySpec;
import io.d2j.tsig.TsigSecret;
import io.d2j.tsig.dnsjava.ReplyCheck.Invalid;
import io.d2j.tsig.dnsjava.ReplyCheck.Reason;
import io.d2j.tsig.dnsjava.ReplyCheck.Valid;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * Signs real UPDATEs and verifies BIND's replies: one key per algorithm with the full MAC, one per
 * algorithm declared truncated in BIND ({@code hmac-sha256-128} …) and sent truncated by us under
 * the plain name, as Kea's {@code digest-bits} does.
 */
class TsigSignerIT {
  private static final String ZONE = "tsig.test.";
  private static final Duration TIMEOUT = Duration.ofSeconds(3);
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir static Path dir;

  private static String secret;
  private static LocalNamed named;

  @BeforeAll
  static void startNamed() throws Exception {
    if (!Files.isExecutable(LocalNamed.BINARY)) {
      Assumptions.abort(
          "skipped: " + LocalNamed.BINARY + " is not installed (apt-get install bind9)");
    }
    secret = randomSecret();
    List<String> names = new ArrayList<>();
    StringBuilder clauses = new StringBuilder();
    for (TsigAlgorithm algorithm : TsigAlgorithm.values()) {
      String bindAlg = algorithm.keaName().toLowerCase(Locale.ROOT);
      names.add(fullName(algorithm));
      clauses.append(keyClause(fullName(algorithm), bindAlg, secret));
      names.add(truncatedName(algorithm));
      clauses.append(
          keyClause(truncatedName(algorithm), bindAlg + "-" + minBits(algorithm), secret));
    }
    named = LocalNamed.start(dir, ZONE, names, clauses.toString());
  }

  @AfterAll
  static void stopNamed() throws Exception {
    if (named != null) {
      named.close();
    }
  }

  @ParameterizedTest
  @EnumSource(TsigAlgorithm.class)
  void fullMac_isAcceptedAndReplyVerifies(TsigAlgorithm algorithm) throws IOException {
    TsigKeySpec key = new TsigKeySpec(fullName(algorithm), algorithm, 0, fromB64(secret));

    Valid valid = expectValid(key, "full-" + algorithm.name());

    assertThat(valid.reply().getTSIG().getSignature()).hasSize(algorithm.macBits() / 8);
  }

  @ParameterizedTest
  @EnumSource(TsigAlgorithm.class)
  void truncatedMac_underPlainName_isAcceptedAndTruncatedReplyVerifies(TsigAlgorithm algorithm)
      throws IOException {
    int bits = minBits(algorithm);
    TsigKeySpec key = new TsigKeySpec(truncatedName(algorithm), algorithm, bits, fromB64(secret));

    Valid valid = expectValid(key, "cut-" + algorithm.name());

    // BIND answers with its own configured truncation (RFC 8945 §5.3.1).
    assertThat(valid.reply().getTSIG().getSignature()).hasSize(bits / 8);
  }

  @Test
  void wrongSecret_isBadsig() throws IOException {
    TsigKeySpec key =
        new TsigKeySpec(
            fullName(TsigAlgorithm.HMAC_SHA256),
            TsigAlgorithm.HMAC_SHA256,
            0,
            fromB64(randomSecret()));

    Invalid invalid = expectInvalid(key);

    assertThat(invalid.reason()).isEqualTo(Reason.BADSIG);
    assertThat(invalid.replyOrNull().getRcode()).isEqualTo(Rcode.NOTAUTH);
  }

  @Test
  void truncatedMac_toAnUntruncatedBindKey_isBadtrunc() throws IOException {
    TsigKeySpec key =
        new TsigKeySpec(
            fullName(TsigAlgorithm.HMAC_SHA256), TsigAlgorithm.HMAC_SHA256, 128, fromB64(secret));

    Invalid invalid = expectInvalid(key);

    assertThat(invalid.reason()).isEqualTo(Reason.BADTRUNC);
    assertThat(invalid.replyOrNull().getRcode()).isEqualTo(Rcode.NOTAUTH);
  }

  @Test
  void unknownKeyName_isBadkey() throws IOException {
    TsigKeySpec key = new TsigKeySpec("nosuchkey", TsigAlgorithm.HMAC_SHA256, 0, fromB64(secret));

    Invalid invalid = expectInvalid(key);

    assertThat(invalid.reason()).isEqualTo(Reason.BADKEY);
    assertThat(invalid.replyOrNull().getRcode()).isEqualTo(Rcode.NOTAUTH);
  }

  private static Valid expectValid(TsigKeySpec key, String host) throws IOException {
    SignedRequest request = new TsigSigner(key, Clock.systemUTC()).sign(addA(host));
    ReplyCheck check = request.check(named.exchange(request.wire(), TIMEOUT));
    assertThat(check).as("%s; named log:%n%s", check, named.log()).isInstanceOf(Valid.class);
    Valid valid = (Valid) check;
    assertThat(valid.signed()).isTrue();
    assertThat(Rcode.string(valid.reply().getRcode())).isEqualTo("NOERROR");
    return valid;
  }

  private static Invalid expectInvalid(TsigKeySpec key) throws IOException {
    SignedRequest request = new TsigSigner(key, Clock.systemUTC()).sign(addA("denied"));
    ReplyCheck check = request.check(named.exchange(request.wire(), TIMEOUT));
    assertThat(check).as("%s", check).isInstanceOf(Invalid.class);
    return (Invalid) check;
  }

  private static Message addA(String host) throws IOException {
    Update update = new Update(Name.fromString(ZONE));
    String owner = host.toLowerCase(Locale.ROOT).replace('_', '-') + "." + ZONE;
    update.add(Name.fromString(owner), Type.A, 300, "192.0.2.7");
    return update;
  }

  private static String fullName(TsigAlgorithm algorithm) {
    return "full-" + algorithm.keaName().toLowerCase(Locale.ROOT) + ".";
  }

  private static String truncatedName(TsigAlgorithm algorithm) {
    return "cut-" + algorithm.keaName().toLowerCase(Locale.ROOT) + ".";
  }

  private static int minBits(TsigAlgorithm algorithm) {
    return Math.max(80, algorithm.minDigestBits());
  }

  private static String keyClause(String name, String bindAlgorithm, String secret) {
    return "key \""
        + name
        + "\" { algorithm "
        + bindAlgorithm
        + "; secret \""
        + secret
        + "\"; };\n";
  }

  private static String randomSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static TsigSecret fromB64(String b64) {
    return TsigSecret.fromBase64(b64);
  }
}
