package io.d2j.d2.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SegmentTest {

  @ParameterizedTest
  @CsvSource({
    "0, 00000000000000000000.seg",
    "7, 00000000000000000007.seg",
    "1234567890, 00000000001234567890.seg",
    "9223372036854775807, 09223372036854775807.seg"
  })
  void name_isTheFirstSequenceNumberIn20Digits_andParsesBack(long seq, String name) {
    assertThat(Segment.name(seq)).isEqualTo(name);
    assertThat(Segment.parseName(name)).isEqualTo(seq);
  }

  @ParameterizedTest
  @CsvSource({"-1", "-9223372036854775808"})
  void name_ofANegativeNumber_isRefused(long seq) {
    assertThatThrownBy(() -> Segment.name(seq))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("firstSeq: negative (" + seq + ")");
  }
}
