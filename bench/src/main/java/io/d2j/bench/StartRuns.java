package io.d2j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cold start and idle memory of the D2s, the issue 14 goal (start-to-serving at most 0.5 s, idle
 * RSS at most 100 MB): Kea, d2j as the repository's launcher starts it, and d2j with an application
 * class-data-sharing archive made by the package's own trainer, {@code d2j-cds-archives} (one
 * training run under {@code -XX:ArchiveClassesAtExit}: two NCRs answered by a null DNS responder,
 * two control commands, SIGTERM; before it, the D2's class path written as one jar, which the
 * launcher then starts from), driving the repository's launcher. Each variant runs {@code reps}
 * times, interleaved, against the null responder: start-to-serving is exec to the first NCR applied
 * (its first UPDATE at the responder); beside it, exec to the NCR port bound and the process's CPU
 * at the first UPDATE; idle RSS is VmRSS {@link #IDLE_SECONDS} after that, with nothing sent in
 * between.
 */
final class StartRuns {

  static final int IDLE_SECONDS = 5;

  /** One variant's figures over the repetitions. */
  record Result(
      String label,
      List<Double> startMs,
      List<Double> boundMs,
      List<Double> cpuMs,
      List<Double> idleRssMib) {}

  private StartRuns() {}

  /**
   * The JVM options {@code bin/d2j-dhcp-ddns} uses when {@code D2J_JAVA_OPTS} is unset (its {@code
   * ${D2J_JAVA_OPTS-...}} default), read from the launcher so that the start-up rows measure the
   * shipped defaults.
   */
  static String defaultJavaOpts(Path root) throws IOException {
    Matcher m =
        Pattern.compile("\\$\\{D2J_JAVA_OPTS-([^}]*)}")
            .matcher(Files.readString(root.resolve("bin/d2j-dhcp-ddns")));
    if (!m.find()) {
      throw new IOException("bin/d2j-dhcp-ddns has no ${D2J_JAVA_OPTS-...} default");
    }
    return m.group(1).strip();
  }

  static List<Result> run(D2Session.Settings settings, int reps) throws IOException {
    Path cdsDir = train(settings.root());
    String defaults = defaultJavaOpts(settings.root());
    System.out.println("d2j's default JVM options (bin/d2j-dhcp-ddns): " + defaults);
    List<Variant> variants =
        List.of(
            new Variant("Kea 2.2 kea-dhcp-ddns", D2Impl.KEA, settings),
            new Variant("d2j, no CDS", D2Impl.D2J, with(settings, defaults, null)),
            new Variant("d2j, CDS archive", D2Impl.D2J, with(settings, defaults, cdsDir)));
    List<Result> results = new ArrayList<>();
    for (Variant v : variants) {
      results.add(
          new Result(
              v.label(),
              new ArrayList<>(),
              new ArrayList<>(),
              new ArrayList<>(),
              new ArrayList<>()));
    }
    for (int rep = 0; rep < reps; rep++) {
      for (int i = 0; i < variants.size(); i++) {
        Variant v = variants.get(i);
        System.out.printf("%s, start %d of %d%n", v.label(), rep + 1, reps);
        try (D2Session s = D2Session.start(v.impl(), DnsSide.Kind.NULL, v.settings())) {
          results.get(i).startMs().add(s.startupMs());
          results.get(i).boundMs().add(s.boundMs());
          results.get(i).cpuMs().add(s.servingCpuMs());
          LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(IDLE_SECONDS));
          results.get(i).idleRssMib().add(s.rssMib());
        }
      }
    }
    return results;
  }

  /**
   * Runs {@code packaging/deb/d2j-cds-archives} on the repository's launchers into a fresh
   * directory, which it returns: the D2's archive and the class path as one jar, which the launcher
   * uses when pointed there ({@code D2J_CDS_DIR}).
   */
  private static Path train(Path root) throws IOException {
    Path dir = TempDirs.create("d2j-bench-cds-");
    System.out.println("d2j CDS training run (packaging/deb/d2j-cds-archives) -> " + dir);
    ProcessBuilder pb =
        new ProcessBuilder(
                root.resolve("packaging/deb/d2j-cds-archives").toString(), "d2j-dhcp-ddns")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("trainer.log").toFile());
    pb.environment().put("D2J_LAUNCHERS", root.resolve("bin").toString());
    pb.environment().put("D2J_CDS_DIR", dir.toString());
    pb.environment().remove("D2J_JAVA_OPTS");
    try {
      int code = pb.start().waitFor();
      Path archive = dir.resolve("d2j-dhcp-ddns.jsa");
      if (code != 0 || !Files.isRegularFile(archive) || Files.size(archive) == 0) {
        throw new IOException(
            "the CDS trainer failed (exit "
                + code
                + "):\n"
                + Files.readString(dir.resolve("trainer.log")));
      }
      return dir;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while training", e);
    }
  }

  private record Variant(String label, D2Impl impl, D2Session.Settings settings) {}

  private static D2Session.Settings with(D2Session.Settings s, String javaOpts, Path cdsDir) {
    return new D2Session.Settings(
        s.root(),
        s.key(),
        s.stepSeconds(),
        s.graceSeconds(),
        s.fsync(),
        s.maxTransactions(),
        s.maxNamesPerUpdate(),
        javaOpts,
        cdsDir);
  }
}
