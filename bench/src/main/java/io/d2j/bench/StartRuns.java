package io.d2j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Cold start and idle memory of the D2s, the issue 14 goal (start-to-serving at most 0.5 s, idle
 * RSS at most 100 MB): Kea, d2j as the repository's launcher starts it, and d2j with an application
 * class-data-sharing archive made the way the package's {@code d2j-cds-archives} makes it (one
 * training run under {@code -XX:ArchiveClassesAtExit}, stopped with SIGTERM). Each variant runs
 * {@code reps} times, interleaved, against the null responder: start-to-serving is exec to the
 * first NCR applied; idle RSS is VmRSS {@link #IDLE_SECONDS} after that, with nothing sent in
 * between.
 */
final class StartRuns {

  static final int IDLE_SECONDS = 5;

  /** One variant's figures over the repetitions. */
  record Result(String label, List<Double> startMs, List<Double> idleRssMib) {}

  private StartRuns() {}

  static final String D2J_DEFAULT_OPTS = "-XX:+UseSerialGC -Xms16m -Xmx96m";

  static List<Result> run(D2Session.Settings settings, int reps) throws IOException {
    Path archive = TempDirs.create("d2j-bench-cds-").resolve("d2j-dhcp-ddns.jsa");
    String quiet = " -Xlog:cds=off -Xlog:cds+dynamic=off";
    System.out.println("d2j CDS training run -> " + archive);
    D2Session training =
        D2Session.start(
            D2Impl.D2J,
            DnsSide.Kind.NULL,
            with(settings, D2J_DEFAULT_OPTS + " -XX:ArchiveClassesAtExit=" + archive + quiet));
    try {
      training.warmUp(500, 2);
    } finally {
      // The JVM writes the archive as it exits: give it time, SIGKILL would lose it.
      training.close(120);
    }
    if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
      throw new IOException("the training run wrote no archive at " + archive);
    }
    List<Variant> variants =
        List.of(
            new Variant("Kea 2.2 kea-dhcp-ddns", D2Impl.KEA, settings),
            new Variant("d2j, no CDS", D2Impl.D2J, with(settings, D2J_DEFAULT_OPTS)),
            new Variant(
                "d2j, CDS archive",
                D2Impl.D2J,
                with(settings, D2J_DEFAULT_OPTS + " -XX:SharedArchiveFile=" + archive + quiet)));
    List<Result> results = new ArrayList<>();
    for (Variant v : variants) {
      results.add(new Result(v.label(), new ArrayList<>(), new ArrayList<>()));
    }
    for (int rep = 0; rep < reps; rep++) {
      for (int i = 0; i < variants.size(); i++) {
        Variant v = variants.get(i);
        System.out.printf("%s, start %d of %d%n", v.label(), rep + 1, reps);
        try (D2Session s = D2Session.start(v.impl(), DnsSide.Kind.NULL, v.settings())) {
          results.get(i).startMs().add(s.startupMs());
          LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(IDLE_SECONDS));
          results.get(i).idleRssMib().add(s.rssMib());
        }
      }
    }
    return results;
  }

  private record Variant(String label, D2Impl impl, D2Session.Settings settings) {}

  private static D2Session.Settings with(D2Session.Settings s, String javaOpts) {
    return new D2Session.Settings(
        s.root(),
        s.key(),
        s.stepSeconds(),
        s.graceSeconds(),
        s.fsync(),
        s.maxTransactions(),
        s.maxNamesPerUpdate(),
        javaOpts);
  }
}
