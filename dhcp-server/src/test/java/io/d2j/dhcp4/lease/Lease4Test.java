package io.d2j.dhcp4.lease;

import static io.d2j.dhcp4.lease.Leases.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.dhcp4.Octets;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Lease4Test {
  private static final Octets MAC = Octets.parseColonHex("00:0c:01:02:03:04");

  private static Lease4 with(
      Octets hw, Octets cid, long valid, long cltt, long subnet, LeaseState state, String ctx) {
    return new Lease4(ip("10.0.0.5"), hw, cid, valid, cltt, subnet, false, false, "", state, ctx);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(
            (Supplier<Lease4>)
                () -> with(Octets.EMPTY, Octets.EMPTY, 60, 0, 1, LeaseState.DEFAULT, ""),
            "lease 10.0.0.5: neither hwaddr nor client-id (only a declined lease may have neither)"),
        Arguments.of(
            (Supplier<Lease4>)
                () -> with(Octets.of(new byte[21]), Octets.EMPTY, 60, 0, 1, LeaseState.DEFAULT, ""),
            "lease 10.0.0.5: hwaddr of 21 octets exceeds 20"),
        Arguments.of(
            (Supplier<Lease4>)
                () -> with(MAC, Octets.of((byte) 1), 60, 0, 1, LeaseState.DEFAULT, ""),
            "lease 10.0.0.5: client-id of 1 octets is outside 2-128"),
        Arguments.of(
            (Supplier<Lease4>)
                () -> with(MAC, Octets.of(new byte[129]), 60, 0, 1, LeaseState.DEFAULT, ""),
            "lease 10.0.0.5: client-id of 129 octets is outside 2-128"),
        Arguments.of(
            (Supplier<Lease4>) () -> with(MAC, Octets.EMPTY, 0, 0, 1, LeaseState.DEFAULT, ""),
            "lease 10.0.0.5: valid-lifetime 0 is outside 1-4294967295"),
        Arguments.of(
            (Supplier<Lease4>)
                () -> with(MAC, Octets.EMPTY, 1L << 32, 0, 1, LeaseState.DEFAULT, ""),
            "lease 10.0.0.5: valid-lifetime 4294967296 is outside 1-4294967295"),
        Arguments.of(
            (Supplier<Lease4>) () -> with(MAC, Octets.EMPTY, 60, -1, 1, LeaseState.DEFAULT, ""),
            "lease 10.0.0.5: cltt -1 is negative"),
        Arguments.of(
            (Supplier<Lease4>) () -> with(MAC, Octets.EMPTY, 60, 0, -1, LeaseState.DEFAULT, ""),
            "lease 10.0.0.5: subnet-id -1 is not a uint32"),
        Arguments.of(
            (Supplier<Lease4>) () -> with(MAC, Octets.EMPTY, 60, 0, 1, LeaseState.DEFAULT, "[1]"),
            "lease 10.0.0.5: user-context is not a JSON object: [1]"),
        Arguments.of(
            (Supplier<Lease4>)
                () -> with(MAC, Octets.EMPTY, 60, 0, 1, LeaseState.DEFAULT, "{\"a\":"),
            "lease 10.0.0.5: user-context is not a JSON object: {\"a\":"));
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void invalidLease_isRejectedNamingTheField(Supplier<Lease4> lease, String message) {
    assertThatThrownBy(lease::get).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }

  @Test
  void declinedLease_mayHaveNoClientIdentity() {
    Lease4 declined = with(Octets.EMPTY, Octets.EMPTY, 86400, 0, 1, LeaseState.DECLINED, "");
    assertThat(declined.state()).isEqualTo(LeaseState.DECLINED);
  }

  @Test
  void expiry_isClttPlusLifetime_andExpiredMeansStrictlyBefore() {
    Lease4 lease = with(MAC, Octets.EMPTY, 3600, 1000, 1, LeaseState.DEFAULT, "{\"x\": [1]}");
    assertThat(lease.expire()).isEqualTo(4600);
    assertThat(lease.expiredAt(Instant.ofEpochSecond(4600))).isFalse();
    assertThat(lease.expiredAt(Instant.ofEpochSecond(4601))).isTrue();
  }

  @Test
  void unknownState_isRejected() {
    assertThatThrownBy(() -> LeaseState.fromCode(3))
        .hasMessage("state: 3 is not 0 (default), 1 (declined) or 2 (expired-reclaimed)");
  }
}
