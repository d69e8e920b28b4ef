package io.d2j.ncr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Spec §0.3: no input may make decoding throw anything but {@link NcrFormatException}. */
class NcrDecodeFuzzTest {
  private static final NcrJsonCodec CODEC =
      NcrJsonCodec.compatible(Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC));
  private static final String[] SEEDS = {
    NcrJsonCodecTest.KEA_2_2, NcrJsonCodecTest.KEA_2_6, NcrJsonCodecTest.KEA_3_1_6
  };

  /** Decodes and reports whether the input was accepted; any other throwable fails the test. */
  private static boolean accepted(String json) {
    try {
      CODEC.decode(json);
      return true;
    } catch (NcrFormatException e) {
      assertThat(e.getMessage()).startsWith(e.field() + ": ");
      return false;
    }
  }

  private static boolean acceptedDatagram(byte[] datagram) {
    try {
      NcrFraming.decode(datagram, 0, datagram.length, CODEC);
      return true;
    } catch (NcrFormatException e) {
      return false;
    }
  }

  @Test
  void randomDatagrams_areRejectedAsFormatErrors() {
    Random random = new Random(4701);
    for (int i = 0; i < 20_000; i++) {
      byte[] datagram = new byte[random.nextInt(64)];
      random.nextBytes(datagram);
      if (datagram.length >= 2 && random.nextBoolean()) {
        // A correct prefix, so that the random body reaches the JSON parser.
        datagram[0] = (byte) ((datagram.length - 2) >>> 8);
        datagram[1] = (byte) (datagram.length - 2);
      }
      assertThat(acceptedDatagram(datagram)).isFalse();
    }
  }

  @Test
  void everyTruncation_isRejectedAndOnlyTheWholeTextAccepted() {
    for (String seed : SEEDS) {
      for (int end = 0; end < seed.length(); end++) {
        assertThat(accepted(seed.substring(0, end))).as(seed.substring(0, end)).isFalse();
        byte[] framed = NcrFraming.frame(seed);
        assertThat(acceptedDatagram(java.util.Arrays.copyOf(framed, end))).isFalse();
      }
      assertThat(accepted(seed)).isTrue();
    }
  }

  @Test
  void randomMutations_neverThrowAnythingElse() {
    Random random = new Random(2136);
    String alphabet = "{}[]\":,.-+eE0123456789aftnulr \\\u0000\u00e9\ud83d\ude00";
    int accepted = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder(SEEDS[random.nextInt(SEEDS.length)]);
      for (int k = random.nextInt(4); k >= 0; k--) {
        int at = random.nextInt(sb.length());
        char c = alphabet.charAt(random.nextInt(alphabet.length()));
        switch (random.nextInt(3)) {
          case 0 -> sb.setCharAt(at, c);
          case 1 -> sb.insert(at, c);
          default -> sb.deleteCharAt(at);
        }
      }
      if (accepted(sb.toString())) {
        accepted++;
      }
    }
    // Some mutations land in harmless places (e.g. letters inside the fqdn); most do not.
    assertThat(accepted).isBetween(1, 19_999);
  }

  @Test
  void nonObjectsAndHostileShapes_areRejected() {
    String deepArrays = "[".repeat(100_000) + "]".repeat(100_000);
    String deepObjects = "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000);
    String hugeNumber = "9".repeat(5_000);
    String[] inputs = {
      "[1,2]",
      "[]",
      "{}",
      "0",
      "-1",
      "1e999999",
      hugeNumber,
      "\"x\"",
      "null",
      "true",
      "false",
      deepArrays,
      deepObjects,
      "{\"change-type\":" + hugeNumber + "}",
      NcrJsonCodecTest.ncr("lease-length", hugeNumber),
      NcrJsonCodecTest.ncr("lease-length", "1e999999"),
      NcrJsonCodecTest.ncr("change-type", "1e2"),
      NcrJsonCodecTest.ncr("fqdn", "\"" + "a.".repeat(40_000) + "\""),
      NcrJsonCodecTest.ncr("dhcid", "\"" + "0".repeat(100_001) + "\""),
      "\u0000",
      "\ufeff{}",
      "{\"change-type\":0",
      "{\"a\":\"\\ud800\"}",
    };
    for (String input : inputs) {
      assertThat(accepted(input))
          .as(input.length() > 60 ? input.substring(0, 60) : input)
          .isFalse();
      byte[] utf8 = input.getBytes(StandardCharsets.UTF_8);
      if (utf8.length <= NcrFraming.MAX_BODY) {
        assertThat(acceptedDatagram(NcrFraming.frame(input))).isFalse();
      }
    }
  }
}
