package io.d2j.ncr.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.ncr.NcrFraming;
import io.d2j.ncr.auth.NcrVerifier.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NcrVerifierTest {

  private static final byte[] SECRET =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final NcrAuthKey KEY = new NcrAuthKey("NCR-Key.", SECRET);
  private static final Instant NOW = Instant.parse("2026-12-03T20:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final byte[] FRAMED = NcrFraming.frame("{\"change-type\":0}");

  private final NcrVerifier verifier = new NcrVerifier(List.of(KEY), Duration.ofSeconds(30), CLOCK);

  @Test
  void aSignedDatagram_verifies_once_andItsNcrIsTheFramedPart() {
    byte[] signed = new NcrSigner(KEY, CLOCK, 7).sign(FRAMED);
    assertThat(Arrays.copyOf(signed, FRAMED.length)).isEqualTo(FRAMED);
    assertThat(signed.length)
        .isEqualTo(FRAMED.length + NcrSigner.FIXED_OCTETS + "ncr-key".length());
    NcrVerifier.Check c = verifier.check(signed, 0, signed.length);
    assertThat(c).isEqualTo(new NcrVerifier.Check(Outcome.SIGNED, FRAMED.length, "ncr-key", ""));
    assertThat(verifier.check(signed, 0, signed.length))
        .isEqualTo(
            new NcrVerifier.Check(
                Outcome.REPLAYED, FRAMED.length, "ncr-key", "counter 1 was already received"));
  }

  @Test
  void aPlainFramedNcr_isUnsigned() {
    assertThat(verifier.check(FRAMED, 0, FRAMED.length).outcome()).isEqualTo(Outcome.UNSIGNED);
    assertThat(verifier.check(FRAMED, 0, 1).outcome()).isEqualTo(Outcome.UNSIGNED);
  }

  @Test
  void aChangedBody_isRefused() {
    byte[] signed = new NcrSigner(KEY, CLOCK, 7).sign(FRAMED);
    signed[5] ^= 1;
    assertThat(verifier.check(signed, 0, signed.length).reason())
        .isEqualTo("the signature with key 'ncr-key' does not verify");
  }

  @Test
  void anotherSecretUnderTheSameName_isRefused() {
    byte[] other = SECRET.clone();
    other[0] ^= 1;
    byte[] signed = new NcrSigner(new NcrAuthKey("ncr-key", other), CLOCK, 7).sign(FRAMED);
    assertThat(verifier.check(signed, 0, signed.length).outcome()).isEqualTo(Outcome.REFUSED);
  }

  @Test
  void anUnknownKeysName_isShownWithoutControlCharacters() {
    byte[] signed = new NcrSigner(new NcrAuthKey("x'\nforged", SECRET), CLOCK, 7).sign(FRAMED);
    assertThat(verifier.check(signed, 0, signed.length).reason())
        .isEqualTo("signed with key 'x\\x27\\x0aforged', which is not configured");
  }

  @Test
  void anUnknownKey_isRefused_byName() {
    byte[] signed = new NcrSigner(new NcrAuthKey("other", SECRET), CLOCK, 7).sign(FRAMED);
    assertThat(verifier.check(signed, 0, signed.length).reason())
        .isEqualTo("signed with key 'other', which is not configured");
  }

  @Test
  void aSigningTimeOutsideTheWindow_isRefused_eitherWay() {
    byte[] old =
        new NcrSigner(KEY, Clock.fixed(NOW.minusSeconds(31), ZoneOffset.UTC), 7).sign(FRAMED);
    assertThat(verifier.check(old, 0, old.length).reason())
        .isEqualTo("signed 31 s ago, outside the 30 s window");
    byte[] future =
        new NcrSigner(KEY, Clock.fixed(NOW.plusSeconds(45), ZoneOffset.UTC), 7).sign(FRAMED);
    assertThat(verifier.check(future, 0, future.length).reason())
        .isEqualTo("signed 45 s in the future, outside the 30 s window");
    byte[] edge =
        new NcrSigner(KEY, Clock.fixed(NOW.minusSeconds(30), ZoneOffset.UTC), 7).sign(FRAMED);
    assertThat(verifier.check(edge, 0, edge.length).outcome()).isEqualTo(Outcome.SIGNED);
  }

  @Test
  void aSigningTimeHalfTheLongRangeAway_isRefused_notTakenForNow() {
    // now - signedAt overflows to Long.MIN_VALUE, whose absolute value is itself (negative).
    long far = NOW.toEpochMilli() + Long.MIN_VALUE;
    byte[] signed =
        new NcrSigner(KEY, Clock.fixed(Instant.ofEpochMilli(far), ZoneOffset.UTC), 7).sign(FRAMED);
    NcrVerifier.Check c = verifier.check(signed, 0, signed.length);
    assertThat(c.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(c.reason()).endsWith("outside the 30 s window");
  }

  @Test
  void outOfOrderCounters_withinTheWindow_areTakenOnce_olderOnesRefused() {
    NcrSigner signer = new NcrSigner(KEY, CLOCK, 9);
    byte[][] sent = new byte[NcrVerifier.REPLAY_WINDOW + 10][];
    for (int i = 0; i < sent.length; i++) {
      sent[i] = signer.sign(FRAMED);
    }
    // Counter 3 first, then 1 and 2 late: all fresh.
    assertThat(verifier.check(sent[2], 0, sent[2].length).outcome()).isEqualTo(Outcome.SIGNED);
    assertThat(verifier.check(sent[0], 0, sent[0].length).outcome()).isEqualTo(Outcome.SIGNED);
    assertThat(verifier.check(sent[1], 0, sent[1].length).outcome()).isEqualTo(Outcome.SIGNED);
    assertThat(verifier.check(sent[0], 0, sent[0].length).outcome()).isEqualTo(Outcome.REPLAYED);
    byte[] last = sent[sent.length - 1];
    assertThat(verifier.check(last, 0, last.length).outcome()).isEqualTo(Outcome.SIGNED);
    // Counter 4 was never received, but is now more than the window below the highest.
    assertThat(verifier.check(sent[3], 0, sent[3].length).reason())
        .isEqualTo("counter 4 is more than 1024 below the highest received (" + sent.length + ")");
    // Counter highest - 1023 is still inside and unseen.
    byte[] inside = sent[sent.length - NcrVerifier.REPLAY_WINDOW];
    assertThat(verifier.check(inside, 0, inside.length).outcome()).isEqualTo(Outcome.SIGNED);
  }

  @Test
  void aRestartedSender_hasItsOwnWindow() {
    byte[] first = new NcrSigner(KEY, CLOCK, 1).sign(FRAMED);
    byte[] restarted = new NcrSigner(KEY, CLOCK, 2).sign(FRAMED);
    assertThat(verifier.check(first, 0, first.length).outcome()).isEqualTo(Outcome.SIGNED);
    assertThat(verifier.check(restarted, 0, restarted.length).outcome()).isEqualTo(Outcome.SIGNED);
  }

  @Test
  void bytesAfterTheNcrThatAreNoSignature_areRefused() {
    byte[] junk = Arrays.copyOf(FRAMED, FRAMED.length + 100);
    assertThat(verifier.check(junk, 0, junk.length).reason())
        .isEqualTo("octets after the NCR are not a d2j signature");
  }

  @Test
  void everyTruncationAndEveryFlippedOctet_isRefusedOrUnsigned_neverThrown() {
    byte[] signed = new NcrSigner(KEY, CLOCK, 11).sign(FRAMED);
    for (int len = 0; len < signed.length; len++) {
      assertThat(verifier.check(signed, 0, len).outcome())
          .as("length %d", len)
          .isIn(Outcome.UNSIGNED, Outcome.REFUSED);
    }
    for (int i = 2; i < signed.length; i++) {
      byte[] copy = signed.clone();
      copy[i] ^= 0x40;
      assertThat(verifier.check(copy, 0, copy.length).outcome())
          .as("octet %d", i)
          .isIn(Outcome.UNSIGNED, Outcome.REFUSED);
    }
  }

  @Test
  void keys_needASaneNameAndAtLeast128Bits() {
    assertThatThrownBy(() -> new NcrAuthKey("k", new byte[15]))
        .hasMessage("secret: 15 octets is too short to sign NCRs (at least 16)");
    assertThatThrownBy(() -> new NcrAuthKey(".", SECRET))
        .hasMessage("name: '.' must be 1 to 255 ASCII characters to sign NCRs");
    assertThat(KEY.toString()).isEqualTo("NcrAuthKey[ncr-key]");
  }
}
