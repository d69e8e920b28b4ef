package io.d2j.tsig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TsigKeyRingTest {
  private static final String SECRET = "LSWXnfkKZjdPJI5QxlpnfQ==";
  private static final TsigKeySpec D2KEY = TsigKeySpec.of("d2key", "HMAC-SHA256", 0, SECRET);
  private static final TsigKeySpec OTHER = TsigKeySpec.of("other.key.", "HMAC-MD5", 0, SECRET);

  private final TsigKeyRing ring = new TsigKeyRing(List.of(D2KEY, OTHER));

  @ParameterizedTest
  @ValueSource(strings = {"d2key", "d2key.", "D2KEY", "D2Key."})
  void find_ignoresCaseAndTrailingDot(String name) {
    assertThat(ring.find(name)).contains(D2KEY);
  }

  @Test
  void find_absoluteConfiguredName_withoutDot() {
    assertThat(ring.find("Other.Key")).contains(OTHER);
  }

  @Test
  void find_unknown_isEmpty() {
    assertThat(ring.find("d2kye")).isEmpty();
    assertThat(ring.find("d2key.example.")).isEmpty();
  }

  @Test
  void keys_keepConfigurationOrder() {
    assertThat(ring.keys()).containsExactly(D2KEY, OTHER);
    assertThat(ring.size()).isEqualTo(2);
  }

  @Test
  void emptyRing_findsNothing() {
    TsigKeyRing empty = new TsigKeyRing(List.of());

    assertThat(empty.size()).isZero();
    assertThat(empty.find("d2key")).isEmpty();
  }

  @Test
  void duplicateNames_differingInCaseAndDot_areKeasError() {
    TsigKeySpec again = TsigKeySpec.of("D2KEY.", "HMAC-SHA512", 0, SECRET);

    assertThatThrownBy(() -> new TsigKeyRing(List.of(D2KEY, again)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Duplicate TSIG key name specified : D2KEY");
  }

  @Test
  void toString_listsNamesOnly() {
    assertThat(ring).hasToString("TsigKeyRing[d2key., other.key.]");
    assertThat(ring.toString()).doesNotContain(SECRET);
  }
}
