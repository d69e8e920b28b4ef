package io.d2j.ncr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {
  @ParameterizedTest
  @CsvSource({
    "192.0.2.10,                      192.0.2.10",
    "0.0.0.0,                         0.0.0.0",
    "255.255.255.255,                 255.255.255.255",
    "2001:db8::abcd,                  2001:db8::abcd",
    "2001:DB8:0:0:0:0:0:ABCD,         2001:db8::abcd",
    "::,                              ::",
    "::1,                             ::1",
    "1::,                             1::",
    "2001:db8:0:1:1:1:1:1,            2001:db8:0:1:1:1:1:1",
    "2001:0:0:1:0:0:0:1,              2001:0:0:1::1",
    "2001:db8:0:0:1:0:0:1,            2001:db8::1:0:0:1",
    "::ffff:192.0.2.1,                ::ffff:192.0.2.1",
    "::ffff:c000:201,                 ::ffff:192.0.2.1",
    "64:ff9b::192.0.2.33,             64:ff9b::c000:221",
    "fe80:0000:0000:0000:0000:0000:0000:0001, fe80::1",
  })
  void parseThenFormat_isRfc5952Text(String in, String out) {
    assertThat(IpAddresses.format(IpAddresses.parse(in))).isEqualTo(out);
  }

  @Test
  void parse_keepsFamilies() {
    assertThat(IpAddresses.parse("192.0.2.1")).isInstanceOf(Inet4Address.class);
    assertThat(IpAddresses.parse("::ffff:192.0.2.1")).isInstanceOf(Inet6Address.class);
  }

  @Test
  void parse_sameAddressAsTheJdk() throws Exception {
    assertThat(IpAddresses.parse("2001:db8::1:2").getAddress())
        .isEqualTo(InetAddress.getByName("2001:db8::1:2").getAddress());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "localhost", "example.com", "192.0.2", "192.0.2.1.5", "192.0.2.300", "192.0.2.01",
        "192.0.2.-1", "192.0.2.1 ", " 192.0.2.1", "1.2.3.4x", ":", ":::", "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7", "1::2::3", ":1::", "1:2:3:4:5:6:7::8", "12345::", "g::", "::1%eth0",
        "fe80::1%1", "[::1]", "1.2.3.4::", "::1.2.3", "::1.2.3.256", "\u0661.2.3.4"
      })
  void parse_nonLiteral_isRejectedWithoutLookup(String text) {
    assertThatThrownBy(() -> IpAddresses.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid IP address '" + text + "'");
  }
}
