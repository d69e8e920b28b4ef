package io.d2j.keacontrol.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenBucketsTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void aBurstPasses_thenTheSustainedRate_perKey_refillCappedAtTheBurst() {
    TokenBuckets<String> buckets = new TokenBuckets<>(10, 3, 100);
    long t = SECOND;
    for (int i = 0; i < 3; i++) {
      assertThat(buckets.tryTake("a", t)).isTrue();
    }
    assertThat(buckets.tryTake("a", t)).isFalse();
    assertThat(buckets.tryTake("b", t)).as("another key has its own bucket").isTrue();
    assertThat(buckets.tryTake("a", t + 99_000_000L)).isFalse();
    assertThat(buckets.tryTake("a", t + 100_000_000L)).isTrue();
    long later = t + 60 * SECOND;
    for (int i = 0; i < 3; i++) {
      assertThat(buckets.tryTake("a", later)).isTrue();
    }
    assertThat(buckets.tryTake("a", later)).isFalse();
  }

  @Test
  void aClockThatStepsBack_addsNothing() {
    TokenBuckets<String> buckets = new TokenBuckets<>(1, 1, 10);
    assertThat(buckets.tryTake("a", 10 * SECOND)).isTrue();
    assertThat(buckets.tryTake("a", 5 * SECOND)).isFalse();
    assertThat(buckets.tryTake("a", 10 * SECOND + SECOND / 2)).isFalse();
    assertThat(buckets.tryTake("a", 11 * SECOND)).isTrue();
  }

  @Test
  void lookingDoesNotTake_soOneDecisionCanCheckSeveralTables() {
    TokenBuckets<String> buckets = new TokenBuckets<>(1, 1, 10);
    assertThat(buckets.bucket("a", 0).hasToken()).isTrue();
    assertThat(buckets.bucket("a", 0).hasToken()).isTrue();
    buckets.bucket("a", 0).take();
    assertThat(buckets.bucket("a", 0).hasToken()).isFalse();
  }

  @Test
  void theTableIsBounded_theLeastRecentlySeenForgotten_andStartsFullAgain() {
    TokenBuckets<Integer> buckets = new TokenBuckets<>(1, 1, 3);
    assertThat(buckets.tryTake(1, 0)).isTrue();
    for (int key = 2; key <= 1000; key++) {
      buckets.tryTake(key, 0);
      assertThat(buckets.size()).isLessThanOrEqualTo(3);
    }
    assertThat(buckets.tryTake(1, 0)).as("key 1 was forgotten: a full bucket again").isTrue();
    assertThat(buckets.tryTake(1000, 0)).as("key 1000 is remembered, empty").isFalse();
  }

  @Test
  void limitsBelowOne_areRefused() {
    assertThatThrownBy(() -> new TokenBuckets<>(0, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> new TokenBuckets<>(1, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
