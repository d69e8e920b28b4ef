package io.d2j.d2.listener;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.keacontrol.stats.Statistics;
import io.d2j.ncr.ChangeType;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.ncr.NcrFraming;
import io.d2j.ncr.NcrJsonCodec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The receive warm-up (issue 16 item 3) runs beside a socket that already serves (issue 14): on its
 * own datagrams when the socket is idle, giving way to the socket's own traffic otherwise.
 */
class NcrListenerWarmUpIT {

  private final NcrJsonCodec codec = NcrJsonCodec.compatible(Clock.systemUTC());
  private final AtomicInteger served = new AtomicInteger();
  private NcrListener serving;

  @AfterEach
  void close() {
    if (serving != null) {
      serving.close();
    }
  }

  private NcrListener serve() throws Exception {
    serving =
        NcrListener.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            212_992,
            codec,
            new Statistics(Clock.systemUTC()),
            (ncr, accepted) -> served.incrementAndGet(),
            false);
    return serving;
  }

  private byte[] sample(String fqdn) {
    return NcrFraming.encode(
        NameChangeRequest.builder()
            .type(ChangeType.ADD)
            .fqdn(fqdn)
            .address("192.0.2.1")
            .dhcid("0001010203040506070809")
            .forward(true)
            .reverse(false)
            .leaseLength(3600)
            .build(),
        codec);
  }

  @Test
  void warmUp_besideAnIdleSocket_runsAllItsDatagrams_andNothingReachesTheSocketsSink()
      throws Exception {
    NcrListener listener = serve();

    int decoded = NcrListener.warmUp(codec, sample("warm-up.example.org."), 500, listener);

    assertThat(decoded).isEqualTo(500);
    assertThat(listener.datagramsReceived()).isZero();
    assertThat(served).hasValue(0);
  }

  @Test
  void warmUp_whileTheSocketReceives_givesWay_andCountsWhatTheSocketReceived() throws Exception {
    NcrListener listener = serve();
    CompletableFuture<Integer> warmUp =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return NcrListener.warmUp(codec, sample("warm-up.example.org."), 300, listener);
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    byte[] real = sample("real.example.org.");
    try (DatagramChannel out = DatagramChannel.open()) {
      out.connect(listener.localAddress());
      // A datagram every 2 ms, well inside the 20 ms of quiet the warm-up waits for.
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (!warmUp.isDone() && System.nanoTime() - deadline < 0) {
        out.write(ByteBuffer.wrap(real));
        LockSupport.parkNanos(2_000_000L);
      }
    }

    int decoded = warmUp.join();
    assertThat(decoded).as("warm-up datagrams sent while the socket received").isLessThan(300);
    assertThat(listener.datagramsReceived()).isGreaterThanOrEqualTo(300L - decoded);
  }
}
