package io.d2j.d2.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.d2j.d2.stats.D2Stats;
import io.d2j.ncr.ChangeType;
import io.d2j.ncr.ConflictResolutionMode;
import io.d2j.ncr.Dhcid;
import io.d2j.ncr.Fqdn;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.testkit.Await;
import io.d2j.testkit.BindServer;
import io.d2j.testkit.Ports;
import io.d2j.testkit.PrometheusText;
import io.d2j.testkit.TestKey;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 item 5: {@code user-context.d2j.metrics} serves the D2's statistics on {@code /metrics}
 * in the Prometheus text format. After one add against a real BIND the page, read by Prometheus'
 * own parser, has the counts the control socket has, per key too, the backlog gauges and the JVM's
 * metrics; a reconfiguration moves the listener.
 */
class MetricsIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void needs() {
    BindServer.assumeAvailable();
    PrometheusText.assumeAvailable();
  }

  private static String withMetrics(String keaJson, int port) {
    // D2Harness.keaConfig's DhcpDdns map gets a user-context.
    return keaJson.replaceFirst(
        "\"DhcpDdns\": \\{",
        "\"DhcpDdns\": { \"user-context\": { \"d2j\": { \"metrics\": { \"address\": \"127.0.0.1\","
            + " \"port\": "
            + port
            + " } } },");
  }

  private String scrape(InetSocketAddress at) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + at.getPort() + "/metrics"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    return r.body();
  }

  @Test
  void afterAnAdd_metricsHaveTheControlSocketsCounts_perKeyTheBacklogAndTheJvm() throws Exception {
    TestKey key = TestKey.random("d2j-key.", "HMAC-SHA256");
    int metricsPort = Ports.freeTcpAndUdpPort();
    try (BindServer bind = BindServer.start(key);
        D2Harness d2 =
            D2Harness.start(
                withMetrics(
                    D2Harness.keaConfig(Ports.freeUdpPort(), bind, key, 1000), metricsPort))) {
      InetSocketAddress at = d2.daemon.metricsAddress().orElseThrow();
      assertThat(at.getPort()).isEqualTo(metricsPort);
      Fqdn name = Fqdn.of("metrics.example.org.");
      d2.send(
          new NameChangeRequest(
              ChangeType.ADD,
              true,
              true,
              name,
              InetAddress.getByName("192.0.2.77"),
              Dhcid.fromClientId(new byte[] {1, 2, 3, 4}, name),
              null,
              1200,
              ConflictResolutionMode.CHECK_WITH_DHCID));
      Await.until(WAIT, "the add completed", () -> d2.stat(D2Stats.NCR_COMPLETED) == 1);
      d2.awaitIdle();

      PrometheusText page = PrometheusText.parse(scrape(at));

      Map<String, String> none = Map.of();
      assertThat(page.type("ncr_received")).contains("counter");
      assertThat(page.value("ncr_received_total", none)).contains(1.0);
      assertThat(page.value("ncr_completed_total", none)).contains(1.0);
      // Forward A + DHCID in one UPDATE, then the PTR: two UPDATEs, both signed and answered.
      for (String stat : new String[] {"update_sent", "update_signed", "update_success"}) {
        assertThat(page.value(stat + "_total", none)).as(stat).contains(2.0);
      }
      assertThat(page.value("update_error_total", none)).contains(0.0);
      assertThat(page.value("key_update_sent_total", Map.of("key", "d2j-key."))).contains(2.0);
      assertThat(page.value("key_update_success_total", Map.of("key", "d2j-key."))).contains(2.0);
      // Every statistic the control socket has is on the page, with the same value.
      d2.stats
          .snapshot()
          .forEach(
              (kea, sample) -> {
                String family = io.d2j.keacontrol.metrics.PrometheusSeries.of(kea).family();
                assertThat(page.families()).as(kea).containsKey(family);
              });
      assertThat(page.type("ncr_queue_depth")).contains("gauge");
      assertThat(page.value("ncr_queue_depth", none)).contains(0.0);
      assertThat(page.value("ncr_in_flight", none)).contains(0.0);
      assertThat(page.value("ncr_oldest_age_seconds", none)).contains(0.0);
      assertThat(page.families()).containsKeys("jvm_memory_used_bytes", "process_cpu_seconds");
      assertThat(page.families().get("process_resident_memory_bytes").samples().get(0).value())
          .isPositive();
    }
  }

  @Test
  void configSet_movesTheListener_andWithoutMetricsThereIsNone(@TempDir Path dir) throws Exception {
    TestKey key = TestKey.random("d2j-key.", "HMAC-SHA256");
    int first = Ports.freeTcpAndUdpPort();
    int second = Ports.freeTcpAndUdpPort();
    int ncrPort = Ports.freeUdpPort();
    Path socket = dir.resolve("d2.sock");
    try (BindServer bind = BindServer.start(key);
        D2Harness d2 = D2Harness.start(withControl(bind, key, ncrPort, socket, first))) {
      ControlClient control = new ControlClient(socket);
      assertThat(scrape(new InetSocketAddress("127.0.0.1", first))).contains("ncr_received_total");

      JsonNode moved =
          control.command("config-set", withControl(bind, key, ncrPort, socket, second));
      assertThat(moved.get("result").asInt()).as(moved.toString()).isZero();
      assertThat(scrape(new InetSocketAddress("127.0.0.1", second))).contains("ncr_received_total");
      assertThatThrownBy(() -> scrape(new InetSocketAddress("127.0.0.1", first)))
          .isInstanceOf(ConnectException.class);

      JsonNode off = control.command("config-set", withControl(bind, key, ncrPort, socket, 0));
      assertThat(off.get("result").asInt()).as(off.toString()).isZero();
      assertThat(d2.daemon.metricsAddress()).isEmpty();
      assertThatThrownBy(() -> scrape(new InetSocketAddress("127.0.0.1", second)))
          .isInstanceOf(ConnectException.class);
    }
  }

  /** Plain JSON (config-set takes no comments), with a control socket; metrics off for port 0. */
  private static String withControl(
      BindServer bind, TestKey key, int ncrPort, Path socket, int metricsPort) {
    String json =
        D2Harness.keaConfig(ncrPort, bind, key, 1000)
            .replaceAll("(?m)^\\s*//.*$", "")
            .replaceFirst(
                "\"DhcpDdns\": \\{",
                "\"DhcpDdns\": { \"control-socket\": { \"socket-type\": \"unix\","
                    + " \"socket-name\": \""
                    + socket
                    + "\" },");
    return metricsPort == 0 ? json : withMetrics(json, metricsPort);
  }
}
