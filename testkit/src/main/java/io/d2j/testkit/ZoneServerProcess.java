package io.d2j.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.xbill.DNS.Record;

/**
 * The life of a zone server that is one local process in a temp directory ({@link KnotServer},
 * {@link PowerDnsServer}): write its files, start it on a free port, wait until it answers SOA,
 * retry on another port when the one picked was taken meanwhile, stop it, delete the directory.
 */
abstract class ZoneServerProcess implements ZoneServer {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(20);
  private static final int START_ATTEMPTS = 3;

  private final Path workDir;
  private final int port;
  private final TestKey key;
  private ChildProcess process;

  protected ZoneServerProcess(Path workDir, int port, TestKey key) {
    this.workDir = workDir;
    this.port = port;
    this.key = key;
  }

  /** What a subclass supplies: its files and its command line. */
  interface Flavour<S extends ZoneServerProcess> {
    S create(Path dir, int port, TestKey key);
  }

  /** Writes the server's configuration and zones into {@link #workDir()}. */
  protected abstract void render() throws IOException;

  /** The command line that runs the server in the foreground. */
  protected abstract List<String> command();

  static <S extends ZoneServerProcess> S start(String prefix, TestKey key, Flavour<S> flavour)
      throws IOException {
    IOException lastPortClash = null;
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      Path dir = WorkDirs.create(prefix);
      S server = flavour.create(dir, Ports.freeTcpAndUdpPort(), key);
      try {
        server.render();
        server.launch();
        return server;
      } catch (PortTaken e) {
        lastPortClash = e;
        server.close();
      } catch (IOException | RuntimeException e) {
        server.close();
        throw e;
      }
    }
    throw lastPortClash;
  }

  final void launch() throws IOException {
    process = ChildProcess.start(command(), workDir, Map.of(), logFile());
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() - deadline < 0) {
      if (!process.isAlive()) {
        String log = log();
        String lower = log.toLowerCase(Locale.ROOT);
        if (lower.contains("address already in use") || lower.contains("address in use")) {
          throw new PortTaken(product() + ": 127.0.0.1:" + port + " in use; log:\n" + log);
        }
        throw new IOException(product() + " exited before answering; log:\n" + log);
      }
      if (DnsQueries.answersSoa(
          socketAddress(), TestZones.FORWARD, Duration.ofMillis(200), false)) {
        return;
      }
      LockSupport.parkNanos(POLL_INTERVAL.toNanos());
    }
    process.stop();
    throw new IOException(
        product()
            + " did not answer SOA example.org. at "
            + socketAddress()
            + " within "
            + READY_TIMEOUT
            + "; log:\n"
            + log());
  }

  protected final Path workDir() {
    return workDir;
  }

  protected final int port() {
    return port;
  }

  private Path logFile() {
    return workDir.resolve("server.log");
  }

  @Override
  public InetSocketAddress socketAddress() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }

  @Override
  public TestKey key() {
    return key;
  }

  @Override
  public List<Record> query(String name, int type) {
    return DnsQueries.answer(socketAddress(), name, type, QUERY_TIMEOUT, false);
  }

  @Override
  public List<Record> axfr(String zone) {
    return DnsQueries.axfr(socketAddress(), zone, QUERY_TIMEOUT);
  }

  @Override
  public String log() {
    return ChildProcess.readLog(logFile());
  }

  @Override
  public void close() {
    if (process != null) {
      process.stop();
    }
    WorkDirs.deleteRecursively(workDir);
  }

  @Override
  public String toString() {
    return product() + "[" + socketAddress() + ", " + workDir + "]";
  }

  /** The port was free when picked, but someone bound it before the server did. */
  static final class PortTaken extends IOException {
    private static final long serialVersionUID = 1L;

    PortTaken(String message) {
      super(message);
    }
  }
}
