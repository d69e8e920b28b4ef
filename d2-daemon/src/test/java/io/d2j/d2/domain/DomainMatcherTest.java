package io.d2j.d2.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.d2.Fixtures;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DomainMatcherTest {

  private static DomainMatcher matcher(String... names) {
    return new DomainMatcher(
        List.of(names).stream().map(n -> Fixtures.domain(n, "127.0.0.1")).toList());
  }

  @ParameterizedTest(name = "{0} in [{1}] -> {2}")
  @CsvSource(
      delimiter = ';',
      value = {
        // longest suffix wins (scenario 7)
        "red.one.example.com.; example.com.,one.example.com.; one.example.com.",
        "blue.example.com.; example.com.,one.example.com.; example.com.",
        // case-insensitive both ways (scenario 6)
        "Host1.Example.COM.; example.com.; example.com.",
        "host1.example.com.; EXAMPLE.com.; EXAMPLE.com.",
        // the name itself is a match
        "example.com.; example.com.; example.com.",
        // a suffix must start at a label boundary
        "badexample.com.; example.com.; -",
        // no trailing dot: never matches an absolute name (scenario 8, Kea's behaviour)
        "h.example.com.; example.com; -",
        // wildcard alone matches everything; with others only as the fallback (scenario 9)
        "anything.net.; *; *",
        "h.example.com.; *,example.com.; example.com.",
        "h.other.net.; *,example.com.; *",
        // reverse names, nibbles in upper case as built
        "10.2.0.192.in-addr.arpa.; 2.0.192.in-addr.arpa.; 2.0.192.in-addr.arpa.",
        "D.C.B.A.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.B.D.0.1.0.0.2.ip6.arpa.;"
            + " 8.b.d.0.1.0.0.2.ip6.arpa.; 8.b.d.0.1.0.0.2.ip6.arpa.",
        "h.example.com.; ; -",
      })
  void matchesLikeKea(String name, String domains, String expected) {
    DomainMatcher m = domains == null ? matcher() : matcher(domains.split(","));
    Optional<DdnsDomain> got = m.match(name);
    assertThat(got.map(DdnsDomain::name).orElse("-")).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void candidates_pointOutMissingTrailingDots() {
    assertThat(matcher("example.com", "example.org.").candidates())
        .isEqualTo("'example.com' (no trailing dot: never matches), 'example.org.'");
    assertThat(matcher().candidates()).isEqualTo("(none)");
  }
}
