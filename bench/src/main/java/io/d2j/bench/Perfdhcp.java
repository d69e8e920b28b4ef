package io.d2j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs perfdhcp 2.2 as a relay on loopback against a server on {@code serverPort} that replies to
 * {@code replyPort}, and reads its report: the rate of completed 4-way exchanges and, for
 * DISCOVER-OFFER and REQUEST-ACK, packets sent and received.
 */
public final class Perfdhcp {

  /** One run's report. */
  public record Report(
      int rate, double exchangesPerSecond, long discovers, long offers, long requests, long acks) {

    /** The smaller of the two answered fractions. */
    public double answered() {
      double offered = discovers == 0 ? 0 : (double) offers / discovers;
      double acked = requests == 0 ? 0 : (double) acks / requests;
      return Math.min(offered, acked);
    }
  }

  private static final Pattern RATE = Pattern.compile("Rate: ([0-9.]+) 4-way exchanges/second");
  private static final Pattern BLOCK =
      Pattern.compile(
          "Statistics for: (DISCOVER-OFFER|REQUEST-ACK)\\*+\\s*sent packets: (\\d+)\\s*"
              + "received packets: (\\d+)");

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
    Matcher r = RATE.matcher(out);
    if (!r.find()) {
      throw new IllegalStateException("perfdhcp: no 'Rate:' line in its output:\n" + out);
    }
    long[] counts = new long[4];
    Matcher b = BLOCK.matcher(out);
    while (b.find()) {
      int at = b.group(1).equals("DISCOVER-OFFER") ? 0 : 2;
      counts[at] = Long.parseLong(b.group(2));
      counts[at + 1] = Long.parseLong(b.group(3));
    }
    return new Report(
        rate, Double.parseDouble(r.group(1)), counts[0], counts[1], counts[2], counts[3]);
  }
}
