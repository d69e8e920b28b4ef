package io.d2j.d2.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.ncr.IpAddresses;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SenderFilterTest {

  @ParameterizedTest(name = "{0} allows {1}: {2}")
  @CsvSource({
    "192.0.2.10, 192.0.2.10, true",
    "192.0.2.10, 192.0.2.11, false",
    "192.0.2.0/24, 192.0.2.255, true",
    "192.0.2.0/24, 192.0.3.0, false",
    "192.0.2.128/25, 192.0.2.127, false",
    "192.0.2.128/25, 192.0.2.200, true",
    "10.0.0.0/7, 11.255.255.255, true",
    "10.0.0.0/7, 12.0.0.0, false",
    "0.0.0.0/0, 203.0.113.9, true",
    "0.0.0.0/0, 2001:db8::1, false",
    "2001:db8::/32, 2001:db8:ffff::1, true",
    "2001:db8::/32, 2001:db9::1, false",
    "::1, ::1, true",
    "192.0.2.0/24, ::ffff:192.0.2.7, true",
  })
  void prefixes(String entry, String sender, boolean allowed) {
    assertThat(SenderFilter.parse(List.of(entry)).allows(IpAddresses.parse(sender)))
        .isEqualTo(allowed);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "192.0.2.0/33 | '192.0.2.0/33': prefix length must be 0-32, got '33'",
        "2001:db8::/129 | '2001:db8::/129': prefix length must be 0-128, got '129'",
        "192.0.2.0/ | '192.0.2.0/': prefix length must be 0-32, got ''",
        "192.0.2.0/-1 | '192.0.2.0/-1': prefix length must be 0-32, got '-1'",
        "host.example.org | 'host.example.org': not an address or a prefix",
      })
  void badEntries_nameTheEntryAndTheRule(String entry, String message) {
    assertThatThrownBy(() -> SenderFilter.parse(List.of(entry))).hasMessage(message);
  }

  @ParameterizedTest(name = "listening on {0}: {1} allowed {2}")
  @CsvSource({
    "127.0.0.1, 127.0.0.2, true",
    "127.0.0.1, ::1, true",
    "127.0.0.1, 192.0.2.1, false",
    "192.0.2.1, 192.0.2.1, true",
    "192.0.2.1, 192.0.2.2, false",
    "0.0.0.0, 192.0.2.2, false",
  })
  void default_isLoopbackAndTheListeningAddress(String listen, String sender, boolean allowed) {
    assertThat(SenderFilter.defaultFor(IpAddresses.parse(listen)).allows(IpAddresses.parse(sender)))
        .isEqualTo(allowed);
  }
}
