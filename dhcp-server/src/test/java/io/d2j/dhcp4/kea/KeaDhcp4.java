package io.d2j.dhcp4.kea;

import io.d2j.testkit.NetworkNamespace;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A real kea-dhcp4 2.2 (Debian kea-dhcp4-server) run by a test in its own directory: started on a
 * configuration, waited for until it logs DHCP4_STARTED, stopped with SIGTERM. Tests that need it
 * skip with the reason when it is not installed ({@link #installed()}).
 */
public final class KeaDhcp4 implements AutoCloseable {

  public static final Path BINARY = Path.of("/usr/sbin/kea-dhcp4");
  private static final Duration START = Duration.ofSeconds(20);

  private final Process process;
  private final Path log;

  private KeaDhcp4(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  public static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  /**
   * Writes {@code config} to {@code dir/kea-dhcp4.json} and starts kea-dhcp4 on it.
   *
   * @param extraArgs e.g. {@code -p PORT -P PORT}
   */
  public static KeaDhcp4 start(Path dir, String config, List<String> extraArgs)
      throws IOException, InterruptedException {
    return start(dir, config, extraArgs, c -> c);
  }

  /**
   * As {@link #start(Path, String, List)}, inside {@code netns} (Kea opens its interfaces there).
   */
  public static KeaDhcp4 startIn(NetworkNamespace netns, Path dir, String config)
      throws IOException, InterruptedException {
    return start(dir, config, List.of(), netns::command);
  }

  private static KeaDhcp4 start(
      Path dir, String config, List<String> extraArgs, UnaryOperator<List<String>> wrap)
      throws IOException, InterruptedException {
    Path file = dir.resolve("kea-dhcp4.json");
    Files.writeString(file, config);
    Path log = dir.resolve("kea-dhcp4.out");
    List<String> command = new ArrayList<>(List.of(BINARY.toString(), "-c", file.toString()));
    command.addAll(extraArgs);
    command = wrap.apply(command);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    // Its pid and logger lock files go to the test's directory, not /run/kea.
    builder.environment().put("KEA_PIDFILE_DIR", dir.toString());
    builder.environment().put("KEA_LOCKFILE_DIR", dir.toString());
    Process p = builder.start();
    KeaDhcp4 kea = new KeaDhcp4(p, log);
    Instant deadline = Instant.now().plus(START);
    while (!kea.log().contains("DHCP4_STARTED")) {
      if (!p.isAlive()) {
        throw new IllegalStateException("kea-dhcp4 exited at start:\n" + kea.log());
      }
      if (Instant.now().isAfter(deadline)) {
        kea.close();
        throw new IllegalStateException("kea-dhcp4 did not start in " + START + ":\n" + kea.log());
      }
      Thread.sleep(50);
    }
    return kea;
  }

  /**
   * {@code kea-dhcp4 -t file}: the exit code and output.
   *
   * @param netns a network namespace to run it in (Kea checks interface names), or null
   */
  public static Check check(Path file, String netns) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    if (netns != null) {
      command.addAll(List.of("ip", "netns", "exec", netns));
    }
    command.addAll(List.of(BINARY.toString(), "-t", file.toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(file.getParent().toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().put("KEA_PIDFILE_DIR", file.getParent().toString());
    builder.environment().put("KEA_LOCKFILE_DIR", file.getParent().toString());
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("kea-dhcp4 -t " + file + " did not finish");
    }
    return new Check(p.exitValue(), out);
  }

  /** The result of {@code kea-dhcp4 -t}. */
  public record Check(int exitCode, String output) {}

  public String log() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }
}
