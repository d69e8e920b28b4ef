package io.d2j.ncr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.d2j.ncr.NcrJsonCodec.Shape;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NcrJsonCodecTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final NcrJsonCodec CODEC = NcrJsonCodec.compatible(CLOCK);

  // The three sender generations of spec §3.4, verbatim.
  static final String KEA_2_2 =
      "{\"change-type\":0,\"forward-change\":true,\"reverse-change\":true,\"fqdn\":\"Host1.Example.com\","
          + "\"ip-address\":\"192.0.2.10\",\"dhcid\":\"000101020304\",\"lease-expires-on\":\"20300101000000\","
          + "\"lease-length\":1200,\"use-conflict-resolution\":true}";
  static final String KEA_2_6 =
      "{\"change-type\":1,\"forward-change\":true,\"reverse-change\":true,\"fqdn\":\"host1.example.com.\","
          + "\"ip-address\":\"192.0.2.10\",\"dhcid\":\"000101020304\",\"lease-expires-on\":\"20300101000000\","
          + "\"lease-length\":1200,\"conflict-resolution-mode\":\"check-exists-with-dhcid\"}";
  static final String KEA_3_1_6 =
      "{\"change-type\":0,\"forward-change\":true,\"reverse-change\":false,\"fqdn\":\"host1.example.com.\","
          + "\"ip-address\":\"2001:db8::abcd\",\"dhcid\":\"000101020304\",\"lease-length\":900,"
          + "\"conflict-resolution-mode\":\"no-check-without-dhcid\"}";

  /** A valid NCR with some members replaced by raw JSON values; a null value removes the member. */
  static String ncr(String... memberThenRaw) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("change-type", "0");
    m.put("forward-change", "true");
    m.put("reverse-change", "true");
    m.put("fqdn", "\"host1.example.com.\"");
    m.put("ip-address", "\"192.0.2.10\"");
    m.put("dhcid", "\"000101020304\"");
    m.put("lease-expires-on", "\"20300101000000\"");
    m.put("lease-length", "1200");
    m.put("conflict-resolution-mode", "\"check-with-dhcid\"");
    for (int i = 0; i < memberThenRaw.length; i += 2) {
      if (memberThenRaw[i + 1] == null) {
        m.remove(memberThenRaw[i]);
      } else {
        m.put(memberThenRaw[i], memberThenRaw[i + 1]);
      }
    }
    StringBuilder sb = new StringBuilder("{");
    m.forEach(
        (k, v) ->
            sb.append(sb.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
    return sb.append('}').toString();
  }

  static Stream<Arguments> validShapes() {
    return Stream.of(
        arguments(
            KEA_2_2,
            new NameChangeRequest(
                ChangeType.ADD,
                true,
                true,
                Fqdn.of("Host1.Example.com."),
                IpAddresses.parse("192.0.2.10"),
                Dhcid.fromHex("000101020304"),
                Instant.parse("2030-01-01T00:00:00Z"),
                1200,
                ConflictResolutionMode.CHECK_WITH_DHCID)),
        arguments(
            KEA_2_6,
            new NameChangeRequest(
                ChangeType.REMOVE,
                true,
                true,
                Fqdn.of("host1.example.com."),
                IpAddresses.parse("192.0.2.10"),
                Dhcid.fromHex("000101020304"),
                Instant.parse("2030-01-01T00:00:00Z"),
                1200,
                ConflictResolutionMode.CHECK_EXISTS_WITH_DHCID)),
        arguments(
            KEA_3_1_6,
            new NameChangeRequest(
                ChangeType.ADD,
                true,
                false,
                Fqdn.of("host1.example.com."),
                IpAddresses.parse("2001:db8::abcd"),
                Dhcid.fromHex("000101020304"),
                null,
                900,
                ConflictResolutionMode.NO_CHECK_WITHOUT_DHCID)));
  }

  @ParameterizedTest
  @MethodSource("validShapes")
  void decode_everySenderGeneration_isAccepted(String json, NameChangeRequest expected)
      throws Exception {
    NameChangeRequest ncr = CODEC.decode(json);
    assertThat(ncr).isEqualTo(expected);
    // equals() on Fqdn ignores case, so check the spelling separately.
    assertThat(ncr.fqdn().text()).isEqualTo(expected.fqdn().text());
  }

  @Test
  void decode_repeatedMember_theLastOneCounts() throws Exception {
    String twice =
        KEA_3_1_6.replace("\"lease-length\":900", "\"lease-length\":1,\"lease-length\":900");
    assertThat(CODEC.decode(twice).leaseLength()).isEqualTo(900);
  }

  @Test
  void decode_unknownMembersOfAnyKind_areIgnored() throws Exception {
    String extra =
        KEA_3_1_6.replace(
            "{", "{\"x-list\":[[1,2],{\"a\":{}}],\"x-obj\":{\"b\":[true]},\"x-null\":null,");
    assertThat(CODEC.decode(extra)).isEqualTo(CODEC.decode(KEA_3_1_6));
  }

  @Test
  void decode_trailingToken_isMalformedAtItsPosition() {
    assertThatThrownBy(() -> CODEC.decode(KEA_3_1_6 + " 7"))
        .isInstanceOf(NcrFormatException.class)
        .hasMessage(
            "json: malformed JSON at line 1, column "
                + (KEA_3_1_6.length() + 2)
                + ": trailing token '7' after the JSON value");
    assertThatThrownBy(() -> CODEC.decode("[1] {}"))
        .hasMessage(
            "json: malformed JSON at line 1, column 5: trailing token '{' after the JSON value");
  }

  @Test
  void decode_kea22Shape_keepsSenderCaseAndAddsTrailingDot() throws Exception {
    assertThat(CODEC.decode(KEA_2_2).fqdn().text()).isEqualTo("Host1.Example.com.");
  }

  static Stream<Arguments> conflictMembers() {
    return Stream.of(
        arguments(ncr("conflict-resolution-mode", null), ConflictResolutionMode.CHECK_WITH_DHCID),
        arguments(
            ncr("conflict-resolution-mode", null, "use-conflict-resolution", "true"),
            ConflictResolutionMode.CHECK_WITH_DHCID),
        arguments(
            ncr("conflict-resolution-mode", null, "use-conflict-resolution", "false"),
            ConflictResolutionMode.NO_CHECK_WITH_DHCID),
        arguments(
            ncr(
                "use-conflict-resolution",
                "true",
                "conflict-resolution-mode",
                "\"no-check-without-dhcid\""),
            ConflictResolutionMode.NO_CHECK_WITHOUT_DHCID),
        arguments(
            ncr(
                "use-conflict-resolution",
                "false",
                "conflict-resolution-mode",
                "\"check-with-dhcid\""),
            ConflictResolutionMode.CHECK_WITH_DHCID),
        arguments(
            ncr("conflict-resolution-mode", "\"no-check-with-dhcid\""),
            ConflictResolutionMode.NO_CHECK_WITH_DHCID));
  }

  @ParameterizedTest
  @MethodSource("conflictMembers")
  void decode_conflictMembers_modeWinsOverBoolean(String json, ConflictResolutionMode expected)
      throws Exception {
    assertThat(CODEC.decode(json).conflictResolutionMode()).isEqualTo(expected);
  }

  @Test
  void decode_unknownMembersAndAnyOrder_areAccepted() throws Exception {
    String json =
        "{\"lease-length\":0,\"x-vendor\":{\"a\":[1,2]},\"dhcid\":\"0a0B\",\"ip-address\":\"::1\","
            + "\"fqdn\":\"h\",\"reverse-change\":true,\"forward-change\":false,\"change-type\":1}";
    NameChangeRequest ncr = CODEC.decode(json);
    assertThat(ncr.dhcid().toHex()).isEqualTo("0A0B");
    assertThat(ncr.leaseLength()).isZero();
    assertThat(ncr.fqdn().text()).isEqualTo("h.");
    assertThat(ncr.isIpv6()).isTrue();
    assertThat(ncr.leaseExpiresOn()).isNull();
  }

  @Test
  void decode_leapSecond_isTheNextMinute() throws Exception {
    assertThat(CODEC.decode(ncr("lease-expires-on", "\"20301231235960\"")).leaseExpiresOn())
        .isEqualTo(Instant.parse("2031-01-01T00:00:00Z"));
  }

  @Test
  void decode_largestLeaseLength_isAccepted() throws Exception {
    assertThat(CODEC.decode(ncr("lease-length", "4294967295")).leaseLength())
        .isEqualTo(4294967295L);
  }

  static Stream<Arguments> invalid() {
    String label64 = "a".repeat(64);
    String name256 =
        "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(62);
    return Stream.of(
        arguments(
            ncr("change-type", "2"),
            "change-type: invalid value 2 (expected 0 for add or 1 for remove)"),
        arguments(
            ncr("change-type", "-1"),
            "change-type: invalid value -1 (expected 0 for add or 1 for remove)"),
        arguments(
            ncr("change-type", "\"0\""), "change-type: expected an integer but got string \"0\""),
        arguments(ncr("change-type", "0.0"), "change-type: expected an integer but got number 0.0"),
        arguments(ncr("change-type", null), "change-type: required member is missing"),
        arguments(
            ncr("forward-change", "\"true\""),
            "forward-change: expected a boolean but got string \"true\""),
        arguments(ncr("forward-change", null), "forward-change: required member is missing"),
        arguments(
            ncr("reverse-change", "1"), "reverse-change: expected a boolean but got number 1"),
        arguments(ncr("reverse-change", "null"), "reverse-change: expected a boolean but got null"),
        arguments(
            ncr("forward-change", "false", "reverse-change", "false"),
            "forward-change/reverse-change: forward and reverse flags are both false"),
        arguments(ncr("fqdn", "\"\""), "fqdn: invalid name '': name is empty"),
        arguments(ncr("fqdn", "\".bad\""), "fqdn: invalid name '.bad': empty label"),
        arguments(ncr("fqdn", "\"a..b\""), "fqdn: invalid name 'a..b': empty label"),
        arguments(
            ncr("fqdn", "\"" + label64 + ".com\""),
            "fqdn: invalid name '" + label64 + ".com': a label is 64 octets, more than 63"),
        arguments(
            ncr("fqdn", "\"" + name256 + "\""),
            "fqdn: invalid name '"
                + name256
                + "': name is 256 octets in wire format, more than 255"),
        arguments(ncr("fqdn", "5"), "fqdn: expected a string but got number 5"),
        arguments(ncr("fqdn", "[\"h\"]"), "fqdn: expected a string but got an array"),
        arguments(
            ncr("fqdn", "{\"name\":[1,{\"a\":null}]}"),
            "fqdn: expected a string but got an object"),
        // A shown string is JSON text: quotes, backslashes and control characters escaped.
        arguments(
            ncr("change-type", "\"a\\\"b\\\\c\\n\""),
            "change-type: expected an integer but got string \"a\\\"b\\\\c\\n\""),
        arguments(
            ncr("change-type", "\"0123456789012345678901234567890123456789\""),
            "change-type: expected an integer but got string \"012345678901234567890123456789012345678..."),
        arguments(
            ncr("change-type", "1e2"), "change-type: expected an integer but got number 100.0"),
        arguments(
            ncr("change-type", "-0.5E-3"),
            "change-type: expected an integer but got number -5.0E-4"),
        arguments(ncr("fqdn", null), "fqdn: required member is missing"),
        arguments(
            ncr("ip-address", "\"192.0.2.300\""), "ip-address: invalid IP address '192.0.2.300'"),
        arguments(ncr("ip-address", "\"localhost\""), "ip-address: invalid IP address 'localhost'"),
        arguments(
            ncr("ip-address", "\"2001:db8::1::2\""),
            "ip-address: invalid IP address '2001:db8::1::2'"),
        arguments(ncr("ip-address", "\"\""), "ip-address: invalid IP address ''"),
        arguments(ncr("ip-address", null), "ip-address: required member is missing"),
        arguments(ncr("dhcid", "\"00010\""), "dhcid: odd number of hex digits (5) in '00010'"),
        arguments(ncr("dhcid", "\"\""), "dhcid: must not be empty"),
        arguments(ncr("dhcid", "\"00 01\""), "dhcid: odd number of hex digits (5) in '00 01'"),
        arguments(ncr("dhcid", "\"zz\""), "dhcid: invalid hex digit 'z' at position 0 in 'zz'"),
        arguments(ncr("dhcid", "1"), "dhcid: expected a string but got number 1"),
        arguments(ncr("dhcid", null), "dhcid: required member is missing"),
        arguments(
            ncr("lease-expires-on", "\"2030-01-01\""),
            "lease-expires-on: invalid date-time '2030-01-01': expected 14 digits YYYYMMDDHHMMSS"),
        arguments(
            ncr("lease-expires-on", "\"2030010100000a\""),
            "lease-expires-on: invalid date-time '2030010100000a': expected 14 digits YYYYMMDDHHMMSS"),
        arguments(
            ncr("lease-expires-on", "\"19691231235959\""),
            "lease-expires-on: invalid date-time '19691231235959': year 1969 is outside 1970..9999"),
        arguments(
            ncr("lease-expires-on", "\"20301301000000\""),
            "lease-expires-on: invalid date-time '20301301000000': month 13 is outside 1..12"),
        arguments(
            ncr("lease-expires-on", "\"20300230000000\""),
            "lease-expires-on: invalid date-time '20300230000000': day 30 is outside 1..28"),
        arguments(
            ncr("lease-expires-on", "\"20300101240000\""),
            "lease-expires-on: invalid date-time '20300101240000': hour 24 is outside 0..23"),
        arguments(
            ncr("lease-expires-on", "\"20300101006000\""),
            "lease-expires-on: invalid date-time '20300101006000': minute 60 is outside 0..59"),
        arguments(
            ncr("lease-expires-on", "\"20300101000061\""),
            "lease-expires-on: invalid date-time '20300101000061': second 61 is outside 0..60"),
        arguments(
            ncr("lease-expires-on", "20300101000000"),
            "lease-expires-on: expected a string but got number 20300101000000"),
        arguments(ncr("lease-length", "-1"), "lease-length: value -1 is negative"),
        arguments(
            ncr("lease-length", "4294967296"),
            "lease-length: value 4294967296 is larger than 4294967295"),
        arguments(
            ncr("lease-length", "123456789012345678901234567890"),
            "lease-length: value 123456789012345678901234567890 is larger than 4294967295"),
        arguments(
            ncr("lease-length", "1.5"), "lease-length: expected an integer but got number 1.5"),
        arguments(
            ncr("lease-length", "\"1200\""),
            "lease-length: expected an integer but got string \"1200\""),
        arguments(ncr("lease-length", null), "lease-length: required member is missing"),
        arguments(
            ncr("use-conflict-resolution", "\"yes\""),
            "use-conflict-resolution: expected a boolean but got string \"yes\""),
        arguments(
            ncr("conflict-resolution-mode", "\"Check-With-DHCID\""),
            "conflict-resolution-mode: unknown conflict resolution mode 'Check-With-DHCID' (expected"
                + " check-with-dhcid, no-check-with-dhcid, check-exists-with-dhcid or no-check-without-dhcid)"),
        arguments(
            ncr("conflict-resolution-mode", "true"),
            "conflict-resolution-mode: expected a string but got boolean true"),
        // Spec scenario 5: valid JSON that is not an object.
        arguments("[1,2]", "json: expected a JSON object but got an array"),
        arguments("42", "json: expected a JSON object but got number 42"),
        arguments("\"ncr\"", "json: expected a JSON object but got string \"ncr\""),
        arguments("null", "json: expected a JSON object but got null"),
        arguments("true", "json: expected a JSON object but got boolean true"),
        arguments("", "json: expected a JSON object but got empty input"),
        arguments("  ", "json: expected a JSON object but got empty input"));
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void decode_invalidNcr_isRejectedNamingTheMember(String json, String message) {
    assertThatThrownBy(() -> CODEC.decode(json))
        .isInstanceOf(NcrFormatException.class)
        .hasMessage(message)
        .extracting(e -> ((NcrFormatException) e).field())
        .isEqualTo(message.substring(0, message.indexOf(':')));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void decode_malformedJson_isRejectedWithPosition(String json, String messageStart) {
    // The tail of the message is Jackson's own description, which varies between versions.
    assertThatThrownBy(() -> CODEC.decode(json))
        .isInstanceOf(NcrFormatException.class)
        .hasMessageStartingWith(messageStart);
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        arguments("{", "json: malformed JSON at line 1, column 2: "),
        arguments("{\"change-type\":0,}", "json: malformed JSON at line 1, column 18: "),
        arguments(KEA_2_6 + " {}", "json: malformed JSON at line 1, column "),
        arguments("{\"change-type\":01}", "json: malformed JSON at line 1, column "),
        arguments("{\"lease-length\":NaN}", "json: malformed JSON at line 1, column "));
  }

  static Stream<Arguments> encoded() {
    NameChangeRequest withExpiry =
        NameChangeRequest.builder()
            .type(ChangeType.ADD)
            .fqdn("Host1.Example.com")
            .address("192.0.2.10")
            .dhcid("000101020304")
            .leaseExpiresOn(Instant.parse("2030-01-01T00:00:00Z"))
            .leaseLength(1200)
            .build();
    NameChangeRequest v6 =
        NameChangeRequest.builder()
            .type(ChangeType.REMOVE)
            .reverse(false)
            .fqdn("host1.example.com.")
            .address("2001:0db8:0:0:0:0:0:abcd")
            .dhcid("0a0b")
            .leaseLength(900)
            .conflictResolutionMode(ConflictResolutionMode.CHECK_EXISTS_WITH_DHCID)
            .build();
    String head =
        "{\"change-type\":0,\"forward-change\":true,\"reverse-change\":true,\"fqdn\":\"Host1.Example.com.\","
            + "\"ip-address\":\"192.0.2.10\",\"dhcid\":\"000101020304\",";
    String headV6 =
        "{\"change-type\":1,\"forward-change\":true,\"reverse-change\":false,\"fqdn\":\"host1.example.com.\","
            + "\"ip-address\":\"2001:db8::abcd\",\"dhcid\":\"0A0B\",";
    return Stream.of(
        arguments(
            Shape.KEA_2_2,
            withExpiry,
            head
                + "\"lease-expires-on\":\"20300101000000\",\"lease-length\":1200,\"use-conflict-resolution\":true}"),
        arguments(
            Shape.KEA_2_6,
            withExpiry,
            head
                + "\"lease-expires-on\":\"20300101000000\",\"lease-length\":1200,"
                + "\"conflict-resolution-mode\":\"check-with-dhcid\"}"),
        arguments(
            Shape.KEA_3_1_6,
            withExpiry,
            head + "\"lease-length\":1200,\"conflict-resolution-mode\":\"check-with-dhcid\"}"),
        arguments(
            Shape.COMPATIBLE,
            withExpiry,
            head
                + "\"lease-expires-on\":\"20300101000000\",\"lease-length\":1200,"
                + "\"use-conflict-resolution\":true,\"conflict-resolution-mode\":\"check-with-dhcid\"}"),
        // No expiry in the request: clock (2030-01-01T00:00:00Z) + lease-length 900 s.
        arguments(
            Shape.KEA_2_2,
            v6,
            headV6
                + "\"lease-expires-on\":\"20300101001500\",\"lease-length\":900,\"use-conflict-resolution\":true}"),
        arguments(
            Shape.KEA_2_6,
            v6,
            headV6
                + "\"lease-expires-on\":\"20300101001500\",\"lease-length\":900,"
                + "\"conflict-resolution-mode\":\"check-exists-with-dhcid\"}"),
        arguments(
            Shape.KEA_3_1_6,
            v6,
            headV6
                + "\"lease-length\":900,\"conflict-resolution-mode\":\"check-exists-with-dhcid\"}"),
        arguments(
            Shape.COMPATIBLE,
            v6,
            headV6
                + "\"lease-expires-on\":\"20300101001500\",\"lease-length\":900,"
                + "\"use-conflict-resolution\":true,\"conflict-resolution-mode\":\"check-exists-with-dhcid\"}"));
  }

  @ParameterizedTest
  @MethodSource("encoded")
  void encode_eachShape_writesKeaMembersInKeaOrder(
      Shape shape, NameChangeRequest ncr, String json) {
    assertThat(NcrJsonCodec.of(shape, CLOCK).encode(ncr)).isEqualTo(json);
  }

  @ParameterizedTest
  @MethodSource("encoded")
  void encodeThenDecode_eachShape_keepsWhatTheShapeCanCarry(
      Shape shape, NameChangeRequest ncr, String json) throws Exception {
    NcrJsonCodec codec = NcrJsonCodec.of(shape, CLOCK);
    NameChangeRequest back = codec.decode(codec.encode(ncr));
    Instant expectedExpiry =
        shape == Shape.KEA_3_1_6
            ? null
            : ncr.leaseExpiresOn() != null
                ? ncr.leaseExpiresOn()
                : CLOCK.instant().plusSeconds(ncr.leaseLength());
    // Kea 2.2's boolean cannot say "exists": check-exists-with-dhcid travels as true.
    ConflictResolutionMode expectedMode =
        shape == Shape.KEA_2_2
            ? ConflictResolutionMode.fromLegacyBoolean(ncr.conflictResolutionMode().legacyBoolean())
            : ncr.conflictResolutionMode();
    assertThat(back)
        .isEqualTo(
            new NameChangeRequest(
                ncr.type(),
                ncr.forward(),
                ncr.reverse(),
                ncr.fqdn(),
                ncr.address(),
                ncr.dhcid(),
                expectedExpiry,
                ncr.leaseLength(),
                expectedMode));
    assertThat(back.fqdn().text()).isEqualTo(ncr.fqdn().text());
  }

  @Test
  void encodeThenDecode_everyModeWithCompatibleShape_keepsTheMode() throws Exception {
    for (ConflictResolutionMode mode : ConflictResolutionMode.values()) {
      NameChangeRequest ncr =
          NameChangeRequest.builder()
              .type(ChangeType.ADD)
              .fqdn("h.example.org")
              .address("192.0.2.1")
              .dhcid("01")
              .conflictResolutionMode(mode)
              .build();
      assertThat(CODEC.decode(CODEC.encode(ncr)).conflictResolutionMode()).isEqualTo(mode);
    }
  }

  @Test
  void encode_fqdnNeedingJsonEscapes_isValidJson() throws Exception {
    NameChangeRequest ncr =
        NameChangeRequest.builder()
            .type(ChangeType.ADD)
            .fqdn("we\\\"ird\\\\name.example.")
            .address("192.0.2.1")
            .dhcid("01")
            .build();
    String json = CODEC.encode(ncr);
    assertThat(json).contains("\"fqdn\":\"we\\\\\\\"ird\\\\\\\\name.example.\"");
    assertThat(CODEC.decode(json).fqdn().text()).isEqualTo("we\\\"ird\\\\name.example.");
  }
}
