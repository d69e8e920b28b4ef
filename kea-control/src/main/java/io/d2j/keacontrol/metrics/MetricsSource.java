package io.d2j.keacontrol.metrics;

import io.d2j.keacontrol.stats.Statistics;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * What a daemon shows on {@code /metrics}, read at every scrape from the scraping thread: its
 * statistics by Kea's names (the same values {@code statistic-get-all} answers) and gauges of its
 * own.
 */
public interface MetricsSource {

  /** A daemon's statistics, with the gauges {@code gauges} gives at each scrape. */
  static MetricsSource of(Statistics stats, Supplier<List<Gauge>> gauges) {
    return new MetricsSource() {
      @Override
      public Map<String, Long> statistics() {
        Map<String, Long> out = new TreeMap<>();
        stats.snapshot().forEach((name, sample) -> out.put(name, sample.value()));
        return out;
      }

      @Override
      public List<Gauge> gauges() {
        return gauges.get();
      }
    };
  }

  /** Every statistic by its Kea name, e.g. {@code ncr-received} or {@code subnet[1].x}. */
  Map<String, Long> statistics();

  /**
   * The daemon's own levels (queue depth, ...). May be empty, e.g. when the daemon's event loop did
   * not answer in time: a scrape never waits long.
   */
  List<Gauge> gauges();

  /**
   * A level, in base units ({@code _seconds}, {@code _bytes}).
   *
   * @param name the metric family name, e.g. {@code ncr_queue_depth}
   * @param help one line on what it measures
   */
  record Gauge(String name, String help, double value) {
    public Gauge {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(help, "help");
    }
  }
}
