package io.d2j.bench;

import io.d2j.testkit.PostgresServer;
import io.d2j.testkit.TestKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The side-by-side benchmark, run by {@code scripts/bench.sh}: every measurement runs Kea first and
 * d2j right after, in one invocation on one machine, so that the ratios are taken under the same
 * conditions. Prints the Markdown table of {@link Table} and writes it to {@code --out}.
 *
 * <pre>
 * java -cp ... io.d2j.bench.BenchMain --root . --out target/benchmarks.md [--step-seconds 3]
 *     [--only d2,burst,ceiling,cold,dhcp4,dhcp4mt,dhcp4pg,start,leases] [--threads 2] [--rounds 1]
 *     [--start-reps 5] [--lease-counts 0,10000,250000] [--fsync batch]
 *     [--impls kea,d2j] [--cold-runs 3]
 *     [--kinds null,null_tsig,bind,knot] [--latency-rate 0 (half Kea's max)] [--java-opts ...]
 *     [--max-names-per-update 0 (d2j's default); a list such as 1,4,16,64 runs d2j once per value]
 * </pre>
 */
public final class BenchMain {

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = Options.parse(args);
    Path root = Path.of(opts.getOrDefault("root", ".")).toAbsolutePath().normalize();
    double step = Double.parseDouble(opts.getOrDefault("step-seconds", "3"));
    String only = opts.getOrDefault("only", "d2,burst,ceiling,dhcp4,dhcp4mt,dhcp4pg,start");
    List<String> sections = List.of(only.split(","));
    String fsync = opts.getOrDefault("fsync", "batch");
    String javaOpts = opts.getOrDefault("java-opts", "");
    String impls = opts.getOrDefault("impls", "kea,d2j");
    String kinds = opts.getOrDefault("kinds", "null,null_tsig,bind");
    TestKey key = TestKey.random("d2j-bench-key.", "HMAC-SHA256");
    List<Integer> maxNames = new ArrayList<>();
    for (String n : opts.getOrDefault("max-names-per-update", "0").split(",")) {
      maxNames.add(Integer.parseInt(n.trim()));
    }
    D2Session.Settings settings =
        new D2Session.Settings(
            root,
            key,
            step,
            2.0,
            fsync,
            Integer.parseInt(opts.getOrDefault("max-transactions", "0")),
            maxNames.get(0),
            javaOpts,
            null);
    Table table = new Table(step, fsync, javaOpts, settings.maxTransactions(), maxNames);

    if (sections.contains("d2")) {
      for (DnsSide.Kind kind : DnsSide.Kind.values()) {
        if (!List.of(kinds.split(",")).contains(kind.name().toLowerCase(Locale.ROOT))) {
          continue;
        }
        int latencyRate = Integer.parseInt(opts.getOrDefault("latency-rate", "0"));
        for (D2Impl impl : D2Impl.values()) {
          if (!List.of(impls.split(",")).contains(impl.name().toLowerCase(Locale.ROOT))) {
            continue;
          }
          // Kea has no batching: it runs once; d2j once per max-names-per-update asked for.
          for (int names : impl == D2Impl.KEA ? List.of(0) : maxNames) {
            System.out.printf(
                "%s against %s%s%n",
                impl.label(), kind.label(), names > 0 ? ", max-names-per-update " + names : "");
            try (D2Session s = D2Session.start(impl, kind, settings.withMaxNames(names))) {
              RateStepper stepper =
                  kind.real()
                      ? new RateStepper(250, 50, 16000, 0.1, 10)
                      : new RateStepper(1000, 100, 64000, 0.1, 11);
              // Untimed warm-up at a rate every target sustains, so that the search measures the
              // steady state (a JIT's first seconds are in start-to-serving, not in the rate).
              s.warmUp(kind.real() ? 100 : 500, 3);
              D2Session.Throughput t = s.throughput(stepper);
              table.throughput(kind, impl, names, t, s.startupMs());
              if (kind == DnsSide.Kind.NULL && names == maxNames.get(0)) {
                if (impl == D2Impl.KEA) {
                  latencyRate = Math.max(100, t.best() / 2);
                } else if (latencyRate == 0) {
                  latencyRate = Math.max(100, t.best() / 2);
                }
                D2Session.Latency l = s.latency(latencyRate, Math.max(5, step));
                table.latency(impl, l);
              }
              table.rss("D2 " + impl.label(), s.peakRssMib());
            }
          }
        }
      }
    }
    if (sections.contains("start")) {
      table.start(StartRuns.run(settings, Integer.parseInt(opts.getOrDefault("start-reps", "5"))));
    }
    if (sections.contains("ceiling")) {
      System.out.println("BIND ceiling");
      table.ceiling(
          BindCeiling.best(key, new int[] {8, 32, 64}, new int[] {1, 8}, Math.max(3, step)));
    }
    if (sections.contains("burst")) {
      for (DnsSide.Kind kind : List.of(DnsSide.Kind.BIND, DnsSide.Kind.NULL)) {
        for (D2Impl impl : D2Impl.values()) {
          if (!List.of(impls.split(",")).contains(impl.name().toLowerCase(Locale.ROOT))) {
            continue;
          }
          System.out.printf("%s burst of 10000 against %s%n", impl.label(), kind.label());
          try (D2Session s = D2Session.start(impl, kind, settings)) {
            s.warmUp(kind.real() ? 100 : 500, 3);
            table.burst(kind, impl, s.burst(10_000));
            table.rss("D2 " + impl.label(), s.peakRssMib());
          }
        }
      }
    }
    if (sections.contains("cold")) {
      // Issue 16 item 3: a fresh daemon, 10,000 NCRs from one socket at line rate 0.5 s after its
      // NCR port is bound (nothing sent before), three daemons in a row per implementation.
      int runs = Integer.parseInt(opts.getOrDefault("cold-runs", "3"));
      for (D2Impl impl : D2Impl.values()) {
        if (!List.of(impls.split(",")).contains(impl.name().toLowerCase(Locale.ROOT))) {
          continue;
        }
        for (int run = 1; run <= runs; run++) {
          System.out.printf("%s cold burst of 10000, run %d%n", impl.label(), run);
          try (D2Session s = D2Session.startCold(impl, DnsSide.Kind.NULL, settings)) {
            Thread.sleep(500);
            table.coldBurst(impl, s.burst(10_000));
            table.rss("D2 " + impl.label(), s.peakRssMib());
          }
        }
      }
    }
    if (sections.contains("dhcp4")) {
      for (boolean ddns : new boolean[] {false, true}) {
        for (DhcpImpl impl : DhcpImpl.values()) {
          System.out.printf(
              "%s, memfile persist, DDNS %s%n", impl.label(), ddns ? "on (NCR sink)" : "off");
          try (DhcpSession s = DhcpSession.start(impl, root, javaOpts, ddns)) {
            table.dhcp(impl, ddns, s.search(dhcpSearch(), (int) step + 1));
          }
        }
      }
    }
    if (sections.contains("dhcp4mt")) {
      // Both servers with multi-threading on at the same thread count, memfile, DDNS off.
      // --rounds N: N searches per server, alternating, each on a fresh daemon; on a shared host
      // one search can end a whole bracket low, so the table takes each server's median round.
      int threads = Integer.parseInt(opts.getOrDefault("threads", "2"));
      int rounds = Integer.parseInt(opts.getOrDefault("rounds", "1"));
      if (rounds < 1) {
        throw new IllegalArgumentException("--rounds: must be at least 1 (" + rounds + ")");
      }
      table.threads(threads);
      for (int round = 1; round <= rounds; round++) {
        for (DhcpImpl impl : DhcpImpl.values()) {
          System.out.printf(
              "%s, memfile persist, DDNS off, multi-threading on, %d threads, round %d of %d%n",
              impl.label(), threads, round, rounds);
          try (DhcpSession s =
              DhcpSession.start(
                  impl, root, javaOpts, false, null, DhcpImpl.multiThreading(threads), null)) {
            table.dhcpMultiThreaded(impl, s.search(dhcpSearch(), (int) step + 1));
          }
        }
      }
    }
    if (sections.contains("dhcp4pg")) {
      // Each server on a database of its own (kea-admin db-init pgsql), on one PostgreSQL.
      try (PostgresServer pg = PostgresServer.start()) {
        for (DhcpImpl impl : DhcpImpl.values()) {
          System.out.printf("%s, PostgreSQL lease database, DDNS off%n", impl.label());
          PostgresServer.Database db =
              pg.keaDatabase("bench_" + impl.name().toLowerCase(Locale.ROOT));
          String leaseDatabase =
              DhcpImpl.postgresql(pg.port(), db.name(), db.user(), db.password());
          try (DhcpSession s = DhcpSession.start(impl, root, javaOpts, false, leaseDatabase)) {
            table.dhcpPostgresql(impl, s.search(dhcpSearch(), (int) step + 1));
          }
        }
      }
    }
    if (sections.contains("leases")) {
      Path dir = TempDirs.create("d2j-bench-leases-");
      try {
        for (String count : opts.getOrDefault("lease-counts", "0,10000,250000").split(",")) {
          int n = Integer.parseInt(count.trim());
          Path file =
              LeaseFiles.write(
                  dir.resolve("leases-" + n + ".csv"), n, System.currentTimeMillis() / 1000);
          for (DhcpImpl impl : DhcpImpl.values()) {
            System.out.printf("%s on a file of %,d leases%n", impl.label(), n);
            table.leases(impl, LeaseMemory.measure(impl, root, javaOpts, file, n));
          }
        }
      } finally {
        TempDirs.release(dir);
      }
    }
    String markdown = table.render();
    System.out.println();
    System.out.println(markdown);
    if (opts.containsKey("out")) {
      Files.writeString(Path.of(opts.get("out")), markdown, StandardCharsets.UTF_8);
    }
  }

  /** {@code --name value} pairs. */
  static final class Options {
    private Options() {}

    static Map<String, String> parse(String[] args) {
      Map<String, String> out = new java.util.HashMap<>();
      List<String> rest = new ArrayList<>(List.of(args));
      for (int i = 0; i < rest.size(); i++) {
        String a = rest.get(i);
        if (!a.startsWith("--") || i + 1 >= rest.size()) {
          throw new IllegalArgumentException("arguments: expected --name value, got '" + a + "'");
        }
        out.put(a.substring(2), rest.get(++i));
      }
      return out;
    }
  }

  /**
   * The DHCPv4 rate search: doubling from 1000/s, then bisecting to within 10 %. Up to 14 steps, so
   * that the bracket closes for a server that passes 8000/s as for one that fails it: with 9 steps
   * (until 2026-12-04) a server passing 8000/s spent them failing 16000, 12000 and 10000 twice each
   * and stopped with a 25 % bracket (8000-10000), while one failing 8000 closed to 6000-6500.
   */
  private static RateStepper dhcpSearch() {
    return new RateStepper(1000, 100, 32000, 0.1, 14);
  }
}
