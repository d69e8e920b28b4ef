package io.d2j.ncr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DhcidTest {
  private static final Fqdn MYHOST = Fqdn.of("myhost.example.com.");

  private static byte[] hex(String s) {
    return Hex.decode(s);
  }

  private static byte[] filled(int length, int value) {
    byte[] b = new byte[length];
    Arrays.fill(b, (byte) value);
    return b;
  }

  // Spec §4.2, FQDN myhost.example.com.
  @ParameterizedTest
  @CsvSource({
    "00010203040506, 0002012191B7B21AF97E0E656DF887C5E2DEF30E7758A207EDF4CCB2DE8CA37066021C",
    "010101,         000201202F813E7D9C88BADA41250F2A66297742BB9B3EB37C0981D4A905745A30BDD3",
  })
  void fromDuid_specVectors(String duid, String dhcid) {
    assertThat(Dhcid.fromDuid(hex(duid), MYHOST).toHex()).isEqualTo(dhcid);
  }

  @Test
  void fromDuid_maximum130Octets_specVector() {
    assertThat(Dhcid.fromDuid(filled(130, 1), MYHOST).toHex())
        .isEqualTo("0002015B9022851B4015AD78187BB9BDB987708C5EEA74140B28095ED36FE1EAFEE3F6");
  }

  @Test
  void fromClientId_specVector_sharesTheDigestWithTheDuidCase() {
    assertThat(Dhcid.fromClientId(hex("00010203040506"), MYHOST).toHex())
        .isEqualTo("0001012191B7B21AF97E0E656DF887C5E2DEF30E7758A207EDF4CCB2DE8CA37066021C");
  }

  @Test
  void fromClientId_rfc4361IdWithEmbeddedDuid_hashesOnlyTheDuidAsType2() {
    byte[] clientId = hex("ff5de26c15" + "00020000ab119a5720957161bdd0");
    assertThat(Dhcid.fromClientId(clientId, MYHOST).toHex())
        .isEqualTo("000201A250D060B9352AE68E5014B78D251C30EFB0D5F64E48303B2BC56E6938F129E7");
    assertThat(Dhcid.fromClientId(clientId, MYHOST))
        .isEqualTo(Dhcid.fromDuid(hex("00020000ab119a5720957161bdd0"), MYHOST));
  }

  @Test
  void fromHwAddress_specVector_hashesHtypeThenChaddr() {
    assertThat(Dhcid.fromHwAddress(1, hex("00010203040506"), MYHOST).toHex())
        .isEqualTo("0000012247F6DC4423C3E8627434A9D6868609D88948F78018B215EDCAA30C0C135035");
  }

  // RFC 4701 §3.6: the RDATA in base64 as it appears in a zone.
  @Test
  void rfc4701Section36_hardwareAddressExample() {
    Dhcid d = Dhcid.fromHwAddress(1, hex("010203040506"), Fqdn.of("client.example.com"));
    assertThat(Base64.getEncoder().encodeToString(d.bytes()))
        .isEqualTo("AAABxLmlskllE0MVjd57zHcWmEH3pCQ6VytcKD//7es/deY=");
  }

  @Test
  void rfc4701Section36_clientIdExample() {
    Dhcid d = Dhcid.fromClientId(hex("010708090a0b0c"), Fqdn.of("chi.example.com"));
    assertThat(Base64.getEncoder().encodeToString(d.bytes()))
        .isEqualTo("AAEBOSD+XR3Os/0LozeXVqcNc7FwCfQdWL3b/NaiUDlW2No=");
  }

  @Test
  void rfc4701Section36_duidExample() {
    Dhcid d =
        Dhcid.fromDuid(
            hex("00010006412df1660102030405 06".replace(" ", "")), Fqdn.of("chi6.example.com"));
    assertThat(Base64.getEncoder().encodeToString(d.bytes()))
        .isEqualTo("AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA=");
  }

  @Test
  void digest_ignoresFqdnCase() {
    assertThat(Dhcid.fromDuid(hex("00010203040506"), Fqdn.of("MyHost.EXAMPLE.com")))
        .isEqualTo(Dhcid.fromDuid(hex("00010203040506"), MYHOST));
  }

  @Test
  void fromClientId_embeddedDuidTooLong_specError() {
    byte[] id = filled(136, 1);
    id[0] = (byte) 255;
    assertThatThrownBy(() -> Dhcid.fromClientId(id, MYHOST))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("embedded DUID length of: 136, is too long");
  }

  @Test
  void fromClientId_embeddedDuidOf135_isTheLongestAccepted() {
    byte[] id = filled(135, 1);
    id[0] = (byte) 255;
    assertThat(Dhcid.fromClientId(id, MYHOST)).isEqualTo(Dhcid.fromDuid(filled(130, 1), MYHOST));
  }

  @Test
  void fromClientId_embeddedDuidTooShort_specError() {
    assertThatThrownBy(() -> Dhcid.fromClientId(hex("ff01020304"), MYHOST))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("embedded DUID length of: 5, is too short");
  }

  @Test
  void fromClientId_empty_specError() {
    assertThatThrownBy(() -> Dhcid.fromClientId(new byte[0], MYHOST))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("empty DUID used to create DHCID");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''     | empty DUID used to create DHCID",
        "0001   | DUID of 2 octets is outside 3..130 octets (RFC 8415 §11.1)",
      })
  void fromDuid_badLength_isRejected(String duid, String message) {
    assertThatThrownBy(() -> Dhcid.fromDuid(hex(duid), MYHOST))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void fromDuid_131Octets_isRejected() {
    assertThatThrownBy(() -> Dhcid.fromDuid(filled(131, 1), MYHOST))
        .hasMessage("DUID of 131 octets is outside 3..130 octets (RFC 8415 §11.1)");
  }

  @Test
  void fromHwAddress_badInputs_areRejected() {
    assertThatThrownBy(() -> Dhcid.fromHwAddress(1, new byte[0], MYHOST))
        .hasMessage("empty hardware address used to create DHCID");
    assertThatThrownBy(() -> Dhcid.fromHwAddress(256, hex("01"), MYHOST))
        .hasMessage("htype 256 is not an octet (0..255)");
    assertThatThrownBy(() -> Dhcid.fromHwAddress(1, new byte[21], MYHOST))
        .hasMessage("hardware address of 21 octets is longer than 20 octets");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "00010      | odd number of hex digits (5) in '00010'",
        "''         | must not be empty",
        "0g         | invalid hex digit 'g' at position 1 in '0g'",
        "00-1       | invalid hex digit '-' at position 2 in '00-1'",
        "\u0663\u0663 | invalid hex digit '\u0663' at position 0 in '\u0663\u0663'",
      })
  void fromHex_badText_isRejected(String text, String message) {
    assertThatThrownBy(() -> Dhcid.fromHex(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void fromHex_anyCase_isUpperCaseHexAndComparesByBytes() {
    Dhcid lower = Dhcid.fromHex("000101020304abcdef");
    Dhcid upper = Dhcid.fromHex("000101020304ABCDEF");
    assertThat(lower.toHex()).isEqualTo("000101020304ABCDEF");
    assertThat(lower).isEqualTo(upper).hasSameHashCodeAs(upper);
    assertThat(lower).hasToString("000101020304ABCDEF");
    assertThat(Base64.getEncoder().encodeToString(Dhcid.fromHex("000101020304").bytes()))
        .isEqualTo("AAEBAgME");
  }

  @Test
  void bytes_isACopy() {
    Dhcid d = Dhcid.fromHex("0102");
    d.bytes()[0] = 9;
    assertThat(d.toHex()).isEqualTo("0102");
  }
}
