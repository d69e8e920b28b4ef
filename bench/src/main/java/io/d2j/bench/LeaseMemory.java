package io.d2j.bench;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Memory and start-up by lease count ({@code --only leases}): each server starts on a copy of the
 * same {@link LeaseFiles} file of N leases. Cold: the load and start, to the first OFFER (the lease
 * file is in the page cache, written just before; the process is new), with peak and current RSS at
 * that moment. Warm: after {@value #WARM_SECONDS} s of perfdhcp at {@value #WARM_RATE} exchanges/s
 * (new clients, so a few thousand leases are added), peak and current RSS again.
 */
final class LeaseMemory {
  static final int WARM_RATE = 500;
  static final int WARM_SECONDS = 10;

  /** One server at one lease count. */
  record Result(
      int leases,
      double startupMs,
      double coldPeakMib,
      double coldRssMib,
      double warmPeakMib,
      double warmRssMib,
      double warmAnswered) {}

  private LeaseMemory() {}

  static Result measure(DhcpImpl impl, Path root, String javaOpts, Path file, int leases)
      throws IOException, InterruptedException {
    try (DhcpSession s = DhcpSession.start(impl, root, javaOpts, false, file)) {
      double coldPeak = s.daemon().peakRssMib();
      double coldRss = s.daemon().rssMib();
      System.out.printf(
          "    %-18s %,d leases: serving after %.0f ms, peak RSS %.0f MiB, RSS %.0f MiB%n",
          impl.label(), leases, s.startupMs(), coldPeak, coldRss);
      Perfdhcp.Report r = s.load(WARM_RATE, WARM_SECONDS, 200_000);
      Result result =
          new Result(
              leases,
              s.startupMs(),
              coldPeak,
              coldRss,
              s.daemon().peakRssMib(),
              s.daemon().rssMib(),
              r.answered());
      System.out.printf(
          "    %-18s after %d s at %d/s (%.1f %% answered): peak RSS %.0f MiB, RSS %.0f MiB%n",
          impl.label(),
          WARM_SECONDS,
          WARM_RATE,
          r.answered() * 100,
          result.warmPeakMib(),
          result.warmRssMib());
      return result;
    }
  }
}
