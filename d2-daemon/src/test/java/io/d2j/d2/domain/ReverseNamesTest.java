package io.d2j.d2.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.d2.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReverseNamesTest {

  @ParameterizedTest
  @CsvSource({
    "192.0.2.10, 10.2.0.192.in-addr.arpa.",
    "0.0.0.0, 0.0.0.0.in-addr.arpa.",
    "255.254.253.252, 252.253.254.255.in-addr.arpa.",
    "2001:db8::abcd, D.C.B.A.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.B.D.0.1.0.0.2.ip6.arpa.",
    "::1, 1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa.",
  })
  void buildsTheReverseOwnerName(String ip, String expected) {
    assertThat(ReverseNames.of(Fixtures.ip(ip))).isEqualTo(expected);
  }
}
