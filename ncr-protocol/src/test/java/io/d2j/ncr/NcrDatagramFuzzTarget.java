package io.d2j.ncr;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Jazzer target: any datagram on the NCR port goes through framing and the JSON codec as the
 * listener runs them; nothing but {@link NcrFormatException} may come out (d2-behaviour.md §0.3),
 * and an accepted NCR re-encodes to a text that decodes and encodes to the same bytes. Seeds: the
 * three Kea NCR shapes, framed.
 */
class NcrDatagramFuzzTarget {
  private static final NcrJsonCodec CODEC =
      NcrJsonCodec.compatible(Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC));

  @FuzzTest(maxDuration = "30s")
  void decode(byte[] datagram) {
    NameChangeRequest ncr;
    try {
      ncr = NcrFraming.decode(datagram, 0, datagram.length, CODEC);
    } catch (NcrFormatException e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    // One round may fill in defaults (lease-expires-on); after it, encoding is a fixed point.
    byte[] once = NcrFraming.encode(ncr, CODEC);
    try {
      NameChangeRequest back = NcrFraming.decode(once, 0, once.length, CODEC);
      assertThat(NcrFraming.encode(back, CODEC)).isEqualTo(once);
    } catch (NcrFormatException e) {
      throw new AssertionError("re-encoded NCR rejected: " + e.getMessage(), e);
    }
  }
}
