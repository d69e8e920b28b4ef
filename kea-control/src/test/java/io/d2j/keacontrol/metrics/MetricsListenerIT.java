package io.d2j.keacontrol.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.keacontrol.stats.Statistics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The listener follows reconfigurations, and a refused one leaves it where it was. */
class MetricsListenerIT {

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private final Statistics stats = new Statistics(Clock.systemUTC());
  private final MetricsSource source = MetricsSource.of(stats, List::of);

  @Test
  void moveTo_aNewAddress_servesThereOnly_andOffClosesIt() throws Exception {
    InetSocketAddress first = freeAddress();
    InetSocketAddress second = freeAddress();
    stats.increment("ncr-received");
    try (MetricsListener metrics = MetricsListener.start(Optional.of(first), source, "test")) {
      assertThat(scrape(first)).contains("ncr_received_total 1.0");

      metrics.moveTo(Optional.of(second));

      assertThat(metrics.address()).contains(second);
      assertThat(scrape(second)).contains("ncr_received_total 1.0");
      assertThatThrownBy(() -> scrape(first)).isInstanceOf(IOException.class);

      metrics.moveTo(Optional.empty());

      assertThat(metrics.address()).isEmpty();
      assertThatThrownBy(() -> scrape(second)).isInstanceOf(IOException.class);
    }
  }

  @Test
  void moveTo_anAddressInUse_throws_andKeepsServingOnTheOldOne() throws Exception {
    InetSocketAddress first = freeAddress();
    try (ServerSocket taken = new ServerSocket(0, 1, LOOPBACK);
        MetricsListener metrics = MetricsListener.start(Optional.of(first), source, "test")) {
      InetSocketAddress busy = new InetSocketAddress(LOOPBACK, taken.getLocalPort());

      assertThatThrownBy(() -> metrics.moveTo(Optional.of(busy)))
          .isInstanceOf(IOException.class)
          .hasMessageContaining(busy.toString());

      assertThat(metrics.configured()).contains(first);
      assertThat(scrape(first)).contains("# TYPE");
    }
  }

  @Test
  void moveBack_afterARefusedConfiguration_servesOnThePreviousAddressAgain() throws Exception {
    InetSocketAddress first = freeAddress();
    InetSocketAddress second = freeAddress();
    try (MetricsListener metrics = MetricsListener.start(Optional.of(first), source, "test")) {
      Optional<InetSocketAddress> was = metrics.configured();
      metrics.moveTo(Optional.of(second));

      metrics.moveBack(was);

      assertThat(metrics.address()).contains(first);
      assertThat(scrape(first)).contains("# TYPE");
      assertThatThrownBy(() -> scrape(second)).isInstanceOf(IOException.class);
    }
  }

  @Test
  void moveBack_whenThePreviousPortWasTakenMeanwhile_runsWithoutAListener() throws Exception {
    InetSocketAddress second = freeAddress();
    try (ServerSocket taken = new ServerSocket(0, 1, LOOPBACK);
        MetricsListener metrics = MetricsListener.start(Optional.of(second), source, "test")) {
      InetSocketAddress busy = new InetSocketAddress(LOOPBACK, taken.getLocalPort());

      metrics.moveBack(Optional.of(busy));

      assertThat(metrics.address()).isEmpty();
      assertThat(metrics.configured()).isEmpty();
      assertThatThrownBy(() -> scrape(second)).isInstanceOf(IOException.class);
    }
  }

  private static InetSocketAddress freeAddress() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
      return new InetSocketAddress(LOOPBACK, s.getLocalPort());
    }
  }

  private static String scrape(InetSocketAddress at) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + at.getPort() + "/metrics"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return r.body();
  }
}
