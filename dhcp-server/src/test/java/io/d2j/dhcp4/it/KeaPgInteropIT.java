package io.d2j.dhcp4.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpOptions;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.dhcp4.packet.OptionCodes;
import io.d2j.dhcp4.runtime.Dhcp4Daemon;
import io.d2j.dhcp4.runtime.Dhcp4Server;
import io.d2j.testkit.Await;
import io.d2j.testkit.ChildProcess;
import io.d2j.testkit.Ports;
import io.d2j.testkit.PostgresServer;
import java.io.IOException;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interoperability test: kea-dhcp4 2.2 and d2j-dhcp4, in turn, on one PostgreSQL
 * database created by {@code kea-admin db-init pgsql}. A lease granted by one is renewed by the
 * other with the same address, both ways, for a client known by client id and one known only by its
 * hardware address; each reads the expiry the other wrote as the same instant. Both servers are
 * reached through a relay on loopback ({@code -p}/{@code -P}, as perfdhcp does). Skipped, with the
 * reason, without PostgreSQL, kea-admin or kea-dhcp4.
 */
class KeaPgInteropIT {

  private static final Path KEA_DHCP4 = Path.of("/usr/sbin/kea-dhcp4");
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int LIFETIME = 4000;
  private static PostgresServer pg;
  private static PostgresServer.Database db;

  @TempDir Path dir;

  @BeforeAll
  static void startPostgres() throws IOException {
    PostgresServer.assumeKeaSchemaAvailable();
    assumeTrue(Files.isExecutable(KEA_DHCP4), "kea-dhcp4 not installed (kea-dhcp4-server)");
    pg = PostgresServer.start();
    db = pg.keaDatabase("shared");
  }

  @AfterAll
  static void stopPostgres() {
    if (pg != null) {
      pg.close();
    }
  }

  /** One configuration for both servers, as an operator moving from Kea would keep it. */
  private Path config(String name) throws IOException {
    Path file = dir.resolve(name + ".json");
    Files.writeString(
        file,
        """
        {"Dhcp4": {
          "interfaces-config": {"interfaces": ["lo"], "dhcp-socket-type": "udp"},
          "valid-lifetime": %d, "renew-timer": 1000, "rebind-timer": 2000,
          "lease-database": {"type": "postgresql", "name": "%s", "host": "127.0.0.1",
                             "port": %d, "user": "%s", "password": "%s",
                             "max-reconnect-tries": 3, "reconnect-wait-time": 1000,
                             "on-fail": "stop-retry-exit"},
          "subnet4": [{"id": 1, "subnet": "10.0.0.0/24",
                       "relay": {"ip-addresses": ["127.0.0.1"]},
                       "pools": [{"pool": "10.0.0.10 - 10.0.0.200"}]}],
          "loggers": [{"name": "kea-dhcp4", "severity": "INFO",
                       "output_options": [{"output": "%s"}]}]
        }}
        """
            .formatted(
                LIFETIME,
                db.name(),
                pg.port(),
                db.user(),
                db.password(),
                dir.resolve(name + ".log")),
        StandardCharsets.UTF_8);
    return file;
  }

  private int keaStarts;

  /** kea-dhcp4 2.2 on {@code serverPort}, replying to the relay's port; a log file per start. */
  private ChildProcess startKea(int serverPort, int relayPort) throws IOException {
    String name = "kea" + ++keaStarts;
    Path log = dir.resolve(name + ".log");
    ChildProcess kea =
        ChildProcess.start(
            List.of(
                KEA_DHCP4.toString(),
                "-c",
                config(name).toString(),
                "-p",
                Integer.toString(serverPort),
                "-P",
                Integer.toString(relayPort)),
            dir,
            Map.of("KEA_LOCKFILE_DIR", dir.toString(), "KEA_PIDFILE_DIR", dir.toString()),
            dir.resolve(name + ".out"));
    Await.until(
        WAIT,
        "kea-dhcp4 started",
        () -> {
          assertThat(kea.isAlive()).as(kea.log() + read(log)).isTrue();
          return read(log).contains("DHCP4_STARTED");
        });
    return kea;
  }

  private Dhcp4Daemon startD2j(int relayPort) throws IOException {
    Path file = config("d2j");
    return Dhcp4Daemon.start(
        Optional.of(file),
        Dhcp4ConfigParser.read(file),
        new Dhcp4Server.Ports(0, OptionalInt.of(relayPort)),
        Clock.systemUTC());
  }

  private static final Octets MAC_A = Octets.parseColonHex("02:00:00:00:0a:01");
  private static final Octets CLIENT_ID_A = Octets.parseColonHex("01:02:00:00:00:0a:01");
  private static final Octets MAC_B = Octets.parseColonHex("02:00:00:00:0b:02");

  @Test
  void leaseGrantedByOne_isRenewedByTheOther_withTheSameAddress_bothWays() throws Exception {
    int keaPort = Ports.freeUdpPort();
    Inet4Address byKea;
    Inet4Address byD2j;
    try (LoopbackRelay relay = new LoopbackRelay()) {
      // 1. kea-dhcp4 grants A (with a client id) its lease.
      ChildProcess kea = startKea(keaPort, relay.port());
      try {
        byKea = dora(relay, keaPort, MAC_A, Optional.of(CLIENT_ID_A)).yiaddr();
      } finally {
        kea.stop();
      }
      assertExpiresInAboutALifetime(byKea);

      // 2. d2j-dhcp4 on the same database: A is offered and renewed at the same address; B is new.
      Dhcp4Daemon d2j = startD2j(relay.port());
      try {
        int port = d2j.server().port();
        assertThat(discover(relay, port, MAC_A, Optional.of(CLIENT_ID_A)).yiaddr())
            .isEqualTo(byKea);
        DhcpPacket renewed = renew(relay, port, MAC_A, Optional.of(CLIENT_ID_A), byKea);
        assertThat(renewed.messageType()).contains(DhcpMessageType.ACK);
        assertThat(renewed.yiaddr()).isEqualTo(byKea);
        byD2j = dora(relay, port, MAC_B, Optional.empty()).yiaddr();
        assertThat(byD2j).isNotEqualTo(byKea);
        assertThat(d2j.leases().get(byKea).orElseThrow().clientId()).isEqualTo(CLIENT_ID_A);
      } finally {
        d2j.close();
      }
      assertExpiresInAboutALifetime(byD2j);

      // 3. kea-dhcp4 again: it knows B's lease from d2j (not authoritative: an unknown client's
      //    INIT-REBOOT would get silence) and A's lease as d2j renewed it.
      kea = startKea(keaPort, relay.port());
      try {
        System.out.println(
            "ROWS "
                + pg.psql(
                    db.name(),
                    "SELECT address, encode(hwaddr,'hex'), encode(client_id,'hex'), valid_lifetime, expire, subnet_id, state FROM lease4"));
        DhcpPacket b = renew(relay, keaPort, MAC_B, Optional.empty(), byD2j);
        assertThat(b.messageType()).contains(DhcpMessageType.ACK);
        assertThat(b.yiaddr()).isEqualTo(byD2j);
        assertThat(discover(relay, keaPort, MAC_B, Optional.empty()).yiaddr()).isEqualTo(byD2j);
        DhcpPacket a = renew(relay, keaPort, MAC_A, Optional.of(CLIENT_ID_A), byKea);
        assertThat(a.yiaddr()).isEqualTo(byKea);
        // A third client: Kea does not hand out an address d2j leased.
        DhcpPacket c =
            dora(relay, keaPort, Octets.parseColonHex("02:00:00:00:0c:03"), Optional.empty());
        assertThat(c.yiaddr()).isNotIn(byKea, byD2j);
      } finally {
        kea.stop();
      }
    }
    assertThat(pg.psql(db.name(), "SELECT count(*) FROM lease4")).isEqualTo("3");
    // Kea's own statistics table counts all three, whoever wrote them.
    assertThat(
            pg.psql(db.name(), "SELECT leases FROM lease4_stat WHERE subnet_id = 1 AND state = 0"))
        .isEqualTo("3");
  }

  /** The row's expiry, read as an instant, is a lifetime from now: no time-zone skew. */
  private void assertExpiresInAboutALifetime(Inet4Address address) throws IOException {
    long left =
        Long.parseLong(
            pg.psql(
                db.name(),
                "SELECT (extract(epoch from expire) - extract(epoch from now()))::bigint"
                    + " FROM lease4 WHERE address = "
                    + unsigned(address)));
    assertThat(left).isBetween(LIFETIME - 60L, (long) LIFETIME);
  }

  private static long unsigned(Inet4Address a) {
    byte[] b = a.getAddress();
    return ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
  }

  private static DhcpOptions.Builder options(DhcpMessageType type, Optional<Octets> clientId) {
    DhcpOptions.Builder b = DhcpOptions.builder().messageType(type);
    clientId.ifPresent(id -> b.put(OptionCodes.CLIENT_IDENTIFIER, id));
    return b;
  }

  private static DhcpPacket discover(
      LoopbackRelay relay, int port, Octets mac, Optional<Octets> clientId) throws Exception {
    return relay
        .exchange(port, mac, options(DhcpMessageType.DISCOVER, clientId).build())
        .orElseThrow(() -> new AssertionError("no OFFER"));
  }

  private static DhcpPacket dora(
      LoopbackRelay relay, int port, Octets mac, Optional<Octets> clientId) throws Exception {
    DhcpPacket offer = discover(relay, port, mac, clientId);
    DhcpPacket ack =
        relay
            .exchange(
                port,
                mac,
                options(DhcpMessageType.REQUEST, clientId)
                    .address(OptionCodes.REQUESTED_ADDRESS, offer.yiaddr())
                    .address(
                        OptionCodes.SERVER_IDENTIFIER,
                        offer.options().serverIdentifier().orElseThrow())
                    .build())
            .orElseThrow(() -> new AssertionError("no ACK"));
    assertThat(ack.messageType()).contains(DhcpMessageType.ACK);
    return ack;
  }

  /**
   * A REQUEST in INIT-REBOOT state for {@code address} (RFC 2131 §4.3.2): a server that does not
   * find the client's lease stays silent, so an ACK shows it read the other server's lease.
   */
  private static DhcpPacket renew(
      LoopbackRelay relay, int port, Octets mac, Optional<Octets> clientId, Inet4Address address)
      throws Exception {
    return relay
        .exchange(
            port,
            mac,
            options(DhcpMessageType.REQUEST, clientId)
                .address(OptionCodes.REQUESTED_ADDRESS, address)
                .build())
        .orElseThrow(() -> new AssertionError("no reply to the INIT-REBOOT REQUEST"));
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
