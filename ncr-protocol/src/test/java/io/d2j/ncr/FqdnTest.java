package io.d2j.ncr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FqdnTest {
  @ParameterizedTest
  @CsvSource({
    "Host1.Example.com,   Host1.Example.com.,   host1.example.com.",
    "Host1.Example.com.,  Host1.Example.com.,   host1.example.com.",
    "h,                   h.,                   h.",
    "a\\.b,               a\\.b.,               a\\.b.",
    "É.Example,           É.Example.,           É.example.",
  })
  void of_addsTrailingDotAndKeepsCase(String in, String text, String canonical) {
    Fqdn f = Fqdn.of(in);
    assertThat(f.text()).isEqualTo(text);
    assertThat(f).hasToString(text);
    assertThat(f.canonical()).isEqualTo(canonical);
  }

  @Test
  void equality_ignoresCaseAndTrailingDot() {
    assertThat(Fqdn.of("Host1.Example.COM"))
        .isEqualTo(Fqdn.of("host1.example.com."))
        .hasSameHashCodeAs(Fqdn.of("host1.example.com."))
        .isNotEqualTo(Fqdn.of("host2.example.com."));
  }

  @Test
  void equality_comparesWireOctetsSoEscapesMatchTheirCharacters() {
    assertThat(Fqdn.of("\\065b.example")).isEqualTo(Fqdn.of("ab.example."));
  }

  @Test
  void canonicalWire_isLowerCaseDnsWireFormat() {
    assertThat(Hex.encode(Fqdn.of("MyHost.Example.COM").canonicalWire()))
        .isEqualTo("066D79686F7374076578616D706C6503636F6D00");
  }

  @Test
  void canonicalWire_escapedDotStaysInsideItsLabel() {
    assertThat(Hex.encode(Fqdn.of("a\\.b.c").canonicalWire())).isEqualTo("03612E620163" + "00");
  }

  @Test
  void longestLabelAndName_areAccepted() {
    String name255 =
        "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);
    assertThat(Fqdn.of(name255).canonicalWire()).hasSize(255);
    assertThat(Fqdn.of("a".repeat(63) + ".com").text()).isEqualTo("a".repeat(63) + ".com.");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''        | invalid name '': name is empty",
        ".         | invalid name '.': the root name has no host labels",
        ".bad      | invalid name '.bad': empty label",
        "a..b      | invalid name 'a..b': empty label",
        "a.b..     | invalid name 'a.b..': empty label",
        "a\\       | invalid name 'a\\': dangling escape at the end",
        "a\\25     | invalid name 'a\\25': escape at position 1 needs three decimal digits",
        "a\\256    | invalid name 'a\\256': escape \\256 is above 255",
      })
  void of_badName_isRejected(String text, String message) {
    assertThatThrownBy(() -> Fqdn.of(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void of_labelOf64Octets_isRejected() {
    String label = "x".repeat(64);
    assertThatThrownBy(() -> Fqdn.of(label + ".example"))
        .hasMessage("invalid name '" + label + ".example': a label is 64 octets, more than 63");
  }

  @Test
  void of_labelCountsUtf8Octets() {
    String label = "é".repeat(32); // 64 octets in UTF-8
    assertThatThrownBy(() -> Fqdn.of(label))
        .hasMessage("invalid name '" + label + "': a label is 64 octets, more than 63");
  }

  @Test
  void of_nameOf256Octets_isRejected() {
    String name =
        "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(62);
    assertThatThrownBy(() -> Fqdn.of(name))
        .hasMessage(
            "invalid name '" + name + "': name is 256 octets in wire format, more than 255");
  }
}
