package io.d2j.tsig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TsigKeySpecTest {
  private static final String SECRET = "LSWXnfkKZjdPJI5QxlpnfQ==";

  @ParameterizedTest
  @CsvSource({
    "HMAC-MD5,    0",
    "HMAC-MD5,    80",
    "HMAC-MD5,    128",
    "HMAC-SHA1,   80",
    "HMAC-SHA1,   160",
    "HMAC-SHA224, 112",
    "HMAC-SHA224, 224",
    "HMAC-SHA256, 0",
    "HMAC-SHA256, 128",
    "HMAC-SHA256, 136",
    "HMAC-SHA256, 256",
    "HMAC-SHA384, 192",
    "HMAC-SHA512, 256",
    "HMAC-SHA512, 512",
  })
  void digestBits_accepted(String algorithm, int digestBits) {
    assertThat(TsigKeySpec.of("k", algorithm, digestBits, SECRET).digestBits())
        .isEqualTo(digestBits);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "HMAC-MD5    | -8  | digest-bits: must not be negative (-8)",
        "HMAC-MD5    | 72  | digest-bits: 72 is too small for HMAC-MD5 (minimum 80)",
        "HMAC-MD5    | 81  | digest-bits: 81 is not a multiple of 8",
        "HMAC-MD5    | 136 | digest-bits: 136 is larger than the 128-bit MAC of HMAC-MD5",
        "HMAC-SHA1   | 8   | digest-bits: 8 is too small for HMAC-SHA1 (minimum 80)",
        "HMAC-SHA1   | 168 | digest-bits: 168 is larger than the 160-bit MAC of HMAC-SHA1",
        "HMAC-SHA224 | 104 | digest-bits: 104 is too small for HMAC-SHA224 (minimum 112)",
        "HMAC-SHA256 | 120 | digest-bits: 120 is too small for HMAC-SHA256 (minimum 128)",
        "HMAC-SHA256 | 130 | digest-bits: 130 is not a multiple of 8",
        "HMAC-SHA256 | 264 | digest-bits: 264 is larger than the 256-bit MAC of HMAC-SHA256",
        "HMAC-SHA384 | 184 | digest-bits: 184 is too small for HMAC-SHA384 (minimum 192)",
        "HMAC-SHA512 | 248 | digest-bits: 248 is too small for HMAC-SHA512 (minimum 256)",
        "HMAC-SHA512 | 520 | digest-bits: 520 is larger than the 512-bit MAC of HMAC-SHA512",
      })
  void digestBits_rejected(String algorithm, int digestBits, String message) {
    assertThatThrownBy(() -> TsigKeySpec.of("k", algorithm, digestBits, SECRET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @ParameterizedTest
  @CsvSource({
    "d2key,             d2key.",
    "d2key.,            d2key.",
    "D2.Key,            D2.Key.",
    "key.example.org.,  key.example.org.",
    "'.',               '.'",
  })
  void name_isStoredAbsolute(String name, String stored) {
    assertThat(TsigKeySpec.of(name, "HMAC-SHA256", 0, SECRET).name()).isEqualTo(stored);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''          | name: must not be blank",
        "'  '        | name: must not be blank",
        "a..b        | name: 'a..b' has an empty label",
        ".a          | name: '.a' has an empty label",
        "'my key'    | name: 'my key' contains whitespace or a backslash",
      })
  void name_rejected(String name, String message) {
    assertThatThrownBy(() -> TsigKeySpec.of(name, "HMAC-SHA256", 0, SECRET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void name_longLabel_rejected() {
    String name = "a".repeat(64) + ".org";

    assertThatThrownBy(() -> TsigKeySpec.of(name, "HMAC-SHA256", 0, SECRET))
        .hasMessage("name: '" + name + "' has a label longer than 63 characters");
  }

  @Test
  void name_tooLong_rejected() {
    String name = ("a".repeat(63) + ".").repeat(4) + "b";

    assertThatThrownBy(() -> TsigKeySpec.of(name, "HMAC-SHA256", 0, SECRET))
        .hasMessage("name: '" + name + "' is longer than 253 characters");
  }

  @Test
  void of_unknownAlgorithm_isKeasMessage() {
    assertThatThrownBy(() -> TsigKeySpec.of("k", "HMAC-SHA3", 0, SECRET))
        .hasMessage("Unknown TSIG Key algorithm: HMAC-SHA3");
  }

  @Test
  void of_badSecret_namesTheField() {
    assertThatThrownBy(() -> TsigKeySpec.of("k", "HMAC-SHA256", 0, "%%%%"))
        .hasMessage("secret: attempt to decode a value not in base64 char set");
  }

  @Test
  void toString_neverShowsTheSecret() {
    TsigKeySpec key = TsigKeySpec.of("d2key", "hmac-sha256", 128, SECRET);

    assertThat(key.toString())
        .isEqualTo(
            "TsigKeySpec[name=d2key., algorithm=HMAC-SHA256, digestBits=128, secret=[redacted]]")
        .doesNotContain(SECRET)
        .doesNotContain(SECRET.substring(0, 8));
  }

  @ParameterizedTest
  @CsvSource({
    "HMAC-MD5,    0,   false, 16",
    "HMAC-MD5,    80,  true,  10",
    "HMAC-SHA256, 0,   false, 32",
    "HMAC-SHA256, 128, true,  16",
    "HMAC-SHA256, 256, false, 32",
    "HMAC-SHA512, 256, true,  32",
  })
  void truncation_followsDigestBits(
      String algorithm, int digestBits, boolean truncated, int octets) {
    TsigKeySpec key = TsigKeySpec.of("k", algorithm, digestBits, SECRET);

    assertThat(key.truncated()).isEqualTo(truncated);
    assertThat(key.macOctets()).isEqualTo(octets);
  }

  @Test
  void equality_includesTheSecret() {
    assertThat(TsigKeySpec.of("k", "HMAC-SHA256", 0, SECRET))
        .isEqualTo(TsigKeySpec.of("k", "HMAC-SHA256", 0, SECRET))
        .isNotEqualTo(TsigKeySpec.of("k", "HMAC-SHA256", 0, "LSWXnfkKZjdPJI5QxlpnfA=="));
  }

  /** equals and hashCode are written out (not the record's): every component counts. */
  @Test
  void equality_isComponentWise_andHashesAgree() {
    TsigKeySpec key = TsigKeySpec.of("k", "HMAC-SHA256", 0, SECRET);
    TsigKeySpec same = TsigKeySpec.of("k.", "HMAC-SHA256", 0, SECRET);

    assertThat(key).isEqualTo(same).hasSameHashCodeAs(same);
    assertThat(key)
        .isNotEqualTo(TsigKeySpec.of("k2", "HMAC-SHA256", 0, SECRET))
        .isNotEqualTo(TsigKeySpec.of("k", "HMAC-SHA512", 0, SECRET))
        .isNotEqualTo(TsigKeySpec.of("k", "HMAC-SHA256", 128, SECRET))
        .isNotEqualTo(null)
        .isNotEqualTo("k.");
  }
}
