package io.d2j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server under test run as its own process (its output in {@code log}), so that its CPU time and
 * peak RSS are its own: read from {@code /proc/<pid>/stat} (utime + stime, in USER_HZ = 100 ticks
 * per second on Linux) and {@code /proc/<pid>/status} (VmHWM). The launch scripts {@code exec} the
 * JVM, so the pid is the server's.
 */
public final class Daemon implements AutoCloseable {

  private static final double TICKS_PER_SECOND = 100.0;

  private final String name;
  private final Process process;
  private final long startedNanos;
  private final Path log;

  private Daemon(String name, Process process, long startedNanos, Path log) {
    this.name = name;
    this.process = process;
    this.startedNanos = startedNanos;
    this.log = log;
  }

  /**
   * Starts {@code command} in {@code dir} with {@code env} added; stdout and stderr to {@code log}.
   */
  public static Daemon start(
      String name, List<String> command, Map<String, String> env, Path dir, Path log)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().putAll(env);
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    long started = System.nanoTime();
    Process process = builder.start();
    // A benchmark stopped by ^C must not leave servers behind.
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, name + "-reaper"));
    return new Daemon(name, process, started, log);
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  /** {@link System#nanoTime()} just before the exec. */
  public long startedNanos() {
    return startedNanos;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** User + system CPU seconds the process has used so far. */
  public double cpuSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
      // Fields after the ")" that ends the command name: state is field 3, utime 14, stime 15.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    } catch (IOException e) {
      throw new IllegalStateException(name + ": /proc/" + pid() + "/stat unreadable", e);
    }
  }

  /** Peak resident set size (VmHWM) in MiB. */
  public double peakRssMib() {
    return status("VmHWM:");
  }

  /** Resident set size now (VmRSS) in MiB. */
  public double rssMib() {
    return status("VmRSS:");
  }

  private double status(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
      throw new IllegalStateException(name + ": no " + field + " in /proc/" + pid() + "/status");
    } catch (IOException e) {
      throw new IllegalStateException(name + ": /proc/" + pid() + "/status unreadable", e);
    }
  }

  /** The last {@code lines} lines of the log, for error messages. */
  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  /** SIGTERM, then SIGKILL after 5 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
