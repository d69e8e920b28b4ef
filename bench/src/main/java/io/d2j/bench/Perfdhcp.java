package io.d2j.bench;

import io.d2j.testkit.PerfdhcpReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs perfdhcp 2.2 as a relay on loopback against a server on {@code serverPort} that replies to
 * {@code replyPort}, and reads its report: the rate of completed 4-way exchanges and, for
 * DISCOVER-OFFER and REQUEST-ACK, packets sent and received.
 */
public final class Perfdhcp {

  /** One run's report: the rate asked for and what perfdhcp printed. */
  public record Report(int rate, PerfdhcpReport counts) {

    public double exchangesPerSecond() {
      return counts.exchangesPerSecond();
    }

    public long acks() {
      return counts.acks();
    }

    /** The smaller of the two answered fractions. */
    public double answered() {
      return counts.answered();
    }
  }

  private Perfdhcp() {}

  /** {@code perfdhcp -4 -r rate -p seconds -R clients ...}; throws if it printed no report. */
  public static Report run(int rate, int seconds, int clients, int serverPort, int replyPort)
      throws IOException, InterruptedException {
    List<String> command =
        List.of(
            "perfdhcp",
            "-4",
            "-r",
            Integer.toString(rate),
            "-p",
            Integer.toString(seconds),
            "-R",
            Integer.toString(clients),
            "-W",
            "1000000",
            "-l",
            "127.0.0.1",
            "-L",
            Integer.toString(replyPort),
            "-N",
            Integer.toString(serverPort),
            "127.0.0.1");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return parse(rate, out);
  }

  /** Reads a perfdhcp report (exposed for tests). */
  public static Report parse(int rate, String out) {
    return new Report(rate, PerfdhcpReport.parse(out));
  }
}
