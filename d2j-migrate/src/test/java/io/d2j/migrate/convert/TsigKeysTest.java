package io.d2j.migrate.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.migrate.conf.ConfParser;
import io.d2j.migrate.conf.Includes;
import io.d2j.migrate.conf.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TsigKeysTest {
  private static final String SECRET = "LSWXnfkKZjdPJI5QxlpnfQ==";

  private static Statement key(String algorithm) {
    String text = "key k {\n  algorithm " + algorithm + ";\n  secret \"" + SECRET + "\";\n}\n";
    return ConfParser.parse("t.conf", "t.conf", text, Includes.none()).statements().get(0);
  }

  @ParameterizedTest
  @CsvSource({
    "hmac-md5, HMAC-MD5, 0",
    "HMAC-MD5.SIG-ALG.REG.INT, HMAC-MD5, 0",
    "HMAC-MD5.SIG-ALG.REG.INT., HMAC-MD5, 0",
    "hmac-sha1, HMAC-SHA1, 0",
    "hmac-sha224, HMAC-SHA224, 0",
    "hmac-sha256, HMAC-SHA256, 0",
    "hmac-sha384, HMAC-SHA384, 0",
    "hmac-sha512, HMAC-SHA512, 0",
    "hmac-sha256-128, HMAC-SHA256, 128",
    "hmac-sha512-256, HMAC-SHA512, 256",
    "hmac-sha1-80, HMAC-SHA1, 80",
    "hmac-sha256-256, HMAC-SHA256, 0"
  })
  void bindNames_becomeKeaNames_andDigestBits(String bind, String kea, int bits) {
    TsigKeys.Key k = TsigKeys.parse(key(bind));
    assertThat(k.algorithm().keaName()).isEqualTo(kea);
    assertThat(k.digestBits()).isEqualTo(bits);
    assertThat(k.toString()).doesNotContain(SECRET);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "hmac-sha256-64|t.conf line 2: key k: digest-bits: 64 is too small for HMAC-SHA256 (minimum 128)",
        "hmac-sha1-72|t.conf line 2: key k: digest-bits: 72 is too small for HMAC-SHA1 (minimum 80)",
        "hmac-sha256-100|t.conf line 2: key k: digest-bits: 100 is not a multiple of 8",
        "gss-tsig|t.conf line 2: key k: algorithm gss-tsig has no Kea counterpart (Kea's D2 signs with"
            + " HMAC-MD5, HMAC-SHA1, HMAC-SHA224, HMAC-SHA256, HMAC-SHA384, HMAC-SHA512)"
      })
  void keysD2WouldRefuse_areErrorsAtTheirLine(String bind, String message) {
    assertThatThrownBy(() -> TsigKeys.parse(key(bind))).hasMessage(message);
  }
}
