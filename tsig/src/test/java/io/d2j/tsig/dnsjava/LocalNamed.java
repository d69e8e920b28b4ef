package io.d2j.tsig.dnsjava;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real BIND {@code named} on 127.0.0.1 and a free port, serving one zone from a temp directory.
 * Runs as user {@code bind} when the test runs as root (named refuses nothing as root, but the
 * packaged daemon normally drops privileges and we want the same file access rules).
 */
final class LocalNamed implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/sbin/named");
  private static final Duration STARTUP = Duration.ofSeconds(10);

  private final Process process;
  private final int port;
  private final Path log;

  private LocalNamed(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts named with {@code keyClauses} (complete {@code key "..." { ... };} statements) and a
   * zone that every listed key may update.
   */
  static LocalNamed start(Path dir, String zone, List<String> keyNames, String keyClauses)
      throws IOException, InterruptedException {
    int port = freePort();
    Path zoneFile = dir.resolve("zone.db");
    Files.writeString(
        zoneFile,
        String.join(
            "\n",
            "$TTL 300",
            "@ IN SOA ns." + zone + " hostmaster." + zone + " 1 3600 600 86400 300",
            "@ IN NS ns",
            "ns IN A 127.0.0.1",
            ""));
    StringBuilder allow = new StringBuilder();
    for (String key : keyNames) {
      allow.append("key \"").append(key).append("\"; ");
    }
    Path conf = dir.resolve("named.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "options {",
            "  directory \"" + dir + "\";",
            "  pid-file \"" + dir.resolve("named.pid") + "\";",
            "  session-keyfile \"" + dir.resolve("session.key") + "\";",
            "  listen-on port " + port + " { 127.0.0.1; };",
            "  listen-on-v6 { none; };",
            "  recursion no;",
            "  notify no;",
            "  dnssec-validation no;",
            "};",
            "controls { };",
            keyClauses,
            "zone \"" + zone + "\" {",
            "  type primary;",
            "  file \"" + zoneFile + "\";",
            "  allow-update { " + allow + "};",
            "};",
            ""),
        StandardCharsets.US_ASCII);

    List<String> command = new ArrayList<>(List.of(BINARY.toString(), "-g", "-c", conf.toString()));
    if ("root".equals(System.getProperty("user.name"))) {
      handToBind(dir);
      command.addAll(List.of("-u", "bind"));
    }
    Path log = Files.createTempFile("named-", ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    LocalNamed named = new LocalNamed(process, port, log);
    named.awaitReady(zone);
    return named;
  }

  int port() {
    return port;
  }

  /** Sends one datagram and returns the first answer datagram, or fails after {@code timeout}. */
  byte[] exchange(byte[] request, Duration timeout) throws IOException {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(loopback(), 0))) {
      socket.setSoTimeout((int) timeout.toMillis());
      socket.send(new DatagramPacket(request, request.length, loopback(), port));
      DatagramPacket answer = new DatagramPacket(new byte[65535], 65535);
      socket.receive(answer);
      return java.util.Arrays.copyOf(answer.getData(), answer.getLength());
    }
  }

  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    Files.deleteIfExists(log);
  }

  /** 127.0.0.1 by number: tests never resolve names or leave the host. */
  private static InetAddress loopback() throws IOException {
    return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
  }

  /** Polls with a plain SOA query until named answers, or fails with its log. */
  private void awaitReady(String zone) throws IOException, InterruptedException {
    byte[] query = soaQuery(zone);
    Instant deadline = Instant.now().plus(STARTUP);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("named exited with " + process.exitValue() + ":\n" + log());
      }
      try {
        exchange(query, Duration.ofMillis(200));
        return;
      } catch (SocketTimeoutException | java.net.PortUnreachableException e) {
        Thread.sleep(50); // waiting on an external process, not on virtual time
      }
    }
    close();
    throw new IllegalStateException("named did not answer within " + STARTUP + ":\n" + log());
  }

  private static byte[] soaQuery(String zone) {
    org.xbill.DNS.Message query =
        org.xbill.DNS.Message.newQuery(
            org.xbill.DNS.Record.newRecord(
                org.xbill.DNS.Name.fromConstantString(zone),
                org.xbill.DNS.Type.SOA,
                org.xbill.DNS.DClass.IN));
    return query.toWire();
  }

  private static int freePort() throws IOException {
    for (int attempt = 0; attempt < 20; attempt++) {
      try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback(), 0));
          ServerSocket tcp = new ServerSocket(udp.getLocalPort(), 1, loopback())) {
        return tcp.getLocalPort();
      } catch (IOException busy) {
        // TCP side taken: try another UDP port.
      }
    }
    throw new IOException("no free UDP+TCP port pair on 127.0.0.1");
  }

  private static void handToBind(Path dir) throws IOException {
    UserPrincipal bind =
        dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("bind");
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.toList()) {
        Files.setOwner(p, bind);
      }
    }
    // @TempDir lives under /tmp (mode 1777), so bind can reach it once it owns it.
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
