package io.d2j.keacontrol.metrics;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Kea statistic as a Prometheus series: the family name (Kea's name with {@code -} as {@code
 * _}), the labels that Kea keeps in the name, and whether it is a counter or a gauge.
 *
 * <pre>{@code
 * ncr-received                          -> ncr_received_total                       (counter)
 * key[d2.example.org.].update-sent      -> key_update_sent_total{key="d2.example.org."}
 * subnet[1].assigned-addresses          -> subnet_assigned_addresses{subnet="1"}   (gauge)
 * subnet[1].pool[0].total-addresses     -> subnet_pool_total_addresses{subnet="1",pool="0"}
 * }</pre>
 *
 * A counter's family name has no {@code _total}: the exposition adds it. Per-key and per-subnet
 * values get families of their own, so that {@code sum(update_sent_total)} never counts an update
 * twice.
 *
 * @param family the metric family name, without {@code _total}
 * @param statistic Kea's statistic name without its scope, e.g. {@code update-sent}
 * @param labelNames the label names, in order
 * @param labelValues their values
 * @param gauge true for a level that goes up and down, false for a counter
 */
public record PrometheusSeries(
    String family,
    String statistic,
    List<String> labelNames,
    List<String> labelValues,
    boolean gauge) {

  /** Kea's per-subnet levels; every other Kea statistic only grows until reset. */
  private static final Set<String> GAUGES =
      Set.of("total-addresses", "assigned-addresses", "declined-addresses");

  private static final Pattern KEY = Pattern.compile("key\\[(.+)]\\.([^.\\[\\]]+)");
  private static final Pattern POOL =
      Pattern.compile("subnet\\[(\\d+)]\\.pool\\[(\\d+)]\\.([^.\\[\\]]+)");
  private static final Pattern SUBNET = Pattern.compile("subnet\\[(\\d+)]\\.([^.\\[\\]]+)");
  private static final Pattern VALID = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  public PrometheusSeries {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(statistic, "statistic");
    if (!VALID.matcher(family).matches()) {
      throw new IllegalArgumentException("family: not a Prometheus metric name: '" + family + "'");
    }
    labelNames = List.copyOf(labelNames);
    labelValues = List.copyOf(labelValues);
    if (labelNames.size() != labelValues.size()) {
      throw new IllegalArgumentException(
          "labels: " + labelNames.size() + " names, " + labelValues.size() + " values");
    }
  }

  /** The series for the Kea statistic {@code name}. */
  public static PrometheusSeries of(String name) {
    Matcher m = KEY.matcher(name);
    if (m.matches()) {
      return series("key_", m.group(2), List.of("key"), List.of(m.group(1)));
    }
    m = POOL.matcher(name);
    if (m.matches()) {
      return series(
          "subnet_pool_", m.group(3), List.of("subnet", "pool"), List.of(m.group(1), m.group(2)));
    }
    m = SUBNET.matcher(name);
    if (m.matches()) {
      return series("subnet_", m.group(2), List.of("subnet"), List.of(m.group(1)));
    }
    return series("", name, List.of(), List.of());
  }

  private static PrometheusSeries series(
      String prefix, String stat, List<String> names, List<String> values) {
    return new PrometheusSeries(
        prefix + sanitize(stat),
        stat,
        names,
        values,
        GAUGES.contains(stat.toLowerCase(Locale.ROOT)));
  }

  /** The family's HELP line: which Kea statistic it is, e.g. {@code key[<key>].update-sent}. */
  public String help() {
    StringBuilder scope = new StringBuilder();
    for (String label : labelNames) {
      scope.append(label).append("[<").append(label).append(">].");
    }
    return "Kea statistic " + scope + statistic;
  }

  /** Kea's {@code -} (and anything else Prometheus does not allow in a name) becomes {@code _}. */
  static String sanitize(String stat) {
    StringBuilder out = new StringBuilder(stat.length());
    for (int i = 0; i < stat.length(); i++) {
      char c = stat.charAt(i);
      boolean ok =
          c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || i > 0 && c >= '0' && c <= '9';
      out.append(ok ? c : '_');
    }
    return out.toString();
  }
}
