package io.d2j.d2.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.d2.runtime.D2Daemon;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The command line's run of Vert.x's UDP path while the daemon starts (issue 14). */
class UdpWarmUpTest {

  @Test
  void datagramComesBackAndTheSocketIsClosed() {
    Vertx vertx = D2Daemon.newVertx();
    try {
      long start = System.nanoTime();
      boolean back = DnsUpdateClient.warmUp(vertx).await();
      assertThat(back).as("its datagram came back (not the time-out)").isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    } finally {
      vertx.close().await();
    }
  }
}
