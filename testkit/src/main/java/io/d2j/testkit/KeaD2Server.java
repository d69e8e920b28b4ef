package io.d2j.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Assumptions;

/**
 * ISC's kea-dhcp-ddns (2.2) in a temp directory, for interop tests against the real D2.
 *
 * <pre>{@code
 * KeaD2Server.assumeAvailable();
 * int port = KeaD2Server.freeUdpPort();
 * try (KeaD2Server kea = KeaD2Server.start("""
 *     { "DhcpDdns": { "ip-address": "127.0.0.1", "port": %d,
 *       "control-socket": { "socket-type": "unix", "socket-name": "@DIR@/d2.sock" },
 *       "loggers": [ { "name": "kea-dhcp-ddns", "severity": "INFO",
 *                      "output_options": [ { "output": "stdout" } ] } ] } }
 *     """.formatted(port))) {
 *   // send NCRs to 127.0.0.1:port
 * }
 * }</pre>
 *
 * <p>{@code @DIR@} in the config is replaced by the work directory. Kea needs, to run as any user:
 * {@code KEA_PIDFILE_DIR} (default /run/kea) and {@code KEA_LOCKFILE_DIR} (default /var/run/kea)
 * pointing at a writable directory, which this fixture sets to the work directory; loggers must
 * write to {@code stdout} (or be absent) at INFO or more verbose, since readiness is the {@code
 * DHCP_DDNS_STARTED} line.
 */
public final class KeaD2Server implements AutoCloseable {
  static final String UNAVAILABLE =
      "kea-dhcp-ddns not available: install kea-dhcp-ddns-server (apt-get install"
          + " kea-dhcp-ddns-server)";
  static final String STARTED = "DHCP_DDNS_STARTED";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

  private final Path workDir;
  private final ChildProcess process;

  private KeaD2Server(Path workDir, ChildProcess process) {
    this.workDir = workDir;
    this.process = process;
  }

  /** Aborts the calling test (reported as skipped, with the reason) when Kea's D2 is missing. */
  public static void assumeAvailable() {
    Assumptions.assumeTrue(locate().isPresent(), UNAVAILABLE);
  }

  /** A UDP port free on 127.0.0.1, for the config's {@code port}. */
  public static int freeUdpPort() {
    return Ports.freeUdpPort();
  }

  /**
   * Writes {@code dhcpDdnsJson} to {@code kea-dhcp-ddns.json} in a fresh temp directory, runs
   * {@code kea-dhcp-ddns -c} on it and returns once Kea logs {@code DHCP_DDNS_STARTED}.
   *
   * @throws IOException if Kea exits (a config error, say) or stays silent; the message holds its
   *     log
   */
  public static KeaD2Server start(String dhcpDdnsJson) throws IOException {
    return start(dhcpDdnsJson, null);
  }

  /**
   * As {@link #start(String)}, with kea-dhcp-ddns inside {@code namespace} (its 127.0.0.1 is the
   * namespace's own; {@code null} = the JVM's namespace). The work directory and its control socket
   * are files, so the test reaches them from outside as usual.
   */
  public static KeaD2Server start(String dhcpDdnsJson, NetworkNamespace namespace)
      throws IOException {
    Path binary = locate().orElseThrow(() -> new IOException(UNAVAILABLE));
    Path dir = WorkDirs.create("d2j-kea-");
    Path config = dir.resolve("kea-dhcp-ddns.json");
    Files.writeString(
        config, dhcpDdnsJson.replace("@DIR@", dir.toString()), StandardCharsets.UTF_8);
    Map<String, String> env =
        Map.of(
            "KEA_PIDFILE_DIR", dir.toString(),
            "KEA_LOCKFILE_DIR", dir.toString(),
            // Where Kea logs before (and unless) the config's loggers take over.
            "KEA_LOGGER_DESTINATION", "stdout");
    ChildProcess process;
    try {
      List<String> command = List.of(binary.toString(), "-c", config.toString());
      process =
          ChildProcess.start(
              namespace == null ? command : namespace.command(command),
              dir,
              env,
              dir.resolve("kea.log"));
    } catch (IOException e) {
      WorkDirs.deleteRecursively(dir);
      throw e;
    }
    KeaD2Server server = new KeaD2Server(dir, process);
    try {
      server.awaitStarted();
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void awaitStarted() throws IOException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() - deadline < 0) {
      if (log().contains(STARTED)) {
        return;
      }
      if (!process.isAlive()) {
        throw new IOException(
            "kea-dhcp-ddns exited with code "
                + process.exitCode()
                + " before "
                + STARTED
                + "; log:\n"
                + log());
      }
      LockSupport.parkNanos(POLL_INTERVAL.toNanos());
    }
    throw new IOException(
        "kea-dhcp-ddns did not log " + STARTED + " within " + READY_TIMEOUT + "; log:\n" + log());
  }

  static Optional<Path> locate() {
    return Executables.find(Path.of("/usr/sbin/kea-dhcp-ddns"), "kea-dhcp-ddns");
  }

  /** Kea's stdout and stderr so far. */
  public String log() {
    return process.log();
  }

  public Path workDir() {
    return workDir;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Stops Kea (SIGTERM, then SIGKILL after 5 s) and deletes its directory. */
  @Override
  public void close() {
    process.stop();
    WorkDirs.deleteRecursively(workDir);
  }

  @Override
  public String toString() {
    return "KeaD2Server[pid " + process.pid() + ", " + workDir + "]";
  }
}
