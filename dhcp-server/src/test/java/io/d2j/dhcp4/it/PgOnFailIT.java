package io.d2j.dhcp4.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpOptions;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.dhcp4.runtime.Dhcp4Daemon;
import io.d2j.dhcp4.runtime.Dhcp4Server;
import io.d2j.testkit.Await;
import io.d2j.testkit.PostgresServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kea's {@code on-fail} with the database server stopped under a running d2j-dhcp4: whether it goes
 * on answering (an INFORM needs no lease, so it shows whether the service is up), whether it comes
 * back by itself when the database does, and whether it exits with status 1 when the attempts run
 * out (the last test runs {@code bin/d2j-dhcp4} as a process). Skipped, with the reason, without
 * PostgreSQL or kea-admin.
 */
class PgOnFailIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static PostgresServer pg;
  private static PostgresServer.Database db;

  @TempDir Path dir;
  private LoopbackRelay relay;
  private Dhcp4Daemon process;

  @BeforeAll
  static void startPostgres() throws IOException {
    PostgresServer.assumeKeaSchemaAvailable();
    pg = PostgresServer.start();
    db = pg.keaDatabase("onfail");
  }

  @AfterAll
  static void stopPostgres() {
    if (pg != null) {
      pg.close();
    }
  }

  @BeforeEach
  void emptyTable() throws IOException {
    if (!pg.isRunning()) {
      pg.restart();
    }
    pg.psql(db.name(), "TRUNCATE lease4, lease4_stat");
    relay = new LoopbackRelay();
  }

  @AfterEach
  void stop() throws IOException {
    if (process != null) {
      process.close();
    }
    relay.close();
  }

  private Path config(String reconnect) throws IOException {
    Path file = dir.resolve("kea-dhcp4.json");
    Files.writeString(
        file,
        """
        {"Dhcp4": {
          "interfaces-config": {"interfaces": ["lo"]},
          "valid-lifetime": 4000,
          "lease-database": {"type": "postgresql", "name": "%s", "host": "127.0.0.1",
                             "port": %d, "user": "%s", "password": "%s",
                             "connect-timeout": 1, %s},
          "subnet4": [{"id": 1, "subnet": "10.0.0.0/24",
                       "relay": {"ip-addresses": ["127.0.0.1"]},
                       "pools": [{"pool": "10.0.0.10 - 10.0.0.200"}]}]
        }}
        """
            .formatted(db.name(), pg.port(), db.user(), db.password(), reconnect),
        StandardCharsets.UTF_8);
    return file;
  }

  private void start(String reconnect) throws IOException {
    Path file = config(reconnect);
    process =
        Dhcp4Daemon.start(
            Optional.of(file),
            Dhcp4ConfigParser.read(file),
            new Dhcp4Server.Ports(0, OptionalInt.of(relay.port())),
            Clock.systemUTC());
  }

  private int port() throws IOException {
    return process.server().port();
  }

  private static Octets mac(int n) {
    return Octets.of(new byte[] {2, 0, 0, 0, 1, (byte) n});
  }

  private long stat(String name) {
    return process.statistics().value(name);
  }

  /** An INFORM needs no lease: answered exactly when the DHCP service is up. */
  private boolean informAnswered() throws Exception {
    return relay
        .exchange(
            port(), mac(99), DhcpOptions.builder().messageType(DhcpMessageType.INFORM).build())
        .isPresent();
  }

  /** The database goes; a DISCOVER (it reads leases) finds out and gets no OFFER. */
  private void loseTheDatabase() throws Exception {
    pg.stop();
    assertThat(relay.discover(port(), mac(2))).isEmpty();
    Await.until(WAIT, "the loss detected", () -> stat("lease-database-lost") == 1);
  }

  private CompletableFuture<Integer> exitStatus() {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return process.awaitShutdown();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
          }
        });
  }

  @Test
  void stopRetryExit_stopsAnswering_andResumesWhenTheDatabaseIsBack() throws Exception {
    start(
        "\"max-reconnect-tries\": 100, \"reconnect-wait-time\": 200, \"on-fail\": \"stop-retry-exit\"");
    DhcpPacket first = relay.dora(port(), mac(1));
    assertThat(informAnswered()).isTrue();
    loseTheDatabase();
    assertThat(process.server().serving()).isFalse();
    long drops = stat("pkt4-receive-drop");
    assertThat(informAnswered()).isFalse();
    assertThat(stat("pkt4-receive-drop")).isGreaterThan(drops);
    pg.restart();
    Await.until(WAIT, "service resumed", () -> process.server().serving());
    assertThat(stat("lease-database-reconnected")).isEqualTo(1);
    assertThat(stat("lease-database-reconnect-attempts")).isGreaterThanOrEqualTo(1);
    assertThat(informAnswered()).isTrue();
    DhcpPacket second = relay.dora(port(), mac(2));
    assertThat(second.yiaddr()).isNotEqualTo(first.yiaddr());
    // The first client's lease survived the outage in the table.
    assertThat(relay.discover(port(), mac(1)).orElseThrow().yiaddr()).isEqualTo(first.yiaddr());
  }

  @Test
  void serveRetryExit_answersWhatNeedsNoLease_thenExitsWithStatus1() throws Exception {
    start(
        "\"max-reconnect-tries\": 3, \"reconnect-wait-time\": 300, \"on-fail\": \"serve-retry-exit\"");
    relay.dora(port(), mac(1));
    CompletableFuture<Integer> exit = exitStatus();
    loseTheDatabase();
    assertThat(process.server().serving()).isTrue();
    assertThat(informAnswered()).isTrue();
    assertThat(exit.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(stat("lease-database-reconnect-attempts")).isEqualTo(3);
  }

  @Test
  void serveRetryContinue_neverExits_andRecoversByItselfAfterTheAttemptsRanOut() throws Exception {
    start(
        "\"max-reconnect-tries\": 1, \"reconnect-wait-time\": 200, \"on-fail\": \"serve-retry-continue\"");
    relay.dora(port(), mac(1));
    CompletableFuture<Integer> exit = exitStatus();
    loseTheDatabase();
    // Past max-reconnect-tries: Kea 2.2 would serve on without a database for good.
    Await.until(
        WAIT, "attempts past the maximum", () -> stat("lease-database-reconnect-attempts") >= 3);
    assertThat(exit).isNotDone();
    assertThat(informAnswered()).isTrue();
    pg.restart();
    Await.until(WAIT, "reconnected", () -> stat("lease-database-reconnected") == 1);
    assertThat(relay.dora(port(), mac(2)).messageType()).contains(DhcpMessageType.ACK);
    assertThat(exit).isNotDone();
  }

  @Test
  void keasDefaults_reconnectDisabled_theProcessExitsWithStatus1() throws Exception {
    Path file = config("\"on-fail\": \"stop-retry-exit\"");
    Path launcher = Path.of(System.getProperty("d2j.root", "..")).resolve("bin/d2j-dhcp4");
    Path log = dir.resolve("server.log");
    int serverPort = io.d2j.testkit.Ports.freeUdpPort();
    Process server =
        new ProcessBuilder(
                launcher.toString(),
                "-c",
                file.toString(),
                "-p",
                Integer.toString(serverPort),
                "-P",
                Integer.toString(relay.port()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      Await.until(
          WAIT,
          "DHCP4_STARTED",
          () -> {
            assertThat(server.isAlive()).as(read(log)).isTrue();
            return read(log).contains("DHCP4_STARTED");
          });
      assertThat(relay.dora(serverPort, mac(1)).messageType()).contains(DhcpMessageType.ACK);
      pg.stop();
      assertThat(relay.discover(serverPort, mac(2))).isEmpty();
      assertThat(server.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as(read(log)).isTrue();
      assertThat(server.exitValue()).as(read(log)).isEqualTo(1);
      assertThat(read(log))
          .contains("DHCPSRV_PGSQL_FATAL_ERROR")
          .contains("DHCP4_DB_RECONNECT_LOST_CONNECTION")
          .contains(
              "DHCP4_DB_RECONNECT_DISABLED database reconnect is disabled: max-reconnect-tries 0,"
                  + " reconnect-wait-time 0")
          .contains(
              "DHCP4_DB_RECONNECT_EXIT on-fail stop-retry-exit: shutting down with exit"
                  + " status 1")
          .doesNotContain(db.password());
    } finally {
      server.destroyForcibly();
    }
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
