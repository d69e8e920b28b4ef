package io.d2j.keacontrol.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optional HTTP listener ({@code user-context.d2j.metrics}) serving {@code /metrics} in the
 * Prometheus text format (OpenMetrics when the scraper asks for it): the daemon's Kea statistics
 * mapped by {@link PrometheusSeries}, its own gauges, and the JVM's and the process's metrics
 * ({@code jvm_*}, {@code process_*}). Each daemon starts one from its composition root; nothing
 * here is loaded unless metrics are configured.
 *
 * <pre>{@code
 * try (MetricsServer m =
 *     MetricsServer.start(new InetSocketAddress("127.0.0.1", 9580), source, "kea-dhcp-ddns")) {
 *   // curl http://127.0.0.1:9547/metrics
 * }
 * }</pre>
 */
public final class MetricsServer implements AutoCloseable {

  private final HTTPServer http;
  private final ExecutorService threads;
  private final InetSocketAddress address;
  private final Logger log;

  private MetricsServer(
      HTTPServer http, ExecutorService threads, InetSocketAddress address, Logger log) {
    this.http = http;
    this.threads = threads;
    this.address = address;
    this.log = log;
  }

  /**
   * Binds {@code address} and serves until {@link #close()}.
   *
   * @param daemon the daemon's root logger name ({@code kea-dhcp-ddns}, {@code kea-dhcp4}): the
   *     {@code METRICS_LISTENER_*} lines go to its {@code metrics} logger
   * @throws IOException when the address cannot be bound
   */
  public static MetricsServer start(InetSocketAddress address, MetricsSource source, String daemon)
      throws IOException {
    Logger log = LoggerFactory.getLogger(daemon + ".metrics");
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(new StatisticsCollector(source));
    JvmMetrics.builder().register(registry);
    // One scrape at a time is plenty (Prometheus scrapes every 15-60 s); daemon threads so that a
    // listener left open never keeps the JVM alive.
    ExecutorService threads =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "d2j-metrics");
              t.setDaemon(true);
              return t;
            });
    HTTPServer http;
    try {
      http =
          HTTPServer.builder()
              .inetAddress(address.getAddress())
              .port(address.getPort())
              .registry(registry)
              .executorService(threads)
              .buildAndStart();
    } catch (IOException e) {
      threads.shutdownNow();
      throw new IOException("metrics listener " + address + ": " + e.getMessage(), e);
    }
    InetSocketAddress bound = new InetSocketAddress(address.getAddress(), http.getPort());
    log.info("METRICS_LISTENER_STARTED serving /metrics on http://{}", text(bound));
    return new MetricsServer(http, threads, bound, log);
  }

  /** The bound address (with the port the system chose for port 0). */
  public InetSocketAddress address() {
    return address;
  }

  @Override
  public void close() {
    http.close();
    threads.shutdownNow();
    log.info("METRICS_LISTENER_STOPPED {}", text(address));
  }

  private static String text(InetSocketAddress a) {
    String host = a.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
  }

  /** The statistics and gauges as Prometheus families, read at each scrape. */
  static final class StatisticsCollector implements MultiCollector {
    private final MetricsSource source;

    StatisticsCollector(MetricsSource source) {
      this.source = source;
    }

    @Override
    public MetricSnapshots collect() {
      Map<String, List<Map.Entry<PrometheusSeries, Long>>> families = new TreeMap<>();
      source
          .statistics()
          .forEach(
              (name, value) -> {
                PrometheusSeries s = PrometheusSeries.of(name);
                families
                    .computeIfAbsent(s.family(), f -> new ArrayList<>())
                    .add(Map.entry(s, value));
              });
      List<MetricSnapshot> out = new ArrayList<>();
      families.forEach((family, series) -> out.add(snapshot(family, series)));
      for (MetricsSource.Gauge g : source.gauges()) {
        if (!families.containsKey(g.name())) {
          out.add(
              GaugeSnapshot.builder()
                  .name(g.name())
                  .help(g.help())
                  .dataPoint(
                      GaugeSnapshot.GaugeDataPointSnapshot.builder().value(g.value()).build())
                  .build());
        }
      }
      return new MetricSnapshots(out);
    }

    private static MetricSnapshot snapshot(
        String family, List<Map.Entry<PrometheusSeries, Long>> series) {
      // A family is a gauge when its statistic is one (every member has the same statistic name).
      boolean gauge = series.get(0).getKey().gauge();
      String help = series.get(0).getKey().help();
      if (gauge) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(family).help(help);
        for (Map.Entry<PrometheusSeries, Long> e : series) {
          b.dataPoint(
              GaugeSnapshot.GaugeDataPointSnapshot.builder()
                  .labels(labels(e.getKey()))
                  .value(e.getValue())
                  .build());
        }
        return b.build();
      }
      CounterSnapshot.Builder b = CounterSnapshot.builder().name(family).help(help);
      for (Map.Entry<PrometheusSeries, Long> e : series) {
        b.dataPoint(
            CounterSnapshot.CounterDataPointSnapshot.builder()
                .labels(labels(e.getKey()))
                .value(e.getValue())
                .build());
      }
      return b.build();
    }

    private static Labels labels(PrometheusSeries s) {
      return Labels.of(s.labelNames(), s.labelValues());
    }
  }
}
