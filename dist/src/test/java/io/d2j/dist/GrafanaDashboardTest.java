package io.d2j.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.d2j.d2.stats.D2Stats;
import io.d2j.keacontrol.metrics.PrometheusSeries;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * packaging/grafana's dashboard asks only for series the daemons serve: every counter of the D2
 * panels is one of D2Stats' statistics (globals or per key) under its Prometheus name.
 */
class GrafanaDashboardTest {
  private static final Pattern SERIES = Pattern.compile("([a-z][a-z0-9_]*)\\{job=~\"\\$d2_job\"");

  @Test
  void everyD2Counter_isAStatisticTheD2Serves() throws IOException {
    JsonNode dashboard =
        new ObjectMapper()
            .readTree(Paths.packaging().resolve("grafana/d2j-dashboard.json").toFile());
    Set<String> served = new HashSet<>();
    for (String stat : D2Stats.GLOBALS) {
      served.add(PrometheusSeries.of(stat).family() + "_total");
    }
    for (String stat : D2Stats.PER_KEY) {
      served.add(PrometheusSeries.of(D2Stats.perKey("k.", stat)).family() + "_total");
    }
    Set<String> used = new HashSet<>();
    for (JsonNode panel : dashboard.get("panels")) {
      for (JsonNode target : panel.get("targets")) {
        Matcher m = SERIES.matcher(target.get("expr").asText());
        while (m.find()) {
          used.add(m.group(1));
        }
      }
    }
    Set<String> counters = new HashSet<>();
    used.stream().filter(n -> n.endsWith("_total")).forEach(counters::add);
    assertThat(counters).isNotEmpty().isSubsetOf(served);
    assertThat(used).contains("ncr_queue_depth", "ncr_oldest_age_seconds", "journal_size_bytes");
  }
}
