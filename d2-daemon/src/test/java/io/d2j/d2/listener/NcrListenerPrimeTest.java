package io.d2j.d2.listener;

import static org.assertj.core.api.Assertions.assertThatCode;

import io.d2j.ncr.NcrJsonCodec;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The start-up's decode prime (issue 14): the built-in sample is a valid NCR for the codec. */
class NcrListenerPrimeTest {

  @Test
  void theSampleDecodes() {
    assertThatCode(() -> NcrListener.primeDecoding(NcrJsonCodec.compatible(Clock.systemUTC())))
        .doesNotThrowAnyException();
  }
}
