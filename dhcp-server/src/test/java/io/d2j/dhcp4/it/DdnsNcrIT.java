package io.d2j.dhcp4.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.dhcp4.lease.LeaseEvents;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpOptions;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.dhcp4.packet.OptionCodes;
import io.d2j.dhcp4.runtime.Dhcp4Server;
import io.d2j.keaconfig.KeaConfigReader;
import io.d2j.ncr.ChangeType;
import io.d2j.ncr.Dhcid;
import io.d2j.ncr.Fqdn;
import io.d2j.ncr.IpAddresses;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.ncr.NcrFraming;
import io.d2j.ncr.NcrJsonCodec;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server with DDNS on, its NCRs caught on a UDP socket of the test (standing in for D2) and
 * decoded with {@link NcrJsonCodec}: option-81 and option-12 clients get their names in the reply,
 * in the lease file and in ADD requests; after a restart a rename and a release send removals built
 * from the stored leases; an expired lease's reclamation sends its removal.
 */
class DdnsNcrIT {

  private static final Octets MAC_A = Octets.parseColonHex("00:0c:01:02:03:04");
  private static final Octets CLIENT_ID_A = Octets.parseColonHex("01:00:0c:01:02:03:04");
  private static final Octets MAC_B = Octets.parseColonHex("02:00:00:00:00:0b");
  private static final Octets FQDN_HOST1 = hex("05 00 00 05 686f737431");

  @TempDir Path dir;
  private DatagramSocket d2;
  private int senderPort;
  private InetSocketAddress lastSource;
  private final NcrJsonCodec codec = NcrJsonCodec.compatible(Clock.systemUTC());

  @BeforeEach
  void openD2Socket() throws Exception {
    d2 = new DatagramSocket(new InetSocketAddress(LoopbackRelay.LOOPBACK, 0));
    d2.setSoTimeout(5000);
    try (DatagramSocket probe =
        new DatagramSocket(new InetSocketAddress(LoopbackRelay.LOOPBACK, 0))) {
      senderPort = probe.getLocalPort();
    }
  }

  @AfterEach
  void closeD2Socket() {
    d2.close();
  }

  @Test
  void names_reachTheReplyTheLeaseFileAndD2_andRemovalsSurviveARestart() throws Exception {
    Inet4Address addressA;
    Inet4Address addressB;
    try (LoopbackRelay relay = new LoopbackRelay()) {
      try (Dhcp4Server server = start(relay)) {
        // Option 81, S|E, partial "host1", with a client id (Kea 2.2.0's full DORA vector, §2.8).
        DhcpPacket offer =
            relay
                .exchange(server.port(), MAC_A, query(DhcpMessageType.DISCOVER).build())
                .orElseThrow();
        Octets answer = hex("05 00 00 05 686f737431 07 6578616d706c65 03 636f6d 00");
        assertThat(offer.options().clientFqdn()).contains(answer);
        DhcpPacket ack =
            relay
                .exchange(server.port(), MAC_A, select(offer, query(DhcpMessageType.REQUEST)))
                .orElseThrow();
        assertThat(ack.messageType()).contains(DhcpMessageType.ACK);
        assertThat(ack.options().clientFqdn()).contains(answer);
        addressA = ack.yiaddr();
        NameChangeRequest add = receive();
        assertThat(add.type()).isEqualTo(ChangeType.ADD);
        assertThat(add.forward()).isTrue();
        assertThat(add.reverse()).isTrue();
        assertThat(add.fqdn().text()).isEqualTo("host1.example.com.");
        assertThat(add.address()).isEqualTo(addressA);
        assertThat(add.leaseLength()).isEqualTo(1200);
        assertThat(add.dhcid().toHex())
            .isEqualTo("00010152C2424C88CCC4A13ED923456C414C5965EECA60F2D5A0A1D894FAE8F09D9720");
        assertThat(lastSource).isEqualTo(new InetSocketAddress(LoopbackRelay.LOOPBACK, senderPort));

        // Option 12 from a client without client id: suffix added, no trailing dot (§2.5).
        DhcpPacket offerB =
            relay
                .exchange(
                    server.port(),
                    MAC_B,
                    DhcpOptions.builder()
                        .messageType(DhcpMessageType.DISCOVER)
                        .text(OptionCodes.HOST_NAME, "Laptop")
                        .build())
                .orElseThrow();
        DhcpPacket ackB =
            relay
                .exchange(
                    server.port(),
                    MAC_B,
                    select(
                        offerB,
                        DhcpOptions.builder()
                            .messageType(DhcpMessageType.REQUEST)
                            .text(OptionCodes.HOST_NAME, "Laptop")))
                .orElseThrow();
        assertThat(ackB.options().hostName()).contains("laptop.example.com");
        addressB = ackB.yiaddr();
        NameChangeRequest addB = receive();
        assertThat(addB.type()).isEqualTo(ChangeType.ADD);
        assertThat(addB.fqdn().text()).isEqualTo("laptop.example.com.");
        assertThat(addB.dhcid())
            .isEqualTo(Dhcid.fromHwAddress(1, MAC_B.toByteArray(), Fqdn.of("laptop.example.com.")));

        // Option 81 with N and S both set: dropped, as Kea drops it.
        DhcpOptions bad =
            DhcpOptions.builder()
                .messageType(DhcpMessageType.DISCOVER)
                .put(OptionCodes.CLIENT_FQDN, hex("0d 00 00 05 686f737431"))
                .build();
        assertThat(relay.exchange(server.port(), MAC_A, bad)).isEmpty();
        // The counter moves when the sender thread reports the write, just after the datagram left.
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (server.stats().value("ncr-sent") < 2 && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        assertThat(server.stats().value("ncr-sent")).isEqualTo(2);
        assertThat(server.stats().value("ncr-send-failed")).isZero();
      }
      String leases = Files.readString(dir.resolve("leases4.csv"), StandardCharsets.US_ASCII);
      assertThat(leases)
          .contains(IpAddresses.format(addressA) + ",00:0c:01:02:03:04,01:00:0c:01:02:03:04,3600,")
          .contains(",1,1,host1.example.com.,0,")
          .contains(",1,1,laptop.example.com,0,");

      try (Dhcp4Server server = start(relay)) {
        // INIT-REBOOT under a new name: the removal comes from the lease the file kept.
        DhcpPacket renamed =
            relay
                .exchange(
                    server.port(),
                    MAC_B,
                    DhcpOptions.builder()
                        .messageType(DhcpMessageType.REQUEST)
                        .address(OptionCodes.REQUESTED_ADDRESS, addressB)
                        .text(OptionCodes.HOST_NAME, "desk")
                        .build())
                .orElseThrow();
        assertThat(renamed.messageType()).contains(DhcpMessageType.ACK);
        assertThat(renamed.options().hostName()).contains("desk.example.com");
        NameChangeRequest remove = receive();
        assertThat(remove.type()).isEqualTo(ChangeType.REMOVE);
        assertThat(remove.fqdn().text()).isEqualTo("laptop.example.com.");
        assertThat(remove.address()).isEqualTo(addressB);
        NameChangeRequest addDesk = receive();
        assertThat(addDesk.type()).isEqualTo(ChangeType.ADD);
        assertThat(addDesk.fqdn().text()).isEqualTo("desk.example.com.");

        // RELEASE: remove what the stored lease says, though this query carries no option 81.
        relay.sendOneWay(
            server.port(),
            MAC_A,
            addressA,
            DhcpOptions.builder()
                .messageType(DhcpMessageType.RELEASE)
                .put(OptionCodes.CLIENT_IDENTIFIER, CLIENT_ID_A)
                .address(OptionCodes.SERVER_IDENTIFIER, renamed.options().serverIdentifier().get())
                .build());
        NameChangeRequest released = receive();
        assertThat(released.type()).isEqualTo(ChangeType.REMOVE);
        assertThat(released.fqdn().text()).isEqualTo("host1.example.com.");
        assertThat(released.address()).isEqualTo(addressA);
        assertThat(released.forward()).isTrue();
        assertThat(released.reverse()).isTrue();
      }
    }
  }

  @Test
  void expiredLease_isReclaimedWithARemove() throws Exception {
    try (LoopbackRelay relay = new LoopbackRelay();
        Dhcp4Server server =
            start(
                relay,
                "\"valid-lifetime\": 2, \"expired-leases-processing\":"
                    + " {\"reclaim-timer-wait-time\": 1, \"hold-reclaimed-time\": 0},")) {
      DhcpPacket offer =
          relay
              .exchange(server.port(), MAC_A, query(DhcpMessageType.DISCOVER).build())
              .orElseThrow();
      DhcpPacket ack =
          relay
              .exchange(server.port(), MAC_A, select(offer, query(DhcpMessageType.REQUEST)))
              .orElseThrow();
      NameChangeRequest add = receive();
      assertThat(add.type()).isEqualTo(ChangeType.ADD);
      // Kea 2.2: a lease shorter than 1800 s gets the 600 s floor (spec §1.6).
      assertThat(add.leaseLength()).isEqualTo(600);
      NameChangeRequest remove = receive();
      assertThat(remove.type()).isEqualTo(ChangeType.REMOVE);
      assertThat(remove.fqdn().text()).isEqualTo("host1.example.com.");
      assertThat(remove.address()).isEqualTo(ack.yiaddr());
      assertThat(remove.dhcid()).isEqualTo(add.dhcid());
    }
  }

  private NameChangeRequest receive() throws Exception {
    byte[] buf = new byte[65535];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    d2.receive(p);
    lastSource = (InetSocketAddress) p.getSocketAddress();
    return NcrFraming.decode(buf, 0, p.getLength(), codec);
  }

  private static DhcpOptions.Builder query(DhcpMessageType type) {
    return DhcpOptions.builder()
        .messageType(type)
        .put(OptionCodes.CLIENT_IDENTIFIER, CLIENT_ID_A)
        .put(OptionCodes.CLIENT_FQDN, FQDN_HOST1);
  }

  private static DhcpOptions select(DhcpPacket offer, DhcpOptions.Builder request) {
    return request
        .address(OptionCodes.REQUESTED_ADDRESS, offer.yiaddr())
        .address(OptionCodes.SERVER_IDENTIFIER, offer.options().serverIdentifier().orElseThrow())
        .build();
  }

  private static Octets hex(String h) {
    return Octets.of(HexFormat.of().parseHex(h.replace(" ", "")));
  }

  private Dhcp4Server start(LoopbackRelay relay) throws Exception {
    return start(relay, "\"valid-lifetime\": 3600,");
  }

  private Dhcp4Server start(LoopbackRelay relay, String lifetimes) throws Exception {
    String text =
        """
        {"Dhcp4": {
          "interfaces-config": {"interfaces": ["lo"]},
          %s
          "lease-database": {"type": "memfile", "persist": true, "name": "%s"},
          "dhcp-ddns": {"enable-updates": true, "server-ip": "127.0.0.1", "server-port": %d,
                        "sender-ip": "127.0.0.1", "sender-port": %d},
          "ddns-qualifying-suffix": "example.com",
          "subnet4": [{"id": 1, "subnet": "10.0.0.0/24",
                       "relay": {"ip-addresses": ["127.0.0.1"]},
                       "pools": [{"pool": "10.0.0.10 - 10.0.0.200"}]}]
        }}
        """
            .formatted(lifetimes, dir.resolve("leases4.csv"), d2.getLocalPort(), senderPort);
    Dhcp4Config config = Dhcp4ConfigParser.parse(KeaConfigReader.parse(text, "kea.json"), dir);
    return Dhcp4Server.start(
        config,
        new Dhcp4Server.Ports(0, OptionalInt.of(relay.port())),
        LeaseEvents.NONE,
        Clock.systemUTC());
  }
}
