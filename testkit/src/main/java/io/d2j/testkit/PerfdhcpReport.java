package io.d2j.testkit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What perfdhcp 2.2 printed at exit: the rate of completed 4-way exchanges and, for DISCOVER-OFFER
 * and REQUEST-ACK, the packets it sent and the answers it received in time.
 *
 * <pre>
 * ***Rate statistics***
 * Rate: 1991.92 4-way exchanges/second, expected rate: 2000
 *
 * ***Statistics for: DISCOVER-OFFER***
 * sent packets: 6000
 * received packets: 5986
 * </pre>
 *
 * <p>"Sent" counts what left perfdhcp, not what the server has handled: a server that lags behind
 * still has the unanswered REQUESTs to process after perfdhcp exits.
 */
public record PerfdhcpReport(
    double exchangesPerSecond, long discovers, long offers, long requests, long acks) {

  private static final Pattern RATE = Pattern.compile("Rate: ([0-9.]+) 4-way exchanges/second");
  private static final Pattern BLOCK =
      Pattern.compile(
          "Statistics for: (DISCOVER-OFFER|REQUEST-ACK)\\*+\\s*sent packets: (\\d+)\\s*"
              + "received packets: (\\d+)");

  /**
   * Reads perfdhcp's output; an exchange it printed no block for counts zero.
   *
   * @throws IllegalStateException when the output has no "Rate:" line (perfdhcp failed to run)
   */
  public static PerfdhcpReport parse(String out) {
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
    return new PerfdhcpReport(
        Double.parseDouble(r.group(1)), counts[0], counts[1], counts[2], counts[3]);
  }

  /** The smaller of the two answered fractions. */
  public double answered() {
    double offered = discovers == 0 ? 0 : (double) offers / discovers;
    double acked = requests == 0 ? 0 : (double) acks / requests;
    return Math.min(offered, acked);
  }
}
