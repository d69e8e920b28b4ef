package io.d2j.keacontrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnswerTest {

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 1001})
  void keasResultCodes_areAnswers(int result) {
    Answer a = new Answer(result, Optional.of("text"), Optional.empty());

    assertThat(a.toJson().get("result").asInt()).isEqualTo(result);
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 5, 1000, 1002})
  void otherResultCodes_areRefused(int result) {
    assertThatThrownBy(() -> new Answer(result, Optional.of("text"), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("result: expected 0..4 or 1001, got " + result);
  }
}
