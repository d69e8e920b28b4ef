package io.d2j.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A Debian root booted with {@code systemd-nspawn --boot}: systemd is PID 1 inside, on a private
 * network (loopback only: nothing reaches or leaves the host's interfaces). Commands run inside
 * through {@code nsenter} into the container's namespaces, as root.
 */
final class BootedRoot implements AutoCloseable {
  private static final Duration BOOT_LIMIT = Duration.ofMinutes(3);

  private final Process nspawn;
  private final Path log;
  private final long leader;

  private BootedRoot(Process nspawn, Path log, long leader) {
    this.nspawn = nspawn;
    this.log = log;
    this.leader = leader;
  }

  /** Boots {@code root} and returns once systemd reports the system running (or degraded). */
  static BootedRoot boot(Path root, String machine) throws IOException {
    Path log = Files.createTempFile("d2j-nspawn-", ".log");
    Process nspawn =
        new ProcessBuilder(
                "systemd-nspawn",
                "--quiet",
                "--register=no",
                "--keep-unit",
                "--private-network",
                "--boot",
                "--machine=" + machine,
                "--directory=" + root)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .start();
    long deadline = System.nanoTime() + BOOT_LIMIT.toNanos();
    Optional<ProcessHandle> init = Optional.empty();
    while (init.isEmpty() && System.nanoTime() - deadline < 0 && nspawn.isAlive()) {
      // The container's PID 1: the process below nspawn that runs systemd. Not simply nspawn's
      // first child: that may still be nspawn's own intermediate child, which exits once it has
      // started the container (seen on a loaded host: its pid was gone when systemctl ran).
      init = nspawn.toHandle().descendants().filter(BootedRoot::isSystemd).findFirst();
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
    if (init.isEmpty()) {
      nspawn.destroyForcibly();
      throw new IOException(
          "systemd-nspawn did not start the container:\n" + Files.readString(log));
    }
    BootedRoot booted = new BootedRoot(nspawn, log, init.get().pid());
    // "offline" until systemd inside listens on its private socket; then --wait blocks until the
    // boot is over.
    String state = "offline";
    while (System.nanoTime() - deadline < 0) {
      state = booted.run(BOOT_LIMIT, "systemctl", "is-system-running", "--wait").output().strip();
      if (state.equals("running") || state.equals("degraded")) {
        return booted;
      }
      LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
    }
    String console = booted.console();
    booted.close();
    throw new IOException("the container did not finish booting (" + state + "):\n" + console);
  }

  private static boolean isSystemd(ProcessHandle p) {
    return p.info().command().map(c -> c.endsWith("/systemd")).orElse(false);
  }

  /** Runs {@code command} inside the container and returns what it printed and returned. */
  Exec.Result run(Duration limit, String... command) {
    List<String> full =
        new ArrayList<>(
            List.of("nsenter", "--target", Long.toString(leader), "--all", "--root", "--wd"));
    full.add("--");
    full.addAll(List.of(command));
    return Exec.run(
        limit,
        Map.of("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
        full.toArray(String[]::new));
  }

  /** {@link #run} with a 60 s limit, failing on a non-zero exit; returns the output. */
  String run(String... command) {
    return run(Duration.ofSeconds(60), command).requireSuccess().output();
  }

  /** What systemd printed on the container's console. */
  String console() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  /**
   * Shuts the container down (SIGTERM to nspawn: systemd stops every unit), then removes the log.
   */
  @Override
  public void close() throws IOException {
    nspawn.destroy();
    try {
      if (!nspawn.waitFor(90, TimeUnit.SECONDS)) {
        nspawn.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      nspawn.destroyForcibly();
    }
    Files.deleteIfExists(log);
  }
}
