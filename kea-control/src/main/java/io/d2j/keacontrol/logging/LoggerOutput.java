package io.d2j.keacontrol.logging;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code output-options} entry of a logger: a destination and its file settings.
 *
 * @param destination stdout, stderr, syslog (with an optional facility) or a file
 * @param flush write through after every line (Kea's {@code flush}, default true)
 * @param maxSize rotate a file output when it reaches this many bytes; 0 never rotates
 * @param maxVersions rotated files kept ({@code file.1} .. {@code file.N})
 * @param pattern the log4cplus layout as written, or empty for Kea's default layout
 */
public record LoggerOutput(
    Destination destination,
    boolean flush,
    long maxSize,
    int maxVersions,
    Optional<String> pattern) {

  /** Kea's defaults for {@code flush}, {@code maxsize} and {@code maxver}. */
  public static final boolean DEFAULT_FLUSH = true;

  public static final long DEFAULT_MAXSIZE = 10_240_000;
  public static final long DEFAULT_MAXVER = 1;

  /** Where a logger writes. */
  public sealed interface Destination permits Stdout, Stderr, Syslog, LogFile {}

  public record Stdout() implements Destination {}

  public record Stderr() implements Destination {}

  /**
   * @param facility the syslog facility of {@code syslog:NAME}, empty for plain {@code syslog}
   */
  public record Syslog(Optional<String> facility) implements Destination {
    public Syslog {
      Objects.requireNonNull(facility, "facility");
    }
  }

  /**
   * @param path the file, resolved against the configuration file's directory
   */
  public record LogFile(Path path) implements Destination {
    public LogFile {
      Objects.requireNonNull(path, "path");
    }
  }

  public LoggerOutput {
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(pattern, "pattern");
    if (maxSize < 0) {
      throw new IllegalArgumentException("maxsize: must not be negative, got " + maxSize);
    }
    if (maxVersions < 0) {
      throw new IllegalArgumentException("maxver: must not be negative, got " + maxVersions);
    }
  }

  /** Kea's text for the destination, as config-get prints it. */
  public String outputText() {
    if (destination instanceof Stdout) {
      return "stdout";
    } else if (destination instanceof Stderr) {
      return "stderr";
    } else if (destination instanceof Syslog s) {
      return s.facility().map(f -> "syslog:" + f).orElse("syslog");
    }
    return ((LogFile) destination).path().toString();
  }
}
