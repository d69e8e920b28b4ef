package io.d2j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

class TestKeyTest {

  @ParameterizedTest
  @CsvSource({
    "HMAC-MD5,    HMAC-MD5,    hmac-md5,    16, HMAC-MD5.SIG-ALG.REG.INT.",
    "hmac-sha1,   HMAC-SHA1,   hmac-sha1,   20, hmac-sha1.",
    "HMAC-SHA224, HMAC-SHA224, hmac-sha224, 28, hmac-sha224.",
    "HMAC-SHA256, HMAC-SHA256, hmac-sha256, 32, hmac-sha256.",
    "Hmac-Sha384, HMAC-SHA384, hmac-sha384, 48, hmac-sha384.",
    "HMAC-SHA512, HMAC-SHA512, hmac-sha512, 64, hmac-sha512.",
  })
  void random_mapsAlgorithmNamesAndSizesTheSecretToTheDigest(
      String given, String kea, String bind, int secretBytes, String dnsName) throws IOException {
    TestKey key = TestKey.random("d2j-key.", given);

    assertThat(key.keaAlgorithm()).isEqualTo(kea);
    assertThat(key.bindAlgorithm()).isEqualTo(bind);
    assertThat(Base64.getDecoder().decode(key.secretBase64())).hasSize(secretBytes);
    assertThat(signedQueryAlgorithm(key)).isEqualToIgnoringCase(dnsName);
  }

  @Test
  void random_withSeededRandom_isRepeatable() {
    TestKey first = TestKey.random("k1.", "HMAC-SHA256", new Random(42));
    TestKey second = TestKey.random("k1.", "HMAC-SHA256", new Random(42));
    TestKey other = TestKey.random("k1.", "HMAC-SHA256", new Random(43));

    assertThat(first).isEqualTo(second);
    assertThat(other.secretBase64()).isNotEqualTo(first.secretBase64());
  }

  @Test
  void bindKeyClauseAndKeaJson_spellTheSameKeyBothWays() {
    TestKey key = new TestKey("d2j-key.", "HMAC-SHA256", "hmac-sha256", "c2VjcmV0");

    assertThat(key.bindKeyClause())
        .isEqualTo("key \"d2j-key.\" { algorithm hmac-sha256; secret \"c2VjcmV0\"; };");
    assertThat(key.keaJson())
        .isEqualTo(
            "{ \"name\": \"d2j-key.\", \"algorithm\": \"HMAC-SHA256\", \"secret\": \"c2VjcmV0\" }");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "d2j-key  | HMAC-SHA256 | hmac-sha256 | c2VjcmV0 | name: must be an absolute domain name"
            + " ending in '.' (d2j-key)",
        "d2j-key. | HMAC-SHA3   | hmac-sha3   | c2VjcmV0 | keaAlgorithm: unknown TSIG algorithm"
            + " 'HMAC-SHA3' (expected one of HMAC-MD5, HMAC-SHA1, HMAC-SHA224, HMAC-SHA256,"
            + " HMAC-SHA384, HMAC-SHA512)",
        "d2j-key. | HMAC-SHA256 | hmac-sha512 | c2VjcmV0 | bindAlgorithm: 'hmac-sha512' does not"
            + " match keaAlgorithm HMAC-SHA256 (expected 'hmac-sha256')",
        "d2j-key. | HMAC-SHA256 | hmac-sha256 | not*b64 | secretBase64: not base64 (not*b64)",
      })
  void constructor_rejectsInvalidFields(
      String name, String kea, String bind, String secret, String message) {
    assertThatThrownBy(() -> new TestKey(name, kea, bind, secret))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  /** The algorithm name the TSIG RR carries when {@link TestKey#tsig()} signs a message. */
  private static String signedQueryAlgorithm(TestKey key) throws IOException {
    Message query =
        Message.newQuery(
            Record.newRecord(Name.fromConstantString("example.org."), Type.SOA, DClass.IN));
    query.setTSIG(key.tsig());
    return new Message(query.toWire(Message.MAXLENGTH)).getTSIG().getAlgorithm().toString();
  }
}
