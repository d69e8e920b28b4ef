package io.d2j.d2.listener;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.ncr.IpAddresses;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SenderRateLimitTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final SenderRateLimit limit = SenderRateLimit.of(10, 3, now::get);
  private final InetAddress a = IpAddresses.parse("192.0.2.1");
  private final InetAddress b = IpAddresses.parse("192.0.2.2");

  @Test
  void aBurstPasses_thenOneEveryTenthOfASecond_perSource() {
    assertThat(limit.admit(a)).isTrue();
    assertThat(limit.admit(a)).isTrue();
    assertThat(limit.admit(a)).isTrue();
    assertThat(limit.admit(a)).isFalse();
    assertThat(limit.admit(b)).isTrue();
    now.addAndGet(99_000_000L);
    assertThat(limit.admit(a)).isFalse();
    now.addAndGet(1_000_000L);
    assertThat(limit.admit(a)).isTrue();
    assertThat(limit.admit(a)).isFalse();
    // A long pause refills up to the burst, not beyond.
    now.addAndGet(60_000_000_000L);
    assertThat(limit.admit(a)).isTrue();
    assertThat(limit.admit(a)).isTrue();
    assertThat(limit.admit(a)).isTrue();
    assertThat(limit.admit(a)).isFalse();
    assertThat(limit.toString()).isEqualTo("10/s, burst 3");
  }

  @Test
  void off_admitsEverything() {
    for (int i = 0; i < 100_000; i++) {
      assertThat(SenderRateLimit.OFF.admit(a)).isTrue();
    }
    assertThat(SenderRateLimit.OFF.on()).isFalse();
  }
}
