package io.d2j.d2.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransportTest {

  @ParameterizedTest(name = "force-tcp {0}, {1} octets: {2}")
  @CsvSource({
    "false, 100, UDP",
    "false, 512, UDP",
    "false, 513, TCP",
    "false, 65535, TCP",
    "true, 100, TCP",
    "true, 0, TCP"
  })
  void first_udpUpTo512Octets_tcpBeyondOrWhenForced(
      boolean forceTcp, int length, Transport expected) {
    assertThat(Transport.first(forceTcp, length)).isEqualTo(expected);
  }

  @Test
  void negativeLength_isAContractError() {
    assertThatThrownBy(() -> Transport.first(false, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("wireLength: must not be negative, got -1");
  }
}
