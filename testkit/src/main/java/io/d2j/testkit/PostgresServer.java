package io.d2j.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL (Debian's {@code postgresql}) in a temp directory on a free 127.0.0.1 port:
 * {@code initdb}, then {@code pg_ctl start}, stopped and deleted on {@link #close()}. TCP logins
 * need a password (scram-sha-256), as on a production server; the fixture itself administers the
 * server through its unix socket in the temp directory.
 *
 * <pre>{@code
 * PostgresServer.assumeKeaSchemaAvailable();
 * try (PostgresServer pg = PostgresServer.start()) {
 *   PostgresServer.Database db = pg.keaDatabase("leases"); // schema by kea-admin db-init pgsql
 *   // connect to 127.0.0.1:pg.port() as db.user() / db.password()
 *   pg.stop(); // an outage: clients lose their connections
 *   pg.restart(); // same port, same data
 * }
 * }</pre>
 *
 * <p>PostgreSQL refuses to run as root: when the JVM is root the server runs as the {@code
 * postgres} user ({@code runuser -u postgres}), which then owns the directory. The binaries are
 * taken from the newest {@code /usr/lib/postgresql/N/bin} (system property {@code d2j.pgbin}
 * overrides).
 */
public final class PostgresServer implements AutoCloseable {

  static final String SERVICE_USER = "postgres";
  static final String SUPERUSER_PASSWORD = "d2j-test-super";

  /** The role that owns every Kea database of this server, and its password. */
  public static final String KEA_USER = "kea";

  public static final String KEA_PASSWORD = "kea-test-pw";

  private static final String TEMPLATE = "kea_template";
  private static final int ATTEMPTS = 5;

  /** A database of this server and the role that owns it. */
  public record Database(String name, String user, String password) {}

  private final Path bin;
  private final Path dir;
  private final int port;
  private final boolean asService;
  private boolean templateReady;

  /** Stops the server if the test run dies before {@link #close()}. */
  private Thread killOnExit;

  private PostgresServer(Path bin, Path dir, int port, boolean asService) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.asService = asService;
  }

  /** Skips the calling test (with the reason) when PostgreSQL cannot be run here. */
  public static void assumeAvailable() {
    Assumptions.assumeTrue(unavailable().isEmpty(), unavailable().orElse(""));
  }

  /** As {@link #assumeAvailable()}, and {@code kea-admin} (to create Kea's schema) too. */
  public static void assumeKeaSchemaAvailable() {
    assumeAvailable();
    Assumptions.assumeTrue(
        keaAdmin().isPresent(),
        "kea-admin not available: install kea-admin (apt-get install kea-admin)");
  }

  /** Why PostgreSQL cannot run here, or empty when it can. */
  public static Optional<String> unavailable() {
    Optional<Path> bin = binDir();
    if (bin.isEmpty()) {
      return Optional.of(
          "PostgreSQL not available: install postgresql (apt-get install postgresql)");
    }
    if (Executables.find(Path.of("/usr/bin/psql"), "psql").isEmpty()) {
      return Optional.of("psql not available: install postgresql-client");
    }
    if (Executables.runningAsRoot()
        && (!WorkDirs.userExists(Path.of("/"), SERVICE_USER)
            || Executables.find(Path.of("/usr/sbin/runuser"), "runuser").isEmpty())) {
      return Optional.of(
          "PostgreSQL refuses to run as root and there is no 'postgres' user (or no runuser)");
    }
    return Optional.empty();
  }

  static Optional<Path> binDir() {
    String override = System.getProperty("d2j.pgbin");
    if (override != null) {
      Path p = Path.of(override);
      return Files.isExecutable(p.resolve("pg_ctl")) ? Optional.of(p) : Optional.empty();
    }
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
          .max(Comparator.comparingInt(PostgresServer::version));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static int version(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static Optional<Path> keaAdmin() {
    return Executables.find(Path.of("/usr/sbin/kea-admin"), "kea-admin");
  }

  /**
   * Initialises a cluster in a fresh temp directory and starts it on a free 127.0.0.1 port.
   *
   * @throws IOException with the server's log when it does not start
   */
  public static PostgresServer start() throws IOException {
    Path bin =
        binDir().orElseThrow(() -> new IOException(unavailable().orElse("PostgreSQL not found")));
    Path dir = WorkDirs.create("d2j-pg-");
    boolean asService = Executables.runningAsRoot();
    try {
      Files.writeString(dir.resolve("pw"), SUPERUSER_PASSWORD + "\n", StandardCharsets.UTF_8);
      if (asService) {
        WorkDirs.chown(dir, SERVICE_USER);
      }
      PostgresServer init = new PostgresServer(bin, dir, 0, asService);
      init.run(
          init.asUser(
              List.of(
                  bin.resolve("initdb").toString(),
                  "-D",
                  dir.resolve("data").toString(),
                  "-U",
                  "postgres",
                  "--pwfile=" + dir.resolve("pw"),
                  "--auth-local=trust",
                  "--auth-host=scram-sha-256",
                  "-E",
                  "UTF8",
                  "--locale=C",
                  "--no-sync")),
          Map.of(),
          120);
      IOException last = null;
      for (int i = 0; i < ATTEMPTS; i++) {
        PostgresServer server = new PostgresServer(bin, dir, Ports.freeTcpAndUdpPort(), asService);
        try {
          server.startServer();
          server.killOnExit = new Thread(server::stopQuietly, "stop postgres " + server.port);
          Runtime.getRuntime().addShutdownHook(server.killOnExit);
          return server;
        } catch (IOException e) {
          last = e; // most likely the port was taken between the check and the bind
        }
      }
      throw last;
    } catch (IOException | RuntimeException e) {
      WorkDirs.deleteRecursively(dir);
      throw e;
    }
  }

  private List<String> asUser(List<String> command) {
    if (!asService) {
      return command;
    }
    List<String> out = new ArrayList<>(List.of("runuser", "-u", SERVICE_USER, "--"));
    out.addAll(command);
    return out;
  }

  /** {@code pg_ctl -D DATA args...}, as the server's user. */
  private void pgCtl(String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString()));
    command.addAll(List.of(args));
    run(asUser(command), Map.of(), 90);
  }

  private void startServer() throws IOException {
    pgCtl(
        "-l",
        dir.resolve("postgres.log").toString(),
        "-w",
        "-t",
        "60",
        "-o",
        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=60",
        "start");
  }

  /** The server's TCP port on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** Where clients connect: {@code 127.0.0.1}. */
  public String host() {
    return "127.0.0.1";
  }

  /** The server's log so far (for failure messages). */
  public String log() {
    return ChildProcess.readLog(dir.resolve("postgres.log"));
  }

  /**
   * A new database {@code name} with Kea 2.2's lease schema, as {@code kea-admin db-init pgsql}
   * creates it, owned by {@link #KEA_USER}. The first call runs kea-admin on a template database (a
   * few seconds); each database is then a copy of it.
   */
  public Database keaDatabase(String name) throws IOException {
    if (!templateReady) {
      ensureKeaRole();
      psql("postgres", "CREATE DATABASE " + TEMPLATE + " OWNER " + KEA_USER);
      keaAdminInit(TEMPLATE);
      templateReady = true;
    }
    psql("postgres", "CREATE DATABASE " + name + " OWNER " + KEA_USER + " TEMPLATE " + TEMPLATE);
    return new Database(name, KEA_USER, KEA_PASSWORD);
  }

  /** A new, empty database {@code name} (no schema) owned by {@link #KEA_USER}. */
  public Database emptyDatabase(String name) throws IOException {
    ensureKeaRole();
    psql("postgres", "CREATE DATABASE " + name + " OWNER " + KEA_USER);
    return new Database(name, KEA_USER, KEA_PASSWORD);
  }

  private void ensureKeaRole() throws IOException {
    if (psql("postgres", "SELECT 1 FROM pg_roles WHERE rolname = '" + KEA_USER + "'").isBlank()) {
      psql("postgres", "CREATE ROLE " + KEA_USER + " LOGIN PASSWORD '" + KEA_PASSWORD + "'");
    }
  }

  /** Runs {@code kea-admin db-init pgsql} on {@code database} over TCP, as Kea's docs say. */
  public void keaAdminInit(String database) throws IOException {
    Path keaAdmin = keaAdmin().orElseThrow(() -> new IOException("kea-admin not available"));
    run(
        List.of(
            keaAdmin.toString(),
            "db-init",
            "pgsql",
            "-h",
            host(),
            "-P",
            Integer.toString(port),
            "-u",
            KEA_USER,
            "-p",
            KEA_PASSWORD,
            "-n",
            database),
        Map.of(),
        120);
  }

  /**
   * Runs {@code sql} in {@code database} as the superuser (through the unix socket); returns the
   * rows, one per line, columns separated by {@code |}.
   */
  public String psql(String database, String sql) throws IOException {
    Path psql = Executables.find(Path.of("/usr/bin/psql"), "psql").orElseThrow();
    return run(
        List.of(
            psql.toString(),
            "-X",
            "-q",
            "-A",
            "-t",
            "-v",
            "ON_ERROR_STOP=1",
            "-h",
            dir.toString(),
            "-p",
            Integer.toString(port),
            "-U",
            "postgres",
            "-d",
            database,
            "-c",
            sql),
        Map.of("PGPASSWORD", SUPERUSER_PASSWORD),
        60);
  }

  /**
   * Stops the server ({@code pg_ctl stop -m fast}: sessions are terminated, as an administrator's
   * restart does); the data and the port stay for {@link #restart()}.
   */
  public void stop() throws IOException {
    pgCtlStop("fast");
  }

  /** Stops the server the hard way ({@code -m immediate}: no clean shutdown, as a crash). */
  public void kill() throws IOException {
    pgCtlStop("immediate");
  }

  private void pgCtlStop(String mode) throws IOException {
    pgCtl("-m", mode, "-w", "-t", "60", "stop");
  }

  /** Starts the stopped server again, on the same port with the same data. */
  public void restart() throws IOException {
    startServer();
  }

  /** Whether the server runs ({@code pg_ctl status}). */
  public boolean isRunning() {
    try {
      pgCtl("status");
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Stops the server if it runs and deletes its directory. */
  @Override
  public void close() {
    stopQuietly();
    if (killOnExit != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(killOnExit);
      } catch (IllegalStateException e) {
        // The JVM is already shutting down and runs the hook itself.
      }
    }
    WorkDirs.deleteRecursively(dir);
  }

  private void stopQuietly() {
    if (isRunning()) {
      try {
        pgCtlStop("immediate");
      } catch (IOException e) {
        // Deleting the directory leaves a stopped or dying server with nothing to serve.
      }
    }
  }

  /** Runs a command to completion; its output, or an IOException with the output on failure. */
  private String run(List<String> command, Map<String, String> env, int timeoutSeconds)
      throws IOException {
    Path out = Files.createTempFile("d2j-pg-cmd-", ".out");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      builder.environment().putAll(env);
      Process p = builder.start();
      boolean done;
      try {
        done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IOException("interrupted: " + String.join(" ", command), e);
      }
      String output = Files.readString(out, StandardCharsets.UTF_8);
      if (!done) {
        p.destroyForcibly();
        throw new IOException(
            "timed out after " + timeoutSeconds + " s: " + command + "\n" + output + log());
      }
      if (p.exitValue() != 0) {
        throw new IOException(
            "exit " + p.exitValue() + ": " + command + "\n" + output + "\nserver log:\n" + log());
      }
      return output.strip();
    } finally {
      Files.deleteIfExists(out);
    }
  }

  @Override
  public String toString() {
    return "PostgresServer[127.0.0.1:" + port + ", " + dir + "]";
  }
}
