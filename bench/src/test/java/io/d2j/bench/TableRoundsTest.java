package io.d2j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.testkit.PerfdhcpReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableRoundsTest {

  private static DhcpSession.Result round(double exchangesPerSecond) {
    Perfdhcp.Report best =
        new Perfdhcp.Report(1000, new PerfdhcpReport(exchangesPerSecond, 10, 10, 10, 10));
    return new DhcpSession.Result(List.of(best), best, 100, 50, 40, 10, -1);
  }

  private static DhcpSession.Result failedEverything() {
    return new DhcpSession.Result(List.of(), null, 100, 50, 40, 0, -1);
  }

  @Test
  void oddRoundCount_takesTheMiddleRoundWhateverTheOrder() {
    assertThat(
            Table.medianRound(List.of(round(5000), round(3000), round(4000)))
                .best()
                .exchangesPerSecond())
        .isEqualTo(4000);
  }

  @Test
  void evenRoundCount_takesTheLowerMiddleRound() {
    assertThat(
            Table.medianRound(List.of(round(6000), round(3000), round(5000), round(4000)))
                .best()
                .exchangesPerSecond())
        .isEqualTo(4000);
  }

  @Test
  void aRoundThatPassedNoStep_countsAsZero() {
    assertThat(Table.medianRound(List.of(failedEverything(), round(3000))).best()).isNull();
  }

  @Test
  void rendersEveryRoundWithItsRatio_andTheMedianInTheMainTable() {
    Table t = new Table(3, "batch", "", 0, List.of(0));
    t.threads(2);
    t.dhcpMultiThreaded(DhcpImpl.KEA, round(4000));
    t.dhcpMultiThreaded(DhcpImpl.D2J, round(6000));
    t.dhcpMultiThreaded(DhcpImpl.KEA, round(3000));
    t.dhcpMultiThreaded(DhcpImpl.D2J, round(6600));
    t.dhcpMultiThreaded(DhcpImpl.KEA, round(5000));
    t.dhcpMultiThreaded(DhcpImpl.D2J, round(5000));
    String md = t.render();
    assertThat(md).contains("| exchanges/s, >= 99 % answered | 4000 | 6000 | 1.50 |");
    assertThat(md).contains("| 1 | 4000 | 6000 | 1.50 |");
    assertThat(md).contains("| 2 | 3000 | 6600 | 2.20 |");
    assertThat(md).contains("| 3 | 5000 | 5000 | 1.00 |");
  }
}
