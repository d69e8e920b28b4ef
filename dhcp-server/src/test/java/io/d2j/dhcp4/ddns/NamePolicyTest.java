package io.d2j.dhcp4.ddns;

import static io.d2j.dhcp4.ddns.NameTestSupport.ADDRESS;
import static io.d2j.dhcp4.ddns.NameTestSupport.ascii81;
import static io.d2j.dhcp4.ddns.NameTestSupport.hex;
import static io.d2j.dhcp4.ddns.NameTestSupport.none;
import static io.d2j.dhcp4.ddns.NameTestSupport.params;
import static io.d2j.dhcp4.ddns.NameTestSupport.reply;
import static io.d2j.dhcp4.ddns.NameTestSupport.replyName;
import static io.d2j.dhcp4.ddns.NameTestSupport.wire81;
import static io.d2j.dhcp4.ddns.NameTestSupport.with12;
import static io.d2j.dhcp4.ddns.NameTestSupport.with81;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.dhcp4.packet.DhcpOptions;
import io.d2j.dhcp4.packet.OptionCodes;
import io.d2j.ncr.IpAddresses;
import java.net.Inet4Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The option 81/12 name pipeline against the spec's tables (§2.3-§2.8). */
class NamePolicyTest {

  private static final HostnameSanitizer X =
      HostnameSanitizer.of(HostnameSanitizer.DEFAULT_CHAR_SET, "x");

  /** Spec §2.3 (Kea 2.2 actual behaviour) and the flag rows of §2.8. */
  @ParameterizedTest(name = "client 0x{0} U={1} override-client={2} override-no={3}")
  @CsvSource({
    // client flags, U, override-client-update, override-no-update, reply flags, A, PTR
    "04, true,  false, false, 04, false, true",
    "04, true,  true,  false, 07, true,  true",
    "04, false, false, false, 0c, false, false",
    "04, false, true,  true,  0c, false, false",
    "05, true,  false, false, 05, true,  true",
    "05, true,  true,  true,  05, true,  true",
    "05, false, false, false, 0e, false, false",
    "0c, true,  false, false, 0c, false, false",
    "0c, true,  false, true,  07, true,  true",
    "0c, true,  true,  true,  07, true,  true",
    "0c, false, false, true,  0c, false, false",
    "00, true,  false, false, 00, false, true",
    "01, true,  false, false, 01, true,  true",
    "01, false, false, false, 0a, false, false",
  })
  void option81_flagsAndDirections(
      String client,
      boolean updates,
      boolean overrideClient,
      boolean overrideNo,
      String replyFlags,
      boolean forward,
      boolean reverse) {
    DdnsParams p =
        params(
            updates,
            overrideNo,
            overrideClient,
            ReplaceClientName.NEVER,
            "example.com",
            DdnsParams.DEFAULTS.sanitizer());
    NameDecision d =
        NamePolicy.decide(with81(wire81(Integer.parseInt(client, 16), "host1")), p, "");
    assertThat(d.names(ADDRESS)).isEqualTo(new LeaseNames("host1.example.com.", forward, reverse));
    assertThat(reply(d)).startsWith("81:" + replyFlags + "0000");
  }

  @Test
  void option81_withNAndS_isRefused_soTheQueryIsDropped() {
    assertThatThrownBy(() -> with81(wire81(0x0d, "host1")))
        .hasMessage("option 81: flags N and S are both set (RFC 4702 §2.1)");
  }

  /** Spec §2.8: Kea 2.2.0's replies on the wire (suffix example.com, mode never, updates on). */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "partial wire host1 | 81 | 04 00 00 05 686f737431 | 81:0400000568"
            + "6f737431076578616d706c6503636f6d00",
        "S E host1 | 81 | 05 00 00 05 686f737431 | 81:05000005686f737431076578616d706c6503636f6d00",
        "RCODEs echoed, full name lower-cased | 81 | 05 07 09 05 4d69786564 04 43617365 03 4f5247 00"
            + " | 81:050709056d697865640463617365036f726700",
        "ASCII host2 | 81 | 01 00 00 686f737432 | 81:010000686f7374322e6578616d706c652e636f6d2e",
        "empty name, generated | 81 | 05 00 00 | 81:050000106d79686f73742d31302d302d302d3135"
            + "076578616d706c6503636f6d00",
        "bad_n@me scrubbed | 81 | 05 00 00 08 6261645f6e406d65 | 81:05000006626164"
            + "6e6d65076578616d706c6503636f6d00",
        "option 12 Laptop | 12 | 4c6170746f70 | 12:6c6170746f702e6578616d706c652e636f6d",
        "option 12 multi-label | 12 | 6d795f686f73742e6f746865722e6f7267"
            + " | 12:6d79686f73742e6f746865722e6f7267",
      })
  void keaWireVectors(String what, int code, String payload, String expected) {
    ClientNames names = ClientNames.of(DhcpOptions.builder().put(code, hex(payload)).build());
    NameDecision d = NamePolicy.decide(names, params(ReplaceClientName.NEVER, "example.com"), "");
    assertThat(reply(d)).isEqualTo(expected);
  }

  @Test
  void option81_winsOverOption12() {
    ClientNames both =
        ClientNames.of(
            DhcpOptions.builder()
                .text(OptionCodes.HOST_NAME, "ignored12")
                .put(OptionCodes.CLIENT_FQDN, wire81(0x05, "won81"))
                .build());
    NameDecision d = NamePolicy.decide(both, params(ReplaceClientName.NEVER, "example.com"), "");
    assertThat(replyName(d)).isEqualTo("81:won81.example.com.");
  }

  /** Every ddns-replace-client-name mode against each kind of query (spec §1.4, §2.4, §2.5). */
  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    // mode, query, lease hostname, reply
    "never,            81 host1, host1.example.com.,             81:host1.example.com.",
    "never,            81 empty, myhost-10-0-0-15.example.com.,  81:myhost-10-0-0-15.example.com.",
    "never,            12 laptop, laptop.example.com,            12:laptop.example.com",
    "never,            none,     '',                             none",
    "always,           81 host1, myhost-10-0-0-15.example.com.,  81:myhost-10-0-0-15.example.com.",
    "always,           81 empty, myhost-10-0-0-15.example.com.,  81:myhost-10-0-0-15.example.com.",
    "always,           12 laptop, myhost-10-0-0-15.example.com,  12:myhost-10-0-0-15.example.com",
    "always,           none,     myhost-10-0-0-15.example.com,   12:myhost-10-0-0-15.example.com",
    "when-present,     81 host1, myhost-10-0-0-15.example.com.,  81:myhost-10-0-0-15.example.com.",
    "when-present,     81 empty, myhost-10-0-0-15.example.com.,  81:myhost-10-0-0-15.example.com.",
    "when-present,     12 laptop, myhost-10-0-0-15.example.com,  12:myhost-10-0-0-15.example.com",
    "when-present,     none,     '',                             none",
    "when-not-present, 81 host1, host1.example.com.,             81:host1.example.com.",
    "when-not-present, 81 empty, myhost-10-0-0-15.example.com.,  81:myhost-10-0-0-15.example.com.",
    "when-not-present, 12 laptop, laptop.example.com,            12:laptop.example.com",
    "when-not-present, none,     myhost-10-0-0-15.example.com,   12:myhost-10-0-0-15.example.com",
  })
  void replaceClientName_everyMode(String mode, String query, String hostname, String reply) {
    ClientNames names =
        switch (query) {
          case "81 host1" -> with81(wire81(0x05, "host1"));
          case "81 empty" -> with81(wire81(0x05, ""));
          case "12 laptop" -> with12("laptop");
          default -> none();
        };
    NameDecision d =
        NamePolicy.decide(
            names, params(ReplaceClientName.fromKeaName(mode).orElseThrow(), "example.com"), "");
    assertThat(d.names(ADDRESS).hostname()).isEqualTo(hostname);
    assertThat(replyName(d)).isEqualTo(reply);
  }

  /** Spec §2.7, option 81 (d2_client_unittest.cc): per-label scrubbing, replacement x. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = "=>",
      value = {
        "One.123.example.com.         => one.123.example.com.",
        "One.123                      => one.123.suffix.com.",
        "O#n^e.123.ex&a*mple.com.     => oxnxe.123.exxaxmple.com.",
        "One.1+2|3                    => one.1x2x3.suffix.com.",
        "'O n e.123.exa(m)ple.com.'   => oxnxe.123.exaxmxple.com.",
        "O\\032n\\032e.123.example.com. => oxnxe.123.example.com.",
      })
  void option81_sanitisingVectors(String client, String expected) {
    DdnsParams p = params(true, false, false, ReplaceClientName.NEVER, "suffix.com", X);
    NameDecision d = NamePolicy.decide(with81(ascii81(0x01, client)), p, "");
    assertThat(d.names(ADDRESS).hostname()).isEqualTo(expected);
  }

  /** Spec §2.7, option 12 (fqdn_unittest.cc and the ARM): the whole string scrubbed. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "one-&$_-host            | ''  | one--host.fake-suffix.isc.org",
        "three-ok-host           | ''  | three-ok-host.fake-suffix.isc.org",
        "four-ok-host.other.org  | ''  | four-ok-host.other.org",
        "four-ok-host\0.other.org | '' | four-ok-host.other.org",
        "myhost-$[123.org        | x   | myhost-xx123.org",
      })
  void option12_sanitisingVectors(String client, String replacement, String expected) {
    DdnsParams p =
        params(
            true,
            false,
            false,
            ReplaceClientName.NEVER,
            "fake-suffix.isc.org",
            HostnameSanitizer.of(HostnameSanitizer.DEFAULT_CHAR_SET, replacement));
    NameDecision d = NamePolicy.decide(with12(client), p, "");
    assertThat(d.names(ADDRESS)).isEqualTo(new LeaseNames(expected, true, true));
  }

  @Test
  void option81_labelScrubbedToNothing_losesOptionAndName() {
    DdnsParams p = params(ReplaceClientName.NEVER, "example.com");
    NameDecision d = NamePolicy.decide(with81(ascii81(0x01, "a.@@.b")), p, "");
    assertThat(d)
        .isEqualTo(new NameDecision.NoName("option 81 name 'a.@@.b' is empty after sanitising"));
    assertThat(d.names(ADDRESS)).isEqualTo(LeaseNames.NONE);
    assertThat(reply(d)).isEqualTo("none");
  }

  @Test
  void option12_unparseable_isIgnored() {
    NameDecision d =
        NamePolicy.decide(with12("abc..example.com"), params(ReplaceClientName.NEVER, "x.org"), "");
    assertThat(d)
        .isEqualTo(new NameDecision.NoName("option 12 'abc..example.com' is not a host name"));
  }

  @Test
  void sanitisingOff_aControlOrNonAsciiOctet_isNeverUsed_namingTheOctet() {
    DdnsParams p =
        params(true, false, false, ReplaceClientName.NEVER, "example.com", HostnameSanitizer.NONE);
    assertThat(NamePolicy.decide(with81(wire81(0x05, "a\u0001b")), p, ""))
        .isEqualTo(
            new NameDecision.NoName(
                "option 81 name 'a\\x01b' has the octet 0x01 at 1: only printable ASCII without"
                    + " '\\' is used"));
    assertThat(NamePolicy.decide(with12("caf\u00e9"), p, ""))
        .isEqualTo(
            new NameDecision.NoName(
                "option 12 'caf\\ufffd' has a non-ASCII octet at 3: only printable ASCII without"
                    + " '\\' is used"));
    assertThat(NamePolicy.decide(with12("a\\065b"), p, "").names(ADDRESS))
        .isEqualTo(LeaseNames.NONE);
  }

  @Test
  void aNameOver255OctetsOnceQualified_isNotUsed() {
    String c60 = "c".repeat(60);
    String name = String.join(".", c60, c60, c60, c60);
    NameDecision d =
        NamePolicy.decide(
            with81(wire81(0x05, name)), params(ReplaceClientName.NEVER, "example.com"), "");
    assertThat(d)
        .isEqualTo(
            new NameDecision.NoName(
                "option 81 name '"
                    + name
                    + "' is 257 octets in wire format once qualified, more than 255"));
    assertThat(reply(d)).isEqualTo("none");
    // 253 characters without the dot is the most a name may have: 255 octets in wire format.
    String fits = String.join(".", "c".repeat(63), "c".repeat(63), "c".repeat(63), "c".repeat(61));
    assertThat(
            NamePolicy.decide(
                    with81(wire81(0x05, fits + ".")), params(ReplaceClientName.NEVER, ""), "")
                .names(ADDRESS)
                .hostname())
        .hasSize(254);
  }

  @Test
  void option12_updatesOff_keepsTheNameWithoutDirections() {
    DdnsParams p = params(false, false, false, ReplaceClientName.NEVER, "example.com", X);
    assertThat(NamePolicy.decide(with12("laptop"), p, "").names(ADDRESS))
        .isEqualTo(new LeaseNames("laptop.example.com", false, false));
  }

  @ParameterizedTest(name = "{0} path, reserved {1}")
  @CsvSource({
    "81, Res-Host,       res-host.example.com.,  81:res-host.example.com.",
    "81, foo.other.org., foo.other.org.,         81:foo.other.org.",
    "12, foo.other.org,  foo.other.org.example.com, 12:foo.other.org.example.com",
    "12, foo.other.org., foo.other.org,          12:foo.other.org",
    "prl, host9,         host9.example.com,      12:host9.example.com",
    "none, host9,        host9.example.com,      none",
  })
  void reservationHostname_overridesTheClientsName(
      String path, String reserved, String hostname, String reply) {
    ClientNames names =
        switch (path) {
          case "81" -> with81(wire81(0x05, "client"));
          case "12" -> with12("client");
          case "prl" ->
              ClientNames.of(
                  DhcpOptions.builder()
                      .put(OptionCodes.PARAMETER_REQUEST_LIST, (byte) 1, (byte) 12)
                      .build());
          default -> none();
        };
    NameDecision d =
        NamePolicy.decide(names, params(ReplaceClientName.NEVER, "example.com"), reserved);
    assertThat(d.names(ADDRESS).hostname()).isEqualTo(hostname);
    assertThat(replyName(d)).isEqualTo(reply);
  }

  /** Spec §2.6 qualification vectors (Kea 3.x rule). */
  @ParameterizedTest(name = "{0} + {1} (dot {2})")
  @CsvSource({
    "somehost,                  suffix.com,         true,  somehost.suffix.com.",
    "somehost,                  suffix.com,         false, somehost.suffix.com",
    "somehost.suffix.com,       suffix.com,         true,  somehost.suffix.com.",
    "somehost.almostsuffix.com, suffix.com,         true,  somehost.almostsuffix.com.suffix.com.",
    "somehost.suffix.com.org,   suffix.com,         true,  somehost.suffix.com.org.suffix.com.",
    "suffix.com,                suffix.com,         true,  suffix.com.",
    "two.suffix.com,            one.two.suffix.com, true,  two.suffix.com.one.two.suffix.com.",
    "somehost,                  '',                 true,  somehost.",
    "somehost,                  '',                 false, somehost",
    "somehost,                  hasdot.com.,        true,  somehost.hasdot.com.",
    "foo.other.org.,            example.com,        false, foo.other.org",
  })
  void qualify_vectors(String name, String suffix, boolean dot, String expected) {
    assertThat(NamePolicy.qualify(name, suffix, dot)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({
    "prefix, suffix.com,  192.0.2.75, prefix-192-0-2-75.suffix.com.",
    "myhost, example.com, 172.16.1.10, myhost-172-16-1-10.example.com.",
    "myhost, example.com, 10.0.0.35,  myhost-10-0-0-35.example.com.",
    "myhost, '',          10.0.0.35,  myhost-10-0-0-35.",
  })
  void generate_vectors(String prefix, String suffix, String address, String expected) {
    DdnsParams base = params(ReplaceClientName.NEVER, suffix);
    DdnsParams p =
        new DdnsParams(
            true,
            false,
            false,
            ReplaceClientName.NEVER,
            prefix,
            suffix,
            false,
            base.conflictResolutionMode(),
            base.ttlPercent(),
            base.sanitizer());
    assertThat(NamePolicy.generate((Inet4Address) IpAddresses.parse(address), p, true))
        .isEqualTo(expected);
  }
}
