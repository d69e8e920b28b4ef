package io.d2j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateStepperTest {

  /** Runs the search against a target that passes every rate up to {@code capacity}. */
  private static List<Integer> search(RateStepper stepper, int capacity) {
    List<Integer> tried = new ArrayList<>();
    while (!stepper.done()) {
      tried.add(stepper.current());
      stepper.record(stepper.current() <= capacity);
    }
    return tried;
  }

  @ParameterizedTest(name = "capacity {0}: tries {1}, best {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "3000  | 500 1000 2000 4000 4000 3000 3500 3500 3250 3250 | 3000",
        "20000 | 500 1000 2000 4000 8000 16000 20000 | 20000",
        "700   | 500 1000 1000 750 750 625 687 | 687",
        "120   | 500 500 250 250 125 125 | 0",
        "300   | 500 500 250 375 375 312 312 281 296 | 296",
      })
  void searchesUpThenBisects(int capacity, String tried, int best) {
    RateStepper stepper = new RateStepper(500, 100, 20000, 0.1, 20);
    assertThat(search(stepper, capacity))
        .extracting(String::valueOf)
        .containsExactly(tried.split(" "));
    assertThat(stepper.best()).isEqualTo(best);
  }

  @Test
  void aFailureThatDoesNotRepeat_doesNotCount() {
    RateStepper stepper = new RateStepper(500, 100, 2000, 0.1, 20);
    List<Boolean> outcomes = List.of(true, false, true, true);
    List<Integer> tried = new ArrayList<>();
    for (boolean passed : outcomes) {
      tried.add(stepper.current());
      stepper.record(passed);
    }
    assertThat(tried).containsExactly(500, 1000, 1000, 2000);
    assertThat(stepper.done()).isTrue();
    assertThat(stepper.best()).isEqualTo(2000);
  }

  @Test
  void stopsAfterMaxSteps() {
    RateStepper stepper = new RateStepper(500, 100, 20000, 0.01, 3);
    assertThat(search(stepper, 3000)).containsExactly(500, 1000, 2000);
    assertThat(stepper.best()).isEqualTo(2000);
  }

  @Test
  void refusesARecordAfterTheEnd() {
    RateStepper stepper = new RateStepper(500, 100, 500, 0.1, 5);
    stepper.record(true);
    assertThatThrownBy(() -> stepper.record(true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("record: the search is already done (best 500)");
  }

  @Test
  void rejectsAStartBelowTheFloor() {
    assertThatThrownBy(() -> new RateStepper(50, 100, 500, 0.1, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rates: need 1 <= floor <= start <= max (floor 100, start 50, max 500)");
  }
}
