package io.d2j.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Assumptions;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.ZoneTransferException;
import org.xbill.DNS.ZoneTransferIn;

/**
 * A real named on 127.0.0.1 serving the zones of {@code test-zones/} from a fresh temp directory,
 * on a free port, accepting UPDATEs signed with the given TSIG keys only.
 *
 * <pre>{@code
 * BindServer.assumeAvailable();
 * try (BindServer bind = BindServer.start(TestKey.random("d2j-key.", "HMAC-SHA256"))) {
 *   // point the D2 under test at bind.socketAddress() with bind.key()
 *   List<Record> a = bind.query("static.example.org.", Type.A);  // [static.example.org. 60 IN A 192.0.2.200]
 * }
 * }</pre>
 */
public final class BindServer implements ZoneServer {
  static final String UNAVAILABLE =
      "BIND not available: install bind9 (apt-get install bind9 bind9-dnsutils) or start Docker";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(20);
  private static final int START_ATTEMPTS = 3;

  private final NamedRunner runner;
  private final Path workDir;
  private final int port;
  private final List<TestKey> keys;
  private final NetworkNamespace namespace;
  private NetnsTcpBridge bridge;

  private BindServer(
      NamedRunner runner, Path workDir, int port, List<TestKey> keys, NetworkNamespace namespace) {
    this.runner = runner;
    this.workDir = workDir;
    this.port = port;
    this.keys = keys;
    this.namespace = namespace;
  }

  /** Aborts the calling test (reported as skipped, with the reason) when no named can run. */
  public static void assumeAvailable() {
    Assumptions.assumeTrue(NamedRunner.detect().isPresent(), UNAVAILABLE);
  }

  /**
   * Starts named and returns once it answers SOA for example.org. With no keys, one random
   * HMAC-SHA256 key named {@code d2j-key.} is made.
   */
  public static BindServer start(TestKey... keys) throws IOException {
    return start(null, keys);
  }

  /**
   * Starts the local named inside {@code namespace}, on its 127.0.0.1: only processes in that
   * namespace reach it by {@link #socketAddress()}. The test's own {@link #query} and {@link #axfr}
   * go by TCP through a {@link NetnsTcpBridge}. No Docker fallback here.
   */
  public static BindServer startIn(NetworkNamespace namespace, TestKey... keys) throws IOException {
    return start(namespace, 0, keys);
  }

  /**
   * As {@link #startIn(NetworkNamespace, TestKey...)}, on a given port of the namespace's
   * 127.0.0.1: 53 for a client that cannot name a port (ISC dhcpd's {@code zone} primaries). The
   * namespace is the test's own, so the port is free.
   */
  public static BindServer startIn(NetworkNamespace namespace, int port, TestKey... keys)
      throws IOException {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port: must be 1-65535, got " + port);
    }
    return start(namespace, port, keys);
  }

  private static BindServer start(NetworkNamespace namespace, TestKey... keys) throws IOException {
    return start(namespace, 0, keys);
  }

  /** {@code fixedPort} 0: a free port, with retries on a clash. */
  private static BindServer start(NetworkNamespace namespace, int fixedPort, TestKey... keys)
      throws IOException {
    List<TestKey> keyList =
        keys.length == 0 ? List.of(TestKey.random("d2j-key.", "HMAC-SHA256")) : List.of(keys);
    IOException lastPortClash = null;
    int attempts = fixedPort == 0 ? START_ATTEMPTS : 1;
    for (int attempt = 0; attempt < attempts; attempt++) {
      NamedRunner runner =
          namespace == null
              ? NamedRunner.detect().orElseThrow(() -> new IOException(UNAVAILABLE))
              : new LocalNamed(
                  LocalNamed.locate().orElseThrow(() -> new IOException(UNAVAILABLE)),
                  namespace::command);
      Path dir = WorkDirs.create("d2j-bind-");
      int port = fixedPort != 0 ? fixedPort : Ports.freeTcpAndUdpPort();
      BindServer server = new BindServer(runner, dir, port, keyList, namespace);
      try {
        if (namespace != null) {
          server.bridge = namespace.tcpBridge(port);
        }
        runner.render(dir, port, keyList);
        server.launch();
        return server;
      } catch (NamedRunner.PortInUseException e) {
        lastPortClash = e;
        server.close();
      } catch (IOException | RuntimeException e) {
        server.close();
        throw e;
      }
    }
    throw lastPortClash;
  }

  private void launch() throws IOException {
    runner.start(workDir, port);
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() - deadline < 0) {
      if (!runner.isAlive()) {
        String log = runner.log();
        String lower = log.toLowerCase(Locale.ROOT);
        if (lower.contains("address in use") || lower.contains("unable to listen on any")) {
          throw new NamedRunner.PortInUseException("127.0.0.1:" + port + " in use; log:\n" + log);
        }
        throw new IOException("named exited before answering; log:\n" + log);
      }
      if (answersSoa()) {
        return;
      }
      LockSupport.parkNanos(POLL_INTERVAL.toNanos());
    }
    runner.stop();
    throw new IOException(
        "named did not answer SOA example.org. at "
            + socketAddress()
            + " within "
            + READY_TIMEOUT
            + "; log:\n"
            + runner.log());
  }

  private boolean answersSoa() {
    return DnsQueries.answersSoa(
        queryAddress(), TestZones.FORWARD, Duration.ofMillis(200), bridge != null);
  }

  @Override
  public String product() {
    return "BIND";
  }

  public InetAddress address() {
    return InetAddress.getLoopbackAddress();
  }

  public int port() {
    return port;
  }

  @Override
  public InetSocketAddress socketAddress() {
    return new InetSocketAddress(address(), port);
  }

  /** The keys named accepts UPDATEs from. */
  public List<TestKey> keys() {
    return keys;
  }

  /** The first key. */
  @Override
  public TestKey key() {
    return keys.get(0);
  }

  @Override
  public List<Record> query(String name, int type) {
    return DnsQueries.answer(queryAddress(), name, type, QUERY_TIMEOUT, bridge != null);
  }

  /** Every record of {@code zone}, by AXFR (RFC 5936), starting with its SOA. */
  @Override
  public List<Record> axfr(String zone) {
    try {
      ZoneTransferIn transfer =
          ZoneTransferIn.newAXFR(Name.fromString(zone, Name.root), queryAddress(), null);
      transfer.setTimeout(QUERY_TIMEOUT);
      transfer.run();
      return transfer.getAXFR();
    } catch (IOException e) {
      throw new UncheckedIOException("AXFR " + zone + " from " + socketAddress(), e);
    } catch (ZoneTransferException e) {
      throw new IllegalStateException(
          "AXFR " + zone + " from " + socketAddress() + ": " + e.getMessage(), e);
    }
  }

  /** Stops named, keeping its directory: zone files and journals survive for {@link #restart()}. */
  public void stop() {
    runner.stop();
  }

  /** Stops named if it runs and starts it again on the same port from the same directory. */
  public void restart() {
    runner.stop();
    try {
      launch();
    } catch (IOException e) {
      throw new UncheckedIOException("restart of named on " + socketAddress(), e);
    }
  }

  public Path workDir() {
    return workDir;
  }

  /** What named logged so far, for failure messages. */
  @Override
  public String log() {
    return runner.log();
  }

  /** Stops named and deletes its directory. */
  @Override
  public void close() {
    runner.stop();
    if (bridge != null) {
      bridge.close();
    }
    WorkDirs.deleteRecursively(workDir);
  }

  /** Where this JVM sends its queries: named itself, or the bridge into its namespace. */
  private InetSocketAddress queryAddress() {
    return bridge == null ? socketAddress() : bridge.socketAddress();
  }

  /** The namespace named runs in, if {@link #startIn} started it. */
  public Optional<NetworkNamespace> namespace() {
    return Optional.ofNullable(namespace);
  }

  @Override
  public String toString() {
    return "BindServer[" + socketAddress() + ", " + workDir + "]";
  }
}
