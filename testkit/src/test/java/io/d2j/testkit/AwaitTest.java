package io.d2j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class AwaitTest {

  @Test
  void until_returnsOnceTheConditionHolds() {
    AtomicInteger calls = new AtomicInteger();

    Await.until(Duration.ofSeconds(5), "third call", () -> calls.incrementAndGet() == 3);

    assertThat(calls).hasValue(3);
  }

  @Test
  void until_returnsTheFirstValueTheProbeYields() {
    AtomicInteger calls = new AtomicInteger();

    String value =
        Await.until(
            Duration.ofSeconds(5),
            "a value",
            () -> calls.incrementAndGet() < 2 ? Optional.empty() : Optional.of("v" + calls.get()));

    assertThat(value).isEqualTo("v2");
  }

  @Test
  void until_timesOutNamingWhatItWaitedFor() {
    assertThatThrownBy(() -> Await.until(Duration.ZERO, "the A record", () -> false))
        .isInstanceOf(AssertionError.class)
        .hasMessage("timed out after PT0S waiting for: the A record")
        .hasNoCause();
  }

  @Test
  void until_keepsTheLastProbeFailureAsTheCause() {
    IllegalStateException failure = new IllegalStateException("SERVFAIL");

    assertThatThrownBy(
            () ->
                Await.until(
                    Duration.ZERO,
                    "the PTR record",
                    (BooleanSupplier)
                        () -> {
                          throw failure;
                        }))
        .isInstanceOf(AssertionError.class)
        .hasMessage("timed out after PT0S waiting for: the PTR record")
        .hasCause(failure);
  }
}
