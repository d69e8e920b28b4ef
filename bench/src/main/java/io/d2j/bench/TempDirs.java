package io.d2j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The sessions' working directories (configs, logs, d2j's journal, lease files): removed when a
 * session ends, unless {@code BENCH_KEEP=1} in the environment (or {@code -Dbench.keep=true}) asks
 * to keep them for a look at the logs.
 */
final class TempDirs {

  private TempDirs() {}

  static Path create(String prefix) throws IOException {
    return Files.createTempDirectory(prefix);
  }

  static void release(Path dir) {
    if (Boolean.getBoolean("bench.keep") || "1".equals(System.getenv("BENCH_KEEP"))) {
      System.out.println("    kept " + dir);
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      System.out.println("    could not remove " + dir + ": " + e);
    }
  }
}
