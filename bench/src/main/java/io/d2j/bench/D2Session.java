package io.d2j.bench;

import io.d2j.testkit.Ports;
import io.d2j.testkit.TestKey;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * One D2 process against one DNS server, from exec to stop: start-to-serving, then whichever
 * measurements are asked for (zero-loss throughput search, fixed-rate latency, burst), each with
 * the CPU the D2 spent in it, and the peak RSS at the end.
 */
public final class D2Session implements AutoCloseable {

  /**
   * Settings shared by every session of one benchmark invocation; {@code cdsDir}: d2j's launcher
   * starts with the class-data-sharing archive and class-path jar the trainer made there (null:
   * without, {@code D2J_CDS=off}).
   */
  public record Settings(
      Path root,
      TestKey key,
      double stepSeconds,
      double graceSeconds,
      String fsync,
      int maxTransactions,
      int maxNamesPerUpdate,
      String javaOpts,
      Path cdsDir) {

    /** The same settings with another {@code max-names-per-update} (0: d2j's default). */
    public Settings withMaxNames(int names) {
      return new Settings(
          root, key, stepSeconds, graceSeconds, fsync, maxTransactions, names, javaOpts, cdsDir);
    }
  }

  /** One throughput step. */
  public record Step(int rate, int sent, int landed, double achieved, boolean passed) {}

  public record Throughput(int best, List<Step> steps, double cpuMsPer1000) {}

  public record Latency(
      int rate,
      int sent,
      int landed,
      double p50Ms,
      double p99Ms,
      double p999Ms,
      double cpuMsPer1000) {}

  public record Burst(int sent, int landed, double seconds) {}

  private static final AtomicInteger RUNS = new AtomicInteger();

  private final D2Impl impl;
  private final DnsSide.Kind kind;
  private final Settings settings;
  private final Path dir;
  private final DnsSide dns;
  private final Daemon daemon;
  private final PacedSender sender;
  private final int run = RUNS.incrementAndGet();
  private int streams;
  private double startupMs = Double.NaN;
  private double boundMs = Double.NaN;
  private double servingCpuMs = Double.NaN;

  private D2Session(
      D2Impl impl,
      DnsSide.Kind kind,
      Settings settings,
      Path dir,
      DnsSide dns,
      Daemon daemon,
      PacedSender sender) {
    this.impl = impl;
    this.kind = kind;
    this.settings = settings;
    this.dir = dir;
    this.dns = dns;
    this.daemon = daemon;
    this.sender = sender;
  }

  /** Starts a fresh DNS side and the D2, and returns once the D2 has applied its first NCR. */
  public static D2Session start(D2Impl impl, DnsSide.Kind kind, Settings settings)
      throws IOException {
    return start(impl, kind, settings, false);
  }

  /**
   * Starts a fresh DNS side and the D2, and returns as soon as the D2's NCR port is bound (seen in
   * {@code /proc/net/udp}), before it has received anything: a cold daemon (issue 16 item 3).
   */
  public static D2Session startCold(D2Impl impl, DnsSide.Kind kind, Settings settings)
      throws IOException {
    return start(impl, kind, settings, true);
  }

  private static D2Session start(D2Impl impl, DnsSide.Kind kind, Settings settings, boolean cold)
      throws IOException {
    Path dir = TempDirs.create("d2j-bench-" + impl.name().toLowerCase(Locale.ROOT) + "-");
    DnsSide dns = DnsSide.start(kind, settings.key());
    int port = Ports.freeUdpPort();
    String config =
        D2Impl.config(
            port,
            dns.address(),
            kind.signed() ? settings.key() : null,
            dir,
            settings.fsync(),
            settings.maxTransactions(),
            settings.maxNamesPerUpdate());
    Daemon daemon =
        impl.start(settings.root(), dir, config, settings.javaOpts(), settings.cdsDir());
    PacedSender sender =
        new PacedSender(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    D2Session session = new D2Session(impl, kind, settings, dir, dns, daemon, sender);
    try {
      if (cold) {
        session.awaitBound(port);
      } else {
        session.awaitServing();
      }
    } catch (IOException | RuntimeException e) {
      session.close();
      throw e;
    }
    return session;
  }

  private NcrStream nextStream() {
    return new NcrStream("r" + run + "s" + ++streams, run & 0xffff);
  }

  /** Probes every 10 ms until one NCR is applied; start-to-serving = exec to that landing. */
  private void awaitServing() throws IOException {
    NcrBatch probes = new NcrBatch(nextStream(), 3000);
    byte[][] datagrams = probes.datagrams();
    int port = sender.target().getPort();
    for (int i = 0; i < datagrams.length; i++) {
      sender.send(datagrams[i]);
      if (Double.isNaN(boundMs) && isBound(port)) {
        boundMs = (System.nanoTime() - daemon.startedNanos()) / 1e6;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
      if (!daemon.isAlive()) {
        throw new IOException(impl.label() + " exited; log:\n" + daemon.logTail(30));
      }
      if (dns instanceof DnsSide.Null nullSide) {
        // Every probe sent so far: a D2 that binds its port early has a backlog of probes, and the
        // first to land (the oldest, in order) is its start-to-serving, not the first of the last
        // few sent, which lands only once the backlog is worked off.
        long first = -1;
        for (int k = 0; k <= i; k++) {
          if (nullSide.landed(probes, k)) {
            long at = nullSide.landedAt(probes, k);
            first = first < 0 ? at : Math.min(first, at);
          }
        }
        if (first >= 0) {
          startupMs = (first - daemon.startedNanos()) / 1e6;
          servingCpuMs = daemon.cpuSeconds() * 1000;
          awaitLandedUpTo(probes, i + 1);
          return;
        }
        continue;
      }
      for (int k = Math.max(0, i - 3); k <= i; k++) {
        if (dns.landed(probes, k)) {
          startupMs = (System.nanoTime() - daemon.startedNanos()) / 1e6;
          awaitLandedUpTo(probes, i + 1);
          return;
        }
      }
    }
    throw new IOException(impl.label() + " applied no NCR in 30 s; log:\n" + daemon.logTail(30));
  }

  /**
   * Polls the kernel's UDP socket table every millisecond until something is bound to {@code port}.
   */
  private void awaitBound(int port) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() - deadline < 0) {
      if (isBound(port)) {
        startupMs = (System.nanoTime() - daemon.startedNanos()) / 1e6;
        boundMs = startupMs;
        return;
      }
      if (!daemon.isAlive()) {
        throw new IOException(impl.label() + " exited; log:\n" + daemon.logTail(30));
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
    throw new IOException(impl.label() + " bound no NCR port in 60 s; log:\n" + daemon.logTail(30));
  }

  /** Whether something is bound to UDP {@code port} (the kernel's socket tables). */
  private static boolean isBound(int port) throws IOException {
    String hex = String.format(":%04X ", port);
    for (String table : List.of("/proc/net/udp", "/proc/net/udp6")) {
      for (String line : java.nio.file.Files.readAllLines(Path.of(table))) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 2 && (f[1] + " ").endsWith(hex)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Lets the probes sent so far land (10 s at most), so that they do not overlap a step. */
  private void awaitLandedUpTo(NcrBatch probes, int sent) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (int i = 0; i < sent && System.nanoTime() - deadline < 0; ) {
      if (dns.landed(probes, i)) {
        i++;
      } else {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      }
    }
  }

  /**
   * Waits until the whole batch landed or {@code seconds} passed; returns the landed count (the
   * last one read). A count that cannot be read (BIND still working off a backlog lets the AXFR
   * time out) is tried again at the next poll; if none could be read, 0 landed: the step fails.
   */
  private int awaitLanded(NcrBatch batch, double seconds) {
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    int landed = 0;
    do {
      try {
        landed = dns.landedCount(batch);
      } catch (java.io.UncheckedIOException e) {
        System.out.println("    (landed count not readable yet: " + e.getMessage() + ")");
      }
      if (landed == batch.count()) {
        return landed;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(dns.pollMillis()));
    } while (System.nanoTime() - deadline < 0);
    return landed;
  }

  /**
   * Waits until the landed count of {@code stream} stops growing for 1 s (at most 30 s). A count
   * that cannot be read (the AXFR timed out behind the server's backlog) means it is still working.
   */
  private void settle(NcrBatch batch) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    int last = -1;
    while (System.nanoTime() - deadline < 0) {
      int now;
      try {
        now = dns.landedCount(batch);
      } catch (java.io.UncheckedIOException e) {
        System.out.println("    (settling: landed count not readable yet: " + e.getMessage() + ")");
        continue;
      }
      if (now == batch.count() || now == last) {
        return;
      }
      last = now;
      LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
    }
  }

  /** One step: {@code rate} NCR/s for the step time; passes if all land within the grace time. */
  private Step step(int rate) throws IOException {
    int count = Math.max(1, (int) Math.round(rate * settings.stepSeconds()));
    NcrBatch batch = new NcrBatch(nextStream(), count);
    long[] sentAt = sender.send(batch.datagrams(), rate);
    double achieved = PacedSender.achievedRate(sentAt);
    int landed = awaitLanded(batch, settings.graceSeconds());
    boolean passed = landed == count && achieved >= 0.97 * rate;
    if (landed != count) {
      settle(batch);
    }
    return new Step(rate, count, landed, achieved, passed);
  }

  /** Sends {@code rate} NCR/s for {@code seconds} and lets them land; nothing is recorded. */
  public void warmUp(int rate, double seconds) throws IOException {
    NcrBatch batch = new NcrBatch(nextStream(), (int) Math.round(rate * seconds));
    sender.send(batch.datagrams(), rate);
    settle(batch);
  }

  /** The highest rate with zero loss, by {@link RateStepper}. */
  public Throughput throughput(RateStepper stepper) throws IOException {
    double cpu0 = daemon.cpuSeconds();
    List<Step> steps = new ArrayList<>();
    long sent = 0;
    while (!stepper.done()) {
      Step s = step(stepper.current());
      steps.add(s);
      sent += s.sent();
      System.out.printf(
          "    %-18s %-24s step %6d NCR/s: %d/%d landed, sender %.0f/s %s%n",
          impl.label(),
          kind.label(),
          s.rate(),
          s.landed(),
          s.sent(),
          s.achieved(),
          s.passed() ? "pass" : "FAIL");
      stepper.record(s.passed());
    }
    double cpuMs = (daemon.cpuSeconds() - cpu0) * 1000;
    return new Throughput(stepper.best(), steps, cpuMs * 1000 / sent);
  }

  /** {@code rate} NCR/s for {@code seconds}; send → reverse UPDATE arrival at the responder. */
  public Latency latency(int rate, double seconds) throws IOException {
    if (!(dns instanceof DnsSide.Null)) {
      throw new IllegalStateException("latency: needs the null responder (was " + kind + ")");
    }
    DnsSide.Null responder = (DnsSide.Null) dns;
    int count = Math.max(1, (int) Math.round(rate * seconds));
    NcrBatch batch = new NcrBatch(nextStream(), count);
    double cpu0 = daemon.cpuSeconds();
    long[] sentAt = sender.send(batch.datagrams(), rate);
    int landed = awaitLanded(batch, settings.graceSeconds() + 5);
    double cpuMs = (daemon.cpuSeconds() - cpu0) * 1000;
    Histogram h = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    for (int i = 0; i < count; i++) {
      long at = responder.landedAt(batch, i);
      if (at >= 0) {
        h.recordValue(Math.max(0, Math.min((at - sentAt[i]) / 1000, h.getHighestTrackableValue())));
      }
    }
    return new Latency(
        rate,
        count,
        landed,
        h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0,
        h.getValueAtPercentile(99.9) / 1000.0,
        cpuMs * 1000 / count);
  }

  /** {@code count} NCRs back to back from one socket, then waits until nothing more lands. */
  public Burst burst(int count) throws IOException {
    NcrBatch batch = new NcrBatch(nextStream(), count);
    long start = System.nanoTime();
    sender.send(batch.datagrams(), 0);
    long deadline = start + TimeUnit.SECONDS.toNanos(120);
    int last = -1;
    long lastChange = System.nanoTime();
    long lastLanding = start;
    while (System.nanoTime() - deadline < 0) {
      int now = dns.landedCount(batch);
      if (now != last) {
        last = now;
        lastChange = System.nanoTime();
        lastLanding = lastChange;
      }
      // Done when all landed, or nothing more landed for 5 s; a cold daemon may take longer than
      // that to apply its first NCR, so before the first landing it gets 60 s.
      long stalled = System.nanoTime() - lastChange;
      if (now == count || stalled > TimeUnit.SECONDS.toNanos(now > 0 ? 5 : 60)) {
        break;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(dns.pollMillis()));
    }
    return new Burst(count, last, (lastLanding - start) / 1e9);
  }

  /** Exec to the NCR port appearing in the kernel's UDP table, ms (NaN if not seen). */
  public double boundMs() {
    return boundMs;
  }

  /** CPU (user + system) the D2 had used when its first NCR was seen applied, ms. */
  public double servingCpuMs() {
    return servingCpuMs;
  }

  public double startupMs() {
    return startupMs;
  }

  public double peakRssMib() {
    return daemon.peakRssMib();
  }

  /** Resident set size now, in MiB. */
  public double rssMib() {
    return daemon.rssMib();
  }

  public Path dir() {
    return dir;
  }

  @Override
  public void close() {
    close(5);
  }

  /** Stops the D2 (SIGTERM; SIGKILL after {@code seconds}) and the DNS side. */
  public void close(long seconds) {
    try {
      sender.close();
    } catch (IOException e) {
      // nothing buffered to lose
    }
    daemon.close(seconds);
    dns.close();
    TempDirs.release(dir);
  }
}
