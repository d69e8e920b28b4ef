package io.d2j.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One server process with its stdout and stderr appended to a log file. A JVM shutdown hook kills
 * it if the test run dies before {@link #stop()}, so that no server outlives the build. Public for
 * the end-to-end tests, which run the d2j daemons and Kea's DHCP server the same way.
 */
public final class ChildProcess {
  private static final long GRACE_SECONDS = 5;

  private final Process process;
  private final Thread killOnExit;
  private final Path logFile;

  private ChildProcess(Process process, Path logFile) {
    this.process = process;
    this.logFile = logFile;
    this.killOnExit = new Thread(process::destroyForcibly, "kill " + process.pid());
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  public static ChildProcess start(
      List<String> command, Path workDir, Map<String, String> env, Path log) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().putAll(env);
    return new ChildProcess(builder.start(), log);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The exit code, or -1 while it runs. */
  public int exitCode() {
    return process.isAlive() ? -1 : process.exitValue();
  }

  public long pid() {
    return process.pid();
  }

  /** SIGTERM, then SIGKILL if it has not exited after a grace period. */
  public void stop() {
    try {
      process.destroy();
      if (!process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(killOnExit);
      } catch (IllegalStateException e) {
        // The JVM is already shutting down and runs the hook itself.
      }
    }
  }

  /** SIGKILL: an abrupt failure (no shutdown work, files left as they are), waited for. */
  public void kill() {
    try {
      process.destroyForcibly();
      process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(killOnExit);
      } catch (IllegalStateException e) {
        // The JVM is already shutting down and runs the hook itself.
      }
    }
  }

  /** Everything the process wrote so far (over all starts that shared the log file). */
  public String log() {
    return readLog(logFile);
  }

  public static String readLog(Path logFile) {
    try {
      return Files.exists(logFile)
          ? new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8)
          : "";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + logFile, e);
    }
  }
}
