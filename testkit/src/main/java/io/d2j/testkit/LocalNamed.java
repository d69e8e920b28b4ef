package io.d2j.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The installed named, in the foreground ({@code -g}: logs on stderr, no fork), so the JVM owns the
 * process. As root it drops to the {@code bind} user like a packaged named, which then must own the
 * work directory to write its journals.
 */
final class LocalNamed implements NamedRunner {
  static final String SERVICE_USER = "bind";

  private final Path named;
  private final UnaryOperator<List<String>> launcher;
  private ChildProcess process;
  private Path logFile;

  LocalNamed(Path named) {
    this(named, UnaryOperator.identity());
  }

  /** A named whose command line goes through {@code launcher} (e.g. into a network namespace). */
  LocalNamed(Path named, UnaryOperator<List<String>> launcher) {
    this.named = named;
    this.launcher = launcher;
  }

  static Optional<Path> locate() {
    return Executables.find(Path.of("/usr/sbin/named"), "named");
  }

  @Override
  public void render(Path dir, int port, List<TestKey> keys) throws IOException {
    TestZones.render(dir, "127.0.0.1", port, keys);
  }

  @Override
  public void start(Path dir, int port) throws IOException {
    List<String> command = new ArrayList<>(List.of(named.toString(), "-g"));
    if (Executables.runningAsRoot() && WorkDirs.userExists(dir, SERVICE_USER)) {
      WorkDirs.chown(dir, SERVICE_USER);
      command.addAll(List.of("-u", SERVICE_USER));
    }
    command.addAll(List.of("-c", dir.resolve("named.conf").toString()));
    logFile = dir.resolve("named.log");
    process = ChildProcess.start(launcher.apply(command), dir, Map.of(), logFile);
  }

  @Override
  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  @Override
  public void stop() {
    if (process != null) {
      process.stop();
    }
  }

  @Override
  public String log() {
    return logFile == null ? "" : ChildProcess.readLog(logFile);
  }
}
