package io.d2j.dhcp4.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** No datagram may make decoding throw anything but {@link DhcpFormatException}. */
class DhcpCodecFuzzTest {
  private static final List<byte[]> SEEDS =
      List.of(
          RealClientPacketsTest.dhclientDiscover(),
          RealClientPacketsTest.udhcpcDiscover(),
          RealClientPacketsTest.windowsRequest());

  /**
   * Decodes; an accepted packet must re-encode to one that decodes equal (the codec is its own
   * inverse on everything it accepts). Any exception but DhcpFormatException fails the test.
   */
  private static boolean accepted(byte[] datagram) {
    DhcpPacket packet;
    try {
      packet = DhcpCodec.decode(datagram);
    } catch (DhcpFormatException e) {
      assertThat(e.getMessage()).startsWith(e.where() + ": ");
      return false;
    }
    try {
      assertThat(DhcpCodec.decode(DhcpCodec.encode(packet, 65535))).isEqualTo(packet);
    } catch (DhcpFormatException e) {
      throw new AssertionError("re-encoded packet rejected: " + e.getMessage(), e);
    }
    return true;
  }

  @Test
  void randomDatagrams_areRejected() {
    Random random = new Random(2131);
    for (int i = 0; i < 20_000; i++) {
      byte[] datagram = new byte[random.nextInt(600)];
      random.nextBytes(datagram);
      assertThat(accepted(datagram)).isFalse();
    }
  }

  @Test
  void randomOptionAreas_behindAValidHeader_neverThrowAnythingElse() {
    Random random = new Random(3396);
    int accepted = 0;
    for (int i = 0; i < 50_000; i++) {
      byte[] datagram = Arrays.copyOf(SEEDS.get(0), 240 + random.nextInt(120));
      for (int k = 240; k < datagram.length; k++) {
        // Small codes and lengths, so that options, 52 and 255 are common.
        int r = random.nextInt(10);
        datagram[k] = (byte) (r < 2 ? 255 : r < 3 ? 52 : r < 4 ? 0 : random.nextInt(8));
      }
      if (random.nextBoolean()) {
        // Sometimes make sname/file option-like too, for the overload paths.
        for (int k = 44; k < 236; k++) {
          datagram[k] = (byte) (random.nextInt(4) == 0 ? 255 : random.nextInt(6));
        }
      }
      if (accepted(datagram)) {
        accepted++;
      }
    }
    assertThat(accepted).isBetween(1, 49_999);
  }

  @Test
  void everyTruncationOfARealPacket_isRejectedOrLosesOnlyPadding() {
    for (byte[] seed : SEEDS) {
      int end = endOptionOffset(seed);
      for (int length = 0; length < seed.length; length++) {
        assertThat(accepted(Arrays.copyOf(seed, length)))
            .as("length " + length)
            .isEqualTo(length > end);
      }
    }
  }

  @Test
  void randomMutationsOfRealPackets_neverThrowAnythingElse() {
    Random random = new Random(2132);
    int accepted = 0;
    for (int i = 0; i < 50_000; i++) {
      byte[] datagram = SEEDS.get(random.nextInt(SEEDS.size())).clone();
      for (int k = random.nextInt(4); k >= 0; k--) {
        datagram[random.nextInt(datagram.length)] = (byte) random.nextInt(256);
      }
      if (accepted(datagram)) {
        accepted++;
      }
    }
    assertThat(accepted).isBetween(1, 49_999);
  }

  /** The offset of the end option in a seed without overload. */
  private static int endOptionOffset(byte[] seed) {
    int at = 240;
    while ((seed[at] & 0xff) != 255) {
      at += 2 + (seed[at + 1] & 0xff);
    }
    return at;
  }
}
