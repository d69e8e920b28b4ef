package io.d2j.ncr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameChangeRequestTest {
  private static NameChangeRequest.Builder valid() {
    return NameChangeRequest.builder()
        .type(ChangeType.ADD)
        .fqdn("h1.example.org")
        .address("192.0.2.10")
        .dhcid("000101020304");
  }

  @Test
  void builder_defaults_bothDirectionsCheckWithDhcidLeaseLengthZero() {
    NameChangeRequest ncr = valid().build();
    assertThat(ncr.forward()).isTrue();
    assertThat(ncr.reverse()).isTrue();
    assertThat(ncr.conflictResolutionMode()).isEqualTo(ConflictResolutionMode.CHECK_WITH_DHCID);
    assertThat(ncr.leaseLength()).isZero();
    assertThat(ncr.leaseExpiresOn()).isNull();
    assertThat(ncr.fqdn().text()).isEqualTo("h1.example.org.");
  }

  @Test
  void bothDirectionsFalse_isRejectedWithKeasReason() {
    assertThatThrownBy(() -> valid().forward(false).reverse(false).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid Request, forward and reverse flags are both false");
  }

  @Test
  void oneDirection_isEnough() {
    assertThat(valid().forward(false).build().reverse()).isTrue();
    assertThat(valid().reverse(false).build().forward()).isTrue();
  }

  @Test
  void missingFields_areNamed() {
    assertThatThrownBy(() -> valid().type(null).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("type: must not be null");
    assertThatThrownBy(() -> valid().fqdn((Fqdn) null).build())
        .hasMessage("fqdn: must not be null");
    assertThatThrownBy(() -> valid().address((java.net.InetAddress) null).build())
        .hasMessage("address: must not be null");
    assertThatThrownBy(() -> valid().dhcid((Dhcid) null).build())
        .hasMessage("dhcid: must not be null");
    assertThatThrownBy(() -> valid().conflictResolutionMode(null).build())
        .hasMessage("conflictResolutionMode: must not be null");
  }

  @ParameterizedTest
  @CsvSource({"-1", "4294967296", "-9223372036854775808"})
  void leaseLength_outsideUnsigned32_isRejected(long length) {
    assertThatThrownBy(() -> valid().leaseLength(length).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("leaseLength: " + length + " is outside 0..4294967295");
  }

  @ParameterizedTest
  @CsvSource({"0", "4294967295"})
  void leaseLength_limits_areAccepted(long length) {
    assertThat(valid().leaseLength(length).build().leaseLength()).isEqualTo(length);
  }

  @Test
  void leaseExpiresOn_isTruncatedToSeconds() {
    assertThat(
            valid()
                .leaseExpiresOn(Instant.parse("2030-01-01T00:00:00.999Z"))
                .build()
                .leaseExpiresOn())
        .isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
  }

  @Test
  void leaseExpiresOn_outsideTheWireRange_isRejected() {
    assertThatThrownBy(
            () -> valid().leaseExpiresOn(Instant.parse("+10000-01-01T00:00:00Z")).build())
        .hasMessage("leaseExpiresOn: +10000-01-01T00:00:00Z is outside years 1970..9999");
    assertThatThrownBy(() -> valid().leaseExpiresOn(Instant.parse("1969-12-31T23:59:59Z")).build())
        .hasMessage("leaseExpiresOn: 1969-12-31T23:59:59Z is outside years 1970..9999");
  }

  @Test
  void isIpv6_followsTheAddressFamily() {
    assertThat(valid().build().isIpv6()).isFalse();
    assertThat(valid().address("2001:db8::1").build().isIpv6()).isTrue();
    assertThat(valid().address("::ffff:192.0.2.1").build().isIpv6()).isTrue();
  }

  @Test
  void requestId_isUpperCaseDhcidHex() {
    assertThat(valid().dhcid("00010a0b").build().requestId()).isEqualTo("00010A0B");
  }

  @Test
  void equality_isByValue() {
    assertThat(valid().build()).isEqualTo(valid().fqdn("H1.Example.Org.").build());
    assertThat(valid().build()).isNotEqualTo(valid().leaseLength(1).build());
  }

  @Test
  void toString_showsAddressTextAndModeName() {
    assertThat(valid().address("2001:db8:0:0::1").leaseLength(5).build())
        .hasToString(
            "NameChangeRequest[type=ADD, forward=true, reverse=true, fqdn=h1.example.org.,"
                + " address=2001:db8::1, dhcid=000101020304, leaseExpiresOn=null, leaseLength=5,"
                + " conflictResolutionMode=check-with-dhcid]");
  }

  @Test
  void changeType_codes() {
    assertThat(ChangeType.ADD.code()).isZero();
    assertThat(ChangeType.fromCode(1)).isEqualTo(ChangeType.REMOVE);
    assertThatThrownBy(() -> ChangeType.fromCode(2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid data value for change_type: 2");
  }

  @ParameterizedTest
  @CsvSource({
    "check-with-dhcid,        CHECK_WITH_DHCID,        true,  true",
    "no-check-with-dhcid,     NO_CHECK_WITH_DHCID,     true,  false",
    "check-exists-with-dhcid, CHECK_EXISTS_WITH_DHCID, true,  true",
    "no-check-without-dhcid,  NO_CHECK_WITHOUT_DHCID,  false, false",
  })
  void conflictResolutionMode_names(
      String name, ConflictResolutionMode mode, boolean usesDhcid, boolean legacy) {
    assertThat(ConflictResolutionMode.fromKeaName(name)).isEqualTo(mode);
    assertThat(mode.keaName()).isEqualTo(name);
    assertThat(mode.usesDhcid()).isEqualTo(usesDhcid);
    assertThat(mode.legacyBoolean()).isEqualTo(legacy);
  }

  @Test
  void conflictResolutionMode_isCaseSensitive() {
    assertThatThrownBy(() -> ConflictResolutionMode.fromKeaName("CHECK-WITH-DHCID"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown conflict resolution mode 'CHECK-WITH-DHCID' (expected check-with-dhcid,"
                + " no-check-with-dhcid, check-exists-with-dhcid or no-check-without-dhcid)");
  }
}
