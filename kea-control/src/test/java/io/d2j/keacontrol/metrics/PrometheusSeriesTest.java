package io.d2j.keacontrol.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrometheusSeriesTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ncr-received                      | ncr_received            | ''                 | counter | Kea statistic ncr-received",
        "queue-mgr-queue-full              | queue_mgr_queue_full    | ''                 | counter | Kea statistic queue-mgr-queue-full",
        "pkt4-received                     | pkt4_received           | ''                 | counter | Kea statistic pkt4-received",
        "key[d2.example.org.].update-sent  | key_update_sent         | key=d2.example.org. | counter | Kea statistic key[<key>].update-sent",
        "subnet[1].assigned-addresses      | subnet_assigned_addresses | subnet=1         | gauge   | Kea statistic subnet[<subnet>].assigned-addresses",
        "subnet[12].cumulative-assigned-addresses | subnet_cumulative_assigned_addresses | subnet=12 | counter | Kea statistic subnet[<subnet>].cumulative-assigned-addresses",
        "subnet[1].pool[0].total-addresses | subnet_pool_total_addresses | subnet=1;pool=0  | gauge   | Kea statistic subnet[<subnet>].pool[<pool>].total-addresses",
        "subnet[3].v4-allocation-fail      | subnet_v4_allocation_fail | subnet=3         | counter | Kea statistic subnet[<subnet>].v4-allocation-fail",
      })
  void keaStatistic_mapsToFamilyLabelsAndType(
      String kea, String family, String labels, String type, String help) {
    PrometheusSeries s = PrometheusSeries.of(kea);

    assertThat(s.family()).isEqualTo(family);
    StringBuilder actual = new StringBuilder();
    for (int i = 0; i < s.labelNames().size(); i++) {
      actual.append(i == 0 ? "" : ";").append(s.labelNames().get(i)).append('=');
      actual.append(s.labelValues().get(i));
    }
    assertThat(actual.toString()).isEqualTo(labels);
    assertThat(s.gauge() ? "gauge" : "counter").isEqualTo(type);
    assertThat(s.help()).isEqualTo(help);
  }

  @ParameterizedTest
  @CsvSource({"9lives, _lives", "a.b-c, a_b_c", "reclaimed-leases, reclaimed_leases"})
  void sanitize_replacesWhatPrometheusDoesNotAllow(String stat, String name) {
    assertThat(PrometheusSeries.sanitize(stat)).isEqualTo(name);
  }

  @org.junit.jupiter.api.Test
  void aBadFamilyName_isRefused_namingIt() {
    assertThatThrownBy(
            () ->
                new PrometheusSeries(
                    "bad-name", "x", java.util.List.of(), java.util.List.of(), false))
        .hasMessage("family: not a Prometheus metric name: 'bad-name'");
  }
}
