package io.d2j.bench;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Collects one invocation's results and renders them as the Markdown of docs/benchmarks.md. */
final class Table {

  private final double stepSeconds;
  private final String fsync;
  private final String javaOpts;

  /** Per DNS side, per implementation, per max-names-per-update (0: the default). */
  private final Map<DnsSide.Kind, Map<D2Impl, Map<Integer, D2Session.Throughput>>> throughput =
      new EnumMap<>(DnsSide.Kind.class);

  private final Map<D2Impl, List<Double>> startup = new EnumMap<>(D2Impl.class);
  private final Map<D2Impl, D2Session.Latency> latency = new EnumMap<>(D2Impl.class);
  private final Map<DnsSide.Kind, Map<D2Impl, D2Session.Burst>> burst =
      new EnumMap<>(DnsSide.Kind.class);
  private final Map<DhcpImpl, DhcpSession.Result> dhcp = new EnumMap<>(DhcpImpl.class);
  private final Map<DhcpImpl, DhcpSession.Result> dhcpDdns = new EnumMap<>(DhcpImpl.class);
  private final Map<DhcpImpl, DhcpSession.Result> dhcpPg = new EnumMap<>(DhcpImpl.class);
  private final Map<DhcpImpl, DhcpSession.Result> dhcpMt = new EnumMap<>(DhcpImpl.class);
  private int threads;
  private final Map<String, Double> rss = new LinkedHashMap<>();
  private final Map<Integer, Map<DhcpImpl, LeaseMemory.Result>> leases = new java.util.TreeMap<>();
  private BindCeiling.Result ceiling;

  private final int maxTransactions;
  private final List<Integer> maxNamesPerUpdate;

  Table(
      double stepSeconds,
      String fsync,
      String javaOpts,
      int maxTransactions,
      List<Integer> maxNamesPerUpdate) {
    this.maxTransactions = maxTransactions;
    this.maxNamesPerUpdate = maxNamesPerUpdate;
    this.stepSeconds = stepSeconds;
    this.fsync = fsync;
    this.javaOpts = javaOpts;
  }

  void throughput(
      DnsSide.Kind kind, D2Impl impl, int maxNames, D2Session.Throughput t, double startupMs) {
    throughput
        .computeIfAbsent(kind, k -> new EnumMap<>(D2Impl.class))
        .computeIfAbsent(impl, k -> new java.util.TreeMap<>())
        .put(maxNames, t);
    startup.computeIfAbsent(impl, k -> new ArrayList<>()).add(startupMs);
  }

  void latency(D2Impl impl, D2Session.Latency l) {
    latency.put(impl, l);
  }

  private final Map<D2Impl, List<D2Session.Burst>> coldBursts = new EnumMap<>(D2Impl.class);

  void coldBurst(D2Impl impl, D2Session.Burst b) {
    coldBursts.computeIfAbsent(impl, k -> new java.util.ArrayList<>()).add(b);
  }

  void burst(DnsSide.Kind kind, D2Impl impl, D2Session.Burst b) {
    burst.computeIfAbsent(kind, k -> new EnumMap<>(D2Impl.class)).put(impl, b);
  }

  void ceiling(BindCeiling.Result r) {
    ceiling = r;
  }

  void dhcp(DhcpImpl impl, boolean ddns, DhcpSession.Result r) {
    (ddns ? dhcpDdns : dhcp).put(impl, r);
  }

  private final List<StartRuns.Result> start = new ArrayList<>();

  void start(List<StartRuns.Result> results) {
    start.addAll(results);
  }

  void threads(int n) {
    threads = n;
  }

  /** Every multi-threaded search, by server, in the order the rounds ran. */
  private final Map<DhcpImpl, List<DhcpSession.Result>> dhcpMtRounds =
      new EnumMap<>(DhcpImpl.class);

  /**
   * One round's multi-threaded search. With several rounds the table shows, per server, the round
   * whose exchanges/s is the median (the lower middle one for an even count, the same rule for both
   * servers), and a row with every round.
   */
  void dhcpMultiThreaded(DhcpImpl impl, DhcpSession.Result r) {
    List<DhcpSession.Result> rounds = dhcpMtRounds.computeIfAbsent(impl, k -> new ArrayList<>());
    rounds.add(r);
    dhcpMt.put(impl, medianRound(rounds));
  }

  static DhcpSession.Result medianRound(List<DhcpSession.Result> rounds) {
    List<DhcpSession.Result> sorted = new ArrayList<>(rounds);
    sorted.sort(java.util.Comparator.comparingDouble(Table::rate));
    return sorted.get((sorted.size() - 1) / 2);
  }

  /** A DHCPv4 search with the PostgreSQL lease database (DDNS off). */
  void dhcpPostgresql(DhcpImpl impl, DhcpSession.Result r) {
    dhcpPg.put(impl, r);
  }

  void leases(DhcpImpl impl, LeaseMemory.Result r) {
    leases.computeIfAbsent(r.leases(), k -> new EnumMap<>(DhcpImpl.class)).put(impl, r);
  }

  void rss(String what, double mib) {
    rss.merge(what, mib, Math::max);
  }

  String render() {
    StringBuilder md = new StringBuilder();
    md.append(
        f(
            "Run %s UTC on %s (%d CPUs); steps of %.0f s, 2 s grace; d2j journal on, fsync \"%s\", max-transactions %s, max-names-per-update %s;"
                + " d2j JVM options: %s; both D2s: same config, dns-server-timeout 1000 ms,"
                + " INFO logging to a file.%n%n",
            OffsetDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")),
            hostName(),
            Runtime.getRuntime().availableProcessors(),
            stepSeconds,
            fsync,
            maxTransactions > 0
                ? Integer.toString(maxTransactions)
                : "default (256; at most 64 UPDATEs outstanding per DNS server)",
            maxNamesPerUpdate.equals(List.of(0))
                ? "default (16)"
                : maxNamesPerUpdate.stream()
                    .map(n -> n == 0 ? "default" : Integer.toString(n))
                    .collect(java.util.stream.Collectors.joining(", ")),
            javaOpts.isEmpty() ? "the defaults of bin/d2j-dhcp-ddns and bin/d2j-dhcp4" : javaOpts));
    if (!throughput.isEmpty()) {
      md.append(
          "| D2, zero-loss NCR/s | Kea 2.2 | d2j | d2j / Kea | Kea CPU ms / 1k NCR | d2j CPU ms / 1k NCR |\n");
      md.append("|---|---|---|---|---|---|\n");
      throughput.forEach(
          (kind, m) -> {
            D2Session.Throughput k =
                m.getOrDefault(D2Impl.KEA, Map.of()).values().stream().findFirst().orElse(null);
            Map<Integer, D2Session.Throughput> ours = m.getOrDefault(D2Impl.D2J, Map.of());
            Map<Integer, D2Session.Throughput> rows =
                ours.isEmpty() ? java.util.Collections.singletonMap(0, null) : ours;
            rows.forEach(
                (names, d) ->
                    md.append(
                        f(
                            "| %s | %s | %s | %s | %s | %s |%n",
                            kind.label() + (names > 0 ? ", d2j max-names-per-update " + names : ""),
                            k == null ? "-" : k.best(),
                            d == null ? "-" : d.best(),
                            k == null || d == null ? "-" : ratio(d.best(), k.best()),
                            k == null ? "-" : f("%.0f", k.cpuMsPer1000()),
                            d == null ? "-" : f("%.0f", d.cpuMsPer1000()))));
          });
      md.append("\n");
    }
    if (ceiling != null) {
      D2Session.Throughput viaBind =
          throughput
              .getOrDefault(DnsSide.Kind.BIND, Map.of())
              .getOrDefault(D2Impl.D2J, Map.of())
              .values()
              .stream()
              .max(java.util.Comparator.comparingInt(D2Session.Throughput::best))
              .orElse(null);
      md.append(
          f(
              "BIND's own ceiling (no D2; the same forward + reverse UPDATE pair per NCR,"
                  + " one name per UPDATE, TSIG-signed, best of windows 8/32/64 from 1 or 8 client"
                  + " sockets): %.0f NCR/s at window %d from %d client(s) (%d failed); d2j against"
                  + " BIND reaches %s of it.%n%n",
              ceiling.ncrPerSecond(),
              ceiling.window(),
              ceiling.clients(),
              ceiling.failed(),
              viaBind == null ? "-" : ratio(viaBind.best(), ceiling.ncrPerSecond())));
    }
    if (!latency.isEmpty()) {
      md.append(
          "| Null responder, fixed rate (half Kea's max) | rate NCR/s | landed | p50 ms | p99 ms"
              + " | p99.9 ms | CPU ms / 1k NCR |\n|---|---|---|---|---|---|---|\n");
      latency.forEach(
          (impl, l) ->
              md.append(
                  f(
                      "| %s | %d | %d / %d | %.2f | %.2f | %.2f | %.0f |%n",
                      impl.label(),
                      l.rate(),
                      l.landed(),
                      l.sent(),
                      l.p50Ms(),
                      l.p99Ms(),
                      l.p999Ms(),
                      l.cpuMsPer1000())));
      md.append("\n");
    }
    if (!burst.isEmpty()) {
      md.append(
          "| Burst of 10,000 NCRs | Kea 2.2 applied | d2j applied | d2j seconds to apply |\n|---|---|---|---|\n");
      burst.forEach(
          (kind, m) ->
              md.append(
                  f(
                      "| %s | %s | %s | %.1f |%n",
                      kind.label(),
                      percent(m.get(D2Impl.KEA)),
                      percent(m.get(D2Impl.D2J)),
                      m.containsKey(D2Impl.D2J) ? m.get(D2Impl.D2J).seconds() : Double.NaN)));
      md.append("\n");
    }
    if (!coldBursts.isEmpty()) {
      md.append(
          "| Cold burst of 10,000 NCRs (null responder), 0.5 s after the NCR port is bound | Kea 2.2"
              + " applied | d2j applied | d2j seconds to apply |\n|---|---|---|---|\n");
      int runs = coldBursts.values().stream().mapToInt(List::size).max().orElse(0);
      for (int i = 0; i < runs; i++) {
        List<D2Session.Burst> k = coldBursts.getOrDefault(D2Impl.KEA, List.of());
        List<D2Session.Burst> d = coldBursts.getOrDefault(D2Impl.D2J, List.of());
        md.append(
            f(
                "| run %d (a fresh daemon) | %s | %s | %.1f |%n",
                i + 1,
                percent(i < k.size() ? k.get(i) : null),
                percent(i < d.size() ? d.get(i) : null),
                i < d.size() ? d.get(i).seconds() : Double.NaN));
      }
      md.append("\n");
    }
    if (!start.isEmpty()) {
      // The first start of each variant is the cold one (its jars, archive and JVM not yet in the
      // page cache since the build); the later ones are warm.
      double keaStart = median(warm(start.get(0).startMs()));
      double keaRss = median(start.get(0).idleRssMib());
      md.append(
          f(
              "| D2 start (null responder, %d starts each, interleaved) | first start (cold), ms"
                  + " | later starts (warm), ms: median (min-max) | warm ratio to Kea"
                  + " | later starts: NCR port bound, ms, median | later starts: CPU to the first"
                  + " UPDATE, ms, median | idle RSS MiB"
                  + " (%d s after): median (max) | ratio to Kea |%n|---|---|---|---|---|---|---|---|%n",
              start.get(0).startMs().size(), StartRuns.IDLE_SECONDS));
      for (StartRuns.Result r : start) {
        List<Double> warm = warm(r.startMs());
        md.append(
            f(
                "| %s | %.0f | %.0f (%.0f-%.0f) | %.1f | %.0f | %.0f | %.0f (%.0f) | %.1f |%n",
                r.label(),
                r.startMs().get(0),
                median(warm),
                min(warm),
                max(warm),
                median(warm) / keaStart,
                median(warm(r.boundMs())),
                median(warm(r.cpuMs())),
                median(r.idleRssMib()),
                max(r.idleRssMib()),
                median(r.idleRssMib()) / keaRss));
      }
      md.append("\n");
    }
    leaseTable(md);
    dhcpTable(md, dhcp, "DDNS off");
    dhcpTable(md, dhcpDdns, "DDNS on (NCRs to a counting sink)");
    dhcpTable(
        md,
        dhcpMt,
        "multi-threading",
        f("DHCPv4, memfile persist, DDNS off, multi-threading on, %d threads each", threads));
    mtRounds(md);
    if (dhcpMt.size() == 2 && dhcp.size() == 2) {
      md.append(
          "| multi-threading on vs off, DDNS off (same run) | kea-dhcp4 2.2 | d2j-dhcp4 |\n"
              + "|---|---|---|\n");
      md.append(
          f(
              "| exchanges/s, on / off | %s | %s |%n%n",
              ratio(rate(dhcpMt.get(DhcpImpl.KEA)), rate(dhcp.get(DhcpImpl.KEA))),
              ratio(rate(dhcpMt.get(DhcpImpl.D2J)), rate(dhcp.get(DhcpImpl.D2J)))));
    }
    dhcpTable(md, dhcpPg, "PostgreSQL, DDNS off", "DHCPv4, PostgreSQL lease database, DDNS off");
    if (dhcpPg.size() == 2 && dhcp.size() == 2) {
      md.append(
          "| PostgreSQL vs memfile, DDNS off (same run) | kea-dhcp4 2.2 | d2j-dhcp4 |\n"
              + "|---|---|---|\n");
      md.append(
          f(
              "| exchanges/s, PostgreSQL / memfile | %s | %s |%n%n",
              ratio(rate(dhcpPg.get(DhcpImpl.KEA)), rate(dhcp.get(DhcpImpl.KEA))),
              ratio(rate(dhcpPg.get(DhcpImpl.D2J)), rate(dhcp.get(DhcpImpl.D2J)))));
    }
    if (!startup.isEmpty() || !rss.isEmpty()) {
      md.append("| D2 resources | Kea 2.2 | d2j |\n|---|---|---|\n");
      md.append(
          f(
              "| start to first NCR applied, ms (max over sessions) | %.0f | %.0f |%n",
              max(startup.get(D2Impl.KEA)), max(startup.get(D2Impl.D2J))));
      md.append(
          f(
              "| peak RSS MiB (max over sessions) | %.0f | %.0f |%n",
              rss.getOrDefault("D2 " + D2Impl.KEA.label(), Double.NaN),
              rss.getOrDefault("D2 " + D2Impl.D2J.label(), Double.NaN)));
    }
    return md.toString();
  }

  /** With more than one round: each round's exchanges/s and ratio, so the spread is visible. */
  private void mtRounds(StringBuilder md) {
    List<DhcpSession.Result> k = dhcpMtRounds.getOrDefault(DhcpImpl.KEA, List.of());
    List<DhcpSession.Result> d = dhcpMtRounds.getOrDefault(DhcpImpl.D2J, List.of());
    if (k.size() < 2 || k.size() != d.size()) {
      return;
    }
    md.append(
        f(
            "Multi-threading, %d rounds (Kea then d2j each round; the table above shows each"
                + " server's median round):%n%n| round | kea-dhcp4 2.2 exchanges/s | d2j-dhcp4"
                + " exchanges/s | d2j / Kea |%n|---|---|---|---|%n",
            k.size()));
    for (int i = 0; i < k.size(); i++) {
      double ke = rate(k.get(i));
      double de = rate(d.get(i));
      md.append(f("| %d | %.0f | %.0f | %s |%n", i + 1, ke, de, ratio(de, ke)));
    }
    md.append("\n");
  }

  private static double rate(DhcpSession.Result r) {
    return r.best() == null ? 0 : r.best().exchangesPerSecond();
  }

  private void leaseTable(StringBuilder md) {
    if (leases.isEmpty()) {
      return;
    }
    md.append(
        "| DHCPv4 by lease count (same Kea 2.2 lease file) | kea-dhcp4 2.2 | d2j-dhcp4 | d2j / Kea"
            + " |\n|---|---|---|---|\n");
    for (Map.Entry<Integer, Map<DhcpImpl, LeaseMemory.Result>> e : leases.entrySet()) {
      LeaseMemory.Result k = e.getValue().get(DhcpImpl.KEA);
      LeaseMemory.Result d = e.getValue().get(DhcpImpl.D2J);
      if (k == null || d == null) {
        continue;
      }
      String n = f("%,d", e.getKey());
      md.append(
          f(
              "| %s leases: start (load) to first OFFER, ms | %.0f | %.0f | %s |%n",
              n, k.startupMs(), d.startupMs(), ratio(d.startupMs(), k.startupMs())));
      md.append(
          f(
              "| %s leases: peak RSS MiB, cold (just loaded) | %.0f | %.0f | %s |%n",
              n, k.coldPeakMib(), d.coldPeakMib(), ratio(d.coldPeakMib(), k.coldPeakMib())));
      md.append(
          f(
              "| %s leases: peak RSS MiB, warm (after %d s at %d/s) | %.0f | %.0f | %s |%n",
              n,
              LeaseMemory.WARM_SECONDS,
              LeaseMemory.WARM_RATE,
              k.warmPeakMib(),
              d.warmPeakMib(),
              ratio(d.warmPeakMib(), k.warmPeakMib())));
      md.append(
          f(
              "| %s leases: RSS MiB now, warm | %.0f | %.0f | %s |%n",
              n, k.warmRssMib(), d.warmRssMib(), ratio(d.warmRssMib(), k.warmRssMib())));
    }
    md.append("\n");
  }

  private static void dhcpTable(
      StringBuilder md, Map<DhcpImpl, DhcpSession.Result> results, String what) {
    dhcpTable(md, results, what, "DHCPv4, memfile persist, " + what);
  }

  private static void dhcpTable(
      StringBuilder md, Map<DhcpImpl, DhcpSession.Result> results, String what, String title) {
    if (results.size() != 2) {
      return;
    }
    md.append(f("| %s | kea-dhcp4 2.2 | d2j-dhcp4 | d2j / Kea |%n|---|---|---|---|%n", title));
    DhcpSession.Result k = results.get(DhcpImpl.KEA);
    DhcpSession.Result d = results.get(DhcpImpl.D2J);
    double ke = k.best() == null ? 0 : k.best().exchangesPerSecond();
    double de = d.best() == null ? 0 : d.best().exchangesPerSecond();
    md.append(f("| exchanges/s, >= 99 %% answered | %.0f | %.0f | %s |%n", ke, de, ratio(de, ke)));
    md.append(f("| CPU ms / 1k leases | %.0f | %.0f | |%n", k.cpuMsPer1000(), d.cpuMsPer1000()));
    md.append(f("| start to first OFFER ms | %.0f | %.0f | |%n", k.startupMs(), d.startupMs()));
    md.append(
        f(
            "| cold: first step (%s/s from the first OFFER on), exchanges/s, %% answered | %s | %s"
                + " | |%n",
            k.steps().isEmpty() ? "-" : Long.toString(k.steps().get(0).rate()),
            first(k),
            first(d)));
    md.append(f("| peak RSS MiB | %.0f | %.0f | |%n", k.peakRssMib(), d.peakRssMib()));
    if (k.ncrs() >= 0 && d.ncrs() >= 0) {
      md.append(
          f(
              "| NCRs received / leases acknowledged | %d / %d | %d / %d | |%n",
              k.ncrs(), k.acks(), d.ncrs(), d.acks()));
    }
    md.append("\n");
  }

  /** The first step of the search, run right after the server answered its first DISCOVER. */
  private static String first(DhcpSession.Result r) {
    if (r.steps().isEmpty()) {
      return "-";
    }
    Perfdhcp.Report s = r.steps().get(0);
    return f("%.0f, %.1f %%", s.exchangesPerSecond(), s.answered() * 100);
  }

  private static String percent(D2Session.Burst b) {
    return b == null ? "-" : f("%.1f %% (%d)", 100.0 * b.landed() / b.sent(), b.landed());
  }

  private static double max(List<Double> xs) {
    return xs == null
        ? Double.NaN
        : xs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  private static double min(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  static double median(List<Double> xs) {
    double[] sorted = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  private static String ratio(double a, double b) {
    return b <= 0 ? "-" : f("%.2f", a / b);
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "unknown host";
    }
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  /** The starts after the first (all of them when there is only one). */
  private static List<Double> warm(List<Double> starts) {
    return starts.size() > 1 ? starts.subList(1, starts.size()) : starts;
  }
}
