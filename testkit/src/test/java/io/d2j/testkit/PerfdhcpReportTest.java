package io.d2j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PerfdhcpReportTest {

  private static final String REPORT =
      """
      Running: perfdhcp -4 -r 2000 -p 3 -R 200000 -W 1000000 -l 127.0.0.1 -L 40001 -N 40000 127.0.0.1
      ***Rate statistics***
      Rate: 1991.92 4-way exchanges/second, expected rate: 2000

      ***Statistics for: DISCOVER-OFFER***
      sent packets: 6000
      received packets: 5986
      drops: 14
      drops ratio: 0.233 %

      ***Statistics for: REQUEST-ACK***
      sent packets: 5986
      received packets: 5976
      drops: 10
      """;

  @Test
  void readsTheRateAndBothExchanges() {
    PerfdhcpReport r = PerfdhcpReport.parse(REPORT);
    assertThat(r).isEqualTo(new PerfdhcpReport(1991.92, 6000, 5986, 5986, 5976));
    assertThat(r.answered()).isEqualTo(5986.0 / 6000);
  }

  @Test
  void aReportWithoutRateIsAnError() {
    assertThatThrownBy(() -> PerfdhcpReport.parse("Error running perfdhcp: bind failed\n"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "perfdhcp: no 'Rate:' line in its output:\nError running perfdhcp: bind failed\n");
  }
}
