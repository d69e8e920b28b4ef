package io.d2j.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PowerDNS Authoritative Server ({@code pdns_server}, SQLite backend) on 127.0.0.1 serving
 * the zones of {@code test-zones/} from a temp directory on a free port. RFC 2136 updates are on
 * ({@code dnsupdate=yes}, from 127.0.0.0/8 only) and each zone's {@code TSIG-ALLOW-DNSUPDATE}
 * metadata names {@link #key()}, so unsigned updates are refused. Caches are off so that a query
 * right after an update sees it.
 *
 * <pre>{@code
 * PowerDnsServer.assumeAvailable();
 * try (PowerDnsServer pdns = PowerDnsServer.start(TestKey.random("d2j-key.", "HMAC-SHA256"))) { ... }
 * }</pre>
 */
public final class PowerDnsServer extends ZoneServerProcess {
  static final String UNAVAILABLE =
      "PowerDNS not available: install pdns-server, pdns-backend-sqlite3 and sqlite3";
  private static final Path SCHEMA =
      Path.of("/usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql");
  private static final long TOOL_TIMEOUT_SECONDS = 30;

  private final Binaries bin;

  private record Binaries(Path server, Path util, Path sqlite3) {}

  private PowerDnsServer(Binaries bin, Path dir, int port, TestKey key) {
    super(dir, port, key);
    this.bin = bin;
  }

  /** pdns_server, pdnsutil, sqlite3 and the SQLite schema; {@code -Dd2j.pdns_server=none} etc. */
  static Optional<Binaries> locate() {
    Optional<Path> server = Executables.find(Path.of("/usr/sbin/pdns_server"), "pdns_server");
    Optional<Path> util = Executables.find(Path.of("/usr/bin/pdnsutil"), "pdnsutil");
    Optional<Path> sqlite = Executables.find(Path.of("/usr/bin/sqlite3"), "sqlite3");
    if (server.isEmpty() || util.isEmpty() || sqlite.isEmpty() || !Files.isReadable(SCHEMA)) {
      return Optional.empty();
    }
    return Optional.of(new Binaries(server.get(), util.get(), sqlite.get()));
  }

  /** Aborts the calling test (reported as skipped, with the reason) when PowerDNS is missing. */
  public static void assumeAvailable() {
    Assumptions.assumeTrue(locate().isPresent(), UNAVAILABLE);
  }

  /** Starts pdns_server and returns once it answers SOA for example.org. */
  public static PowerDnsServer start(TestKey key) throws IOException {
    Binaries bin = locate().orElseThrow(() -> new IOException(UNAVAILABLE));
    return start("d2j-pdns-", key, (dir, port, k) -> new PowerDnsServer(bin, dir, port, k));
  }

  @Override
  public String product() {
    return "PowerDNS";
  }

  @Override
  protected void render() throws IOException {
    Path dir = workDir().toAbsolutePath();
    TestZones.copyZoneFiles(dir);
    Path db = dir.resolve("pdns.sqlite3");
    String conf =
        String.join(
            "\n",
            "launch=gsqlite3",
            "gsqlite3-database=" + db,
            "local-address=127.0.0.1",
            "local-port=" + port(),
            "socket-dir=" + dir,
            "guardian=no",
            "daemon=no",
            "disable-syslog=yes",
            "dnsupdate=yes",
            "allow-dnsupdate-from=127.0.0.0/8",
            "cache-ttl=0",
            "query-cache-ttl=0",
            "negquery-cache-ttl=0",
            "api=no",
            "webserver=no",
            "loglevel=4",
            "");
    Files.writeString(dir.resolve("pdns.conf"), conf, StandardCharsets.UTF_8);
    run(List.of(bin.sqlite3().toString(), db.toString(), ".read " + SCHEMA));
    TestKey key = key();
    run(util("import-tsig-key", key.name(), key.bindAlgorithm(), key.secretBase64()));
    for (String zone : TestZones.zones()) {
      run(util("load-zone", zone, dir.resolve(zone + "db").toString()));
      run(util("set-meta", zone, "TSIG-ALLOW-DNSUPDATE", key.name()));
    }
  }

  private List<String> util(String... args) {
    List<String> command = new ArrayList<>();
    command.add(bin.util().toString());
    command.add("--config-dir=" + workDir().toAbsolutePath());
    command.addAll(List.of(args));
    return command;
  }

  /** Runs a setup tool to completion in the work dir; its output goes to setup.log. */
  private void run(List<String> command) throws IOException {
    Path log = workDir().resolve("setup.log");
    Process p =
        new ProcessBuilder(command)
            .directory(workDir().toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    try {
      if (!p.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + ": no exit within 30 s");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException(String.join(" ", command) + ": interrupted", e);
    }
    if (p.exitValue() != 0) {
      throw new IOException(
          String.join(" ", command)
              + ": exit "
              + p.exitValue()
              + "; output:\n"
              + ChildProcess.readLog(log));
    }
  }

  @Override
  protected List<String> command() {
    return List.of(bin.server().toString(), "--config-dir=" + workDir().toAbsolutePath());
  }
}
