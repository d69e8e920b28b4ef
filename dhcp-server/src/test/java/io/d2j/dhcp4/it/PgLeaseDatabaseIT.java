package io.d2j.dhcp4.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.dhcp4.runtime.Dhcp4Daemon;
import io.d2j.dhcp4.runtime.Dhcp4Server;
import io.d2j.testkit.Await;
import io.d2j.testkit.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * d2j-dhcp4 with {@code "lease-database": {"type": "postgresql", ...}} on a real PostgreSQL with
 * Kea's schema: relayed clients get leases that live in the {@code lease4} table, keep them across
 * a restart, the lease commands and the reclamation timer work on the table. Skipped, with the
 * reason, without PostgreSQL or kea-admin.
 */
class PgLeaseDatabaseIT {

  private static PostgresServer pg;
  private static PostgresServer.Database db;

  @TempDir Path dir;
  private Path configFile;
  private Path socket;
  private LoopbackRelay relay;
  private Dhcp4Daemon process;

  @BeforeAll
  static void startPostgres() throws IOException {
    PostgresServer.assumeKeaSchemaAvailable();
    pg = PostgresServer.start();
    db = pg.keaDatabase("d2j");
  }

  @AfterAll
  static void stopPostgres() {
    if (pg != null) {
      pg.close();
    }
  }

  @BeforeEach
  void emptyTable() throws IOException {
    pg.psql(db.name(), "TRUNCATE lease4, lease4_stat");
    relay = new LoopbackRelay();
    socket = dir.resolve("kea4-ctrl.sock");
    configFile = dir.resolve("kea-dhcp4.json");
  }

  @AfterEach
  void stop() throws IOException {
    if (process != null) {
      process.close();
    }
    relay.close();
  }

  private void start(int validLifetime, String expired) throws IOException {
    Files.writeString(
        configFile,
        """
        {"Dhcp4": {
          "interfaces-config": {"interfaces": ["lo"]},
          "valid-lifetime": %d,
          "control-socket": {"socket-type": "unix", "socket-name": "%s"},
          "lease-database": {"type": "postgresql", "name": "%s", "host": "127.0.0.1",
                             "port": %d, "user": "%s", "password": "%s"},
          "expired-leases-processing": %s,
          "subnet4": [{"id": 1, "subnet": "10.0.0.0/24",
                       "relay": {"ip-addresses": ["127.0.0.1"]},
                       "pools": [{"pool": "10.0.0.10 - 10.0.0.200"}]}]
        }}
        """
            .formatted(
                validLifetime, socket, db.name(), pg.port(), db.user(), db.password(), expired));
    process =
        Dhcp4Daemon.start(
            Optional.of(configFile),
            Dhcp4ConfigParser.read(configFile),
            new Dhcp4Server.Ports(0, OptionalInt.of(relay.port())),
            Clock.systemUTC());
  }

  private static Octets mac(int n) {
    return Octets.of(new byte[] {2, 0, 0, 0, 0, (byte) n});
  }

  @Test
  void relayedClients_leasesInTheTable_keptAcrossARestart() throws Exception {
    start(4000, "{}");
    List<String> addresses = new ArrayList<>();
    for (int n = 1; n <= 3; n++) {
      DhcpPacket ack = relay.dora(process.server().port(), mac(n));
      assertThat(ack.messageType()).contains(DhcpMessageType.ACK);
      addresses.add(ack.yiaddr().getHostAddress());
    }
    assertThat(addresses).doesNotHaveDuplicates();
    // The rows, as Kea's schema holds them (the address as a number, expiry as a timestamp).
    assertThat(
            pg.psql(
                db.name(),
                "SELECT '0.0.0.0'::inet + address, encode(hwaddr, 'hex'), valid_lifetime,"
                    + " subnet_id, state FROM lease4 ORDER BY address"))
        .isEqualTo(
            addresses.get(0)
                + "|020000000001|4000|1|0\n"
                + addresses.get(1)
                + "|020000000002|4000|1|0\n"
                + addresses.get(2)
                + "|020000000003|4000|1|0");
    assertThat(
            pg.psql(db.name(), "SELECT leases FROM lease4_stat WHERE subnet_id = 1 AND state = 0"))
        .isEqualTo("3");
    process.close();
    process = null;
    relay.close();
    relay = new LoopbackRelay();
    start(4000, "{}");
    // Asked in reverse order: each client is offered, and ACKed in INIT-REBOOT, its old address.
    for (int n = 3; n >= 1; n--) {
      DhcpPacket offer = relay.discover(process.server().port(), mac(n)).orElseThrow();
      assertThat(offer.yiaddr().getHostAddress()).isEqualTo(addresses.get(n - 1));
      DhcpPacket ack =
          relay.initReboot(process.server().port(), mac(n), offer.yiaddr()).orElseThrow();
      assertThat(ack.messageType()).contains(DhcpMessageType.ACK);
    }
    assertThat(pg.psql(db.name(), "SELECT count(*) FROM lease4")).isEqualTo("3");
  }

  @Test
  void leaseCommands_workOnTheTable() throws Exception {
    start(4000, "{}");
    DhcpPacket ack = relay.dora(process.server().port(), mac(1));
    String first = ack.yiaddr().getHostAddress();
    assertThat(
            text(
                cmd(
                    "lease4-add",
                    "{\"ip-address\": \"10.0.0.5\", \"hw-address\": \"1a:1b:1c:1d:1e:1f\","
                        + " \"hostname\": \"added.example.org\", \"expire\": 2000000000}")))
        .isEqualTo("0: Lease for address 10.0.0.5, subnet-id 1 added.");
    assertThat(
            pg.psql(
                db.name(),
                "SELECT hostname, extract(epoch from expire)::bigint FROM lease4"
                    + " WHERE address = 167772165"))
        .isEqualTo("added.example.org|2000000000");
    JsonNode page = send(cmd("lease4-get-page", "{\"from\": \"start\", \"limit\": 1}"));
    assertThat(page.get("arguments").get("count").asInt()).isEqualTo(1);
    assertThat(page.get("arguments").get("leases").get(0).get("ip-address").asText())
        .isEqualTo("10.0.0.5");
    JsonNode next = send(cmd("lease4-get-page", "{\"from\": \"10.0.0.5\", \"limit\": 5}"));
    assertThat(next.get("arguments").get("leases").get(0).get("ip-address").asText())
        .isEqualTo(first);
    assertThat(text(cmd("lease4-get-page", "{\"from\": \"" + first + "\", \"limit\": 5}")))
        .isEqualTo("3: 0 IPv4 lease(s) found.");
    assertThat(
            text(
                cmd(
                    "lease4-update",
                    "{\"ip-address\": \"10.0.0.5\", \"hw-address\": \"1a:1b:1c:1d:1e:1f\","
                        + " \"hostname\": \"renamed.example.org\"}")))
        .isEqualTo("0: IPv4 lease updated.");
    assertThat(pg.psql(db.name(), "SELECT hostname FROM lease4 WHERE address = 167772165"))
        .isEqualTo("renamed.example.org");
    assertThat(text(cmd("lease4-del", "{\"ip-address\": \"10.0.0.5\"}")))
        .isEqualTo("0: IPv4 lease deleted.");
    assertThat(text(cmd("lease4-wipe", "{\"subnet-id\": 1}")))
        .isEqualTo("0: Deleted 1 IPv4 lease(s) from subnet(s) 1");
    assertThat(pg.psql(db.name(), "SELECT count(*) FROM lease4")).isEqualTo("0");
  }

  @Test
  void reclamationTimer_reclaimsExpiredRows_andFlushDeletesThem() throws Exception {
    start(
        2,
        "{\"reclaim-timer-wait-time\": 1, \"hold-reclaimed-time\": 1,"
            + " \"flush-reclaimed-timer-wait-time\": 1}");
    DhcpPacket ack = relay.dora(process.server().port(), mac(1));
    long address = unsigned(ack.yiaddr().getAddress());
    // Reclaimed: state 2 (expired-reclaimed); then flushed once it is past hold-reclaimed-time.
    Await.until(
        Duration.ofSeconds(20),
        "the lease reclaimed and then flushed",
        () -> {
          try {
            return pg.psql(db.name(), "SELECT count(*) FROM lease4 WHERE address = " + address)
                .equals("0");
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
    assertThat(pg.psql(db.name(), "SELECT count(*) FROM lease4_stat WHERE leases > 0"))
        .isEqualTo("0");
  }

  private static long unsigned(byte[] b) {
    return ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
  }

  private static String cmd(String name, String arguments) {
    return ControlChannel.cmd(name, arguments);
  }

  private String text(String command) throws IOException {
    return ControlChannel.text(socket, command);
  }

  private JsonNode send(String command) throws IOException {
    return ControlChannel.send(socket, command);
  }
}
