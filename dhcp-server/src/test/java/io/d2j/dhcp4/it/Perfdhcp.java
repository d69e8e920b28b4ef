package io.d2j.dhcp4.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.testkit.Ports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of Kea's perfdhcp 2.2 (Debian kea-admin) on loopback as a population of clients behind a
 * relay: its socket is 127.0.0.1 on a free port, it sends DORA exchanges to {@code port} with
 * giaddr 127.0.0.1, from {@code clients} MACs counted up from {@code base} (perfdhcp adds a random
 * number below {@code -R} to the last octet).
 */
final class Perfdhcp {

  static final Path PATH = Path.of("/usr/sbin/perfdhcp");

  /** DISCOVERs sent and OFFERs received, REQUESTs sent and ACKs received, and the output. */
  record Report(long discovers, long offers, long requests, long acks, String text) {
    double offered() {
      return discovers == 0 ? 0 : (double) offers / discovers;
    }

    double acked() {
      return requests == 0 ? 0 : (double) acks / requests;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "DISCOVER-OFFER %d/%d (%.1f %%), REQUEST-ACK %d/%d (%.1f %%)",
          offers,
          discovers,
          100 * offered(),
          acks,
          requests,
          100 * acked());
    }
  }

  private final Process process;

  private Perfdhcp(Process process) {
    this.process = process;
  }

  /**
   * Starts {@code -r rate} exchanges a second for {@code seconds} (0: until {@link #interrupt()}).
   *
   * @param extra more options (e.g. {@code -Y 0 -y 60}: {@code secs} counts up from 1)
   */
  static Perfdhcp start(
      int port, String base, int clients, int rate, int seconds, int seed, String... extra)
      throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                PATH.toString(),
                "-4",
                "-l",
                "127.0.0.1",
                "-L",
                Integer.toString(Ports.freeUdpPort()),
                "-N",
                Integer.toString(port),
                "-r",
                Integer.toString(rate),
                "-R",
                Integer.toString(clients),
                "-b",
                "mac=" + base,
                "-s",
                Integer.toString(seed),
                "-W",
                "1000000"));
    if (seconds > 0) {
      command.addAll(List.of("-p", Integer.toString(seconds)));
    }
    command.addAll(List.of(extra));
    command.add("127.0.0.1");
    return new Perfdhcp(new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  /** SIGINT, on which perfdhcp stops sending and reports. */
  void interrupt() throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
  }

  /** Waits for the end (exit status 0, or 3 for exchanges left unanswered) and its report. */
  Report report() throws IOException, InterruptedException {
    boolean done = process.waitFor(60, TimeUnit.SECONDS);
    if (!done) {
      process.destroyForcibly();
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(done).as("perfdhcp finished; output:\n" + out).isTrue();
    assertThat(process.exitValue()).as("perfdhcp exit status; output:\n" + out).isIn(0, 3);
    return new Report(
        number(out, "DISCOVER-OFFER", "sent packets"),
        number(out, "DISCOVER-OFFER", "received packets"),
        number(out, "REQUEST-ACK", "sent packets"),
        number(out, "REQUEST-ACK", "received packets"),
        out);
  }

  private static long number(String report, String exchange, String label) {
    int at = report.indexOf("***Statistics for: " + exchange + "***");
    if (at < 0) {
      return 0;
    }
    Matcher m = Pattern.compile("(?m)^" + label + ": (\\d+)").matcher(report.substring(at));
    assertThat(m.find()).as(label + " of " + exchange + " in:\n" + report).isTrue();
    return Long.parseLong(m.group(1));
  }
}
