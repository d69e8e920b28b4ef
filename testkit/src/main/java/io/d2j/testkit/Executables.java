package io.d2j.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the server binaries the fixtures run and what the JVM runs as. */
final class Executables {
  private Executables() {}

  /**
   * The binary named by system property {@code d2j.<name>} ({@code none}: pretend it is absent),
   * else {@code preferred} if executable, else the first {@code name} on PATH.
   */
  static Optional<Path> find(Path preferred, String name) {
    String override = System.getProperty("d2j." + name);
    if (override != null) {
      Path path = Path.of(override);
      return override.equals("none") || !Files.isExecutable(path)
          ? Optional.empty()
          : Optional.of(path);
    }
    if (Files.isExecutable(preferred)) {
      return Optional.of(preferred);
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** True when the JVM runs as uid 0 (on Linux, /proc/self belongs to the process's uid). */
  static boolean runningAsRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }
}
