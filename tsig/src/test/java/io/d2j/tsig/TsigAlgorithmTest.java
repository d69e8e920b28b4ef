package io.d2j.tsig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TsigAlgorithmTest {

  @ParameterizedTest
  @CsvSource({
    "HMAC-MD5,    HMAC_MD5,    hmac-md5.sig-alg.reg.int., 128, 80",
    "hmac-md5,    HMAC_MD5,    hmac-md5.sig-alg.reg.int., 128, 80",
    "Hmac-Md5,    HMAC_MD5,    hmac-md5.sig-alg.reg.int., 128, 80",
    "HMAC-SHA1,   HMAC_SHA1,   hmac-sha1.,                160, 80",
    "hmac-sha1,   HMAC_SHA1,   hmac-sha1.,                160, 80",
    "HMAC-SHA224, HMAC_SHA224, hmac-sha224.,              224, 112",
    "hMaC-sHa224, HMAC_SHA224, hmac-sha224.,              224, 112",
    "HMAC-SHA256, HMAC_SHA256, hmac-sha256.,              256, 128",
    "hmac-sha256, HMAC_SHA256, hmac-sha256.,              256, 128",
    "HMAC-SHA384, HMAC_SHA384, hmac-sha384.,              384, 192",
    "Hmac-Sha384, HMAC_SHA384, hmac-sha384.,              384, 192",
    "HMAC-SHA512, HMAC_SHA512, hmac-sha512.,              512, 256",
    "hmac-sha512, HMAC_SHA512, hmac-sha512.,              512, 256",
  })
  void keaNames_anyCase_resolveToAlgorithmWithWireNameAndSizes(
      String keaName, TsigAlgorithm expected, String wireName, int macBits, int minDigestBits) {
    TsigAlgorithm algorithm = TsigAlgorithm.fromKeaName(keaName);

    assertThat(algorithm).isEqualTo(expected);
    assertThat(algorithm.wireName()).isEqualTo(wireName);
    assertThat(algorithm.macBits()).isEqualTo(macBits);
    assertThat(algorithm.minDigestBits()).isEqualTo(minDigestBits);
    assertThat(algorithm.keaName()).isEqualToIgnoringCase(keaName);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "HMAC_SHA256", "hmac-sha256.", "HmacSHA256", "hmac-sha256-128", "gss-tsig"})
  void unknownNames_areRejectedNamingTheValue(String name) {
    assertThatThrownBy(() -> TsigAlgorithm.fromKeaName(name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown TSIG Key algorithm: " + name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "HMAC-MD5",
        "HMAC-SHA1",
        "HMAC-SHA224",
        "HMAC-SHA256",
        "HMAC-SHA384",
        "HMAC-SHA512"
      })
  void keaName_roundTrips(String keaName) {
    assertThat(TsigAlgorithm.fromKeaName(keaName).keaName()).isEqualTo(keaName);
    assertThat(TsigAlgorithm.fromKeaName(keaName)).hasToString(keaName);
  }
}
