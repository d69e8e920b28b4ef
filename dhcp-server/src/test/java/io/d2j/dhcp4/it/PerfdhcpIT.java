package io.d2j.dhcp4.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.lease.LeaseEvents;
import io.d2j.dhcp4.packet.DhcpCodec;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpOptions;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.dhcp4.packet.OptionCodes;
import io.d2j.dhcp4.runtime.Dhcp4Server;
import io.d2j.keaconfig.KeaConfigReader;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kea's own load generator against the server on loopback, as spec §7.3 runs it against kea-dhcp4:
 * perfdhcp acts as a relay (giaddr 127.0.0.1) on its port {@code -L}, the server listens on {@code
 * -p} and sends every reply to {@code -P}. Needs perfdhcp (Debian kea-admin).
 */
class PerfdhcpIT {

  private static final Path PERFDHCP = Path.of("/usr/sbin/perfdhcp");
  private static final int CLIENTS = 20;

  @TempDir Path dir;

  private Dhcp4Config config(Path leaseFile) {
    return config(leaseFile, "");
  }

  /**
   * @param extra more global entries, each ending in a comma
   */
  private Dhcp4Config config(Path leaseFile, String extra) {
    String text =
        """
        {"Dhcp4": {%s
          "interfaces-config": {"interfaces": ["lo"], "dhcp-socket-type": "udp"},
          "valid-lifetime": 4000, "renew-timer": 1000, "rebind-timer": 2000,
          "lease-database": {"type": "memfile", "persist": true, "name": "%s"},
          "subnet4": [{"id": 1, "subnet": "10.0.0.0/16",
                       "relay": {"ip-addresses": ["127.0.0.1"]},
                       "pools": [{"pool": "10.0.0.10 - 10.0.255.200"}]}]
        }}
        """
            .formatted(extra, leaseFile);
    return Dhcp4ConfigParser.parse(KeaConfigReader.parse(text, "kea.json"), dir);
  }

  @Test
  void perfdhcp_fullDoraWithoutDrops_leasesOnDisk_andKeptAcrossRestart() throws Exception {
    assumeTrue(Files.isExecutable(PERFDHCP), "perfdhcp not installed (apt-get install kea-admin)");
    Path leaseFile = dir.resolve("leases4.csv");
    int clientPort = freeUdpPort();
    Map<String, String> first;
    try (Dhcp4Server server =
        Dhcp4Server.start(
            config(leaseFile),
            new Dhcp4Server.Ports(0, OptionalInt.of(clientPort)),
            LeaseEvents.NONE,
            Clock.systemUTC())) {
      String report = perfdhcp(server.port(), clientPort);
      assertNoDrops(report);
      first = addressByMac(server.leases().all());
      assertThat(first).hasSize(CLIENTS);
    }
    // The lease file holds every client's lease, in Kea's CSV (perfdhcp's MACs from
    // 00:0c:01:02:03:04).
    List<String> rows = Files.readAllLines(leaseFile, StandardCharsets.US_ASCII);
    assertThat(rows.get(0))
        .isEqualTo(
            "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,"
                + "fqdn_fwd,fqdn_rev,hostname,state,user_context");
    for (Map.Entry<String, String> e : first.entrySet()) {
      assertThat(rows)
          .anyMatch(
              r -> r.startsWith(e.getValue() + "," + e.getKey() + ",01:" + e.getKey() + ",4000,"));
    }

    try (Dhcp4Server server =
        Dhcp4Server.start(
            config(leaseFile),
            new Dhcp4Server.Ports(0, OptionalInt.of(clientPort)),
            LeaseEvents.NONE,
            Clock.systemUTC())) {
      assertThat(addressByMac(server.leases().all())).isEqualTo(first);
      // One client by hand: a relayed DISCOVER gets the address it held before the restart.
      Map.Entry<String, String> some = first.entrySet().iterator().next();
      DhcpPacket offer = discover(server.port(), clientPort, Octets.parseColonHex(some.getKey()));
      assertThat(offer.messageType()).contains(DhcpMessageType.OFFER);
      assertThat(offer.yiaddr().getHostAddress()).isEqualTo(some.getValue());
      // And perfdhcp's whole population again: same clients, same addresses, no new leases.
      assertNoDrops(perfdhcp(server.port(), clientPort));
      assertThat(addressByMac(server.leases().all())).isEqualTo(first);
    }
  }

  /**
   * multi-threading on: a receiving thread and three packet threads serve perfdhcp at 50
   * exchanges/s from 100 clients (correctness under concurrency; speed is bench's business); every
   * exchange answered, one lease per client, no address twice, all on disk.
   */
  @Test
  void perfdhcp_multiThreading_threePacketThreads_everyExchangeAnswered_noAddressTwice()
      throws Exception {
    assumeTrue(Files.isExecutable(PERFDHCP), "perfdhcp not installed (apt-get install kea-admin)");
    Path leaseFile = dir.resolve("leases4-mt.csv");
    int clientPort = freeUdpPort();
    int clients = 100;
    Map<String, String> leases;
    try (Dhcp4Server server =
        Dhcp4Server.start(
            config(
                leaseFile,
                "\"multi-threading\": {\"enable-multi-threading\": true,"
                    + " \"thread-pool-size\": 3, \"packet-queue-size\": 64},"),
            new Dhcp4Server.Ports(0, OptionalInt.of(clientPort)),
            LeaseEvents.NONE,
            Clock.systemUTC())) {
      assertThat(
              Thread.getAllStackTraces().keySet().stream()
                  .map(Thread::getName)
                  .filter(n -> n.startsWith("d2j-dhcp4-packets-")))
          .containsExactlyInAnyOrder(
              "d2j-dhcp4-packets-0", "d2j-dhcp4-packets-1", "d2j-dhcp4-packets-2");
      String report = perfdhcp(server.port(), clientPort, 50, clients);
      assertNoDrops(report, clients);
      // perfdhcp draws its clients at random from the 100: each drawn one holds one lease, and no
      // two share an address.
      leases = addressByMac(server.leases().all());
      assertThat(leases).hasSizeBetween(clients / 2, clients);
      assertThat(new java.util.HashSet<>(leases.values())).hasSameSizeAs(leases.values());
      assertThat(server.packetQueueAverages()).hasSize(3);
    }
    // Every lease is on disk (a renewal adds a row for the same client and address).
    Map<String, String> onDisk = new TreeMap<>();
    Files.readAllLines(leaseFile, StandardCharsets.US_ASCII).stream()
        .skip(1)
        .map(r -> r.split(","))
        .forEach(r -> onDisk.put(r[1], r[0]));
    assertThat(onDisk).isEqualTo(leases);
  }

  private String perfdhcp(int serverPort, int clientPort) throws IOException, InterruptedException {
    return perfdhcp(serverPort, clientPort, 10, CLIENTS);
  }

  private String perfdhcp(int serverPort, int clientPort, int rate, int clients)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                PERFDHCP.toString(),
                "-4",
                "-r",
                Integer.toString(rate),
                "-p",
                "3",
                "-R",
                Integer.toString(clients),
                "-W",
                "1000000",
                "-l",
                "127.0.0.1",
                "-L",
                Integer.toString(clientPort),
                "-N",
                Integer.toString(serverPort),
                "127.0.0.1")
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("perfdhcp finished").isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("perfdhcp exit status; output:\n" + out).isZero();
    return out;
  }

  /** Both exchanges sent and answered, none dropped (spec §7.4). */
  private static void assertNoDrops(String report) {
    assertNoDrops(report, CLIENTS);
  }

  private static void assertNoDrops(String report, int clients) {
    for (String exchange : List.of("DISCOVER-OFFER", "REQUEST-ACK")) {
      int at = report.indexOf("***Statistics for: " + exchange + "***");
      assertThat(at).as(exchange + " section in:\n" + report).isNotNegative();
      String section = report.substring(at);
      long sent = number(section, "sent packets");
      assertThat(sent).as(exchange + " sent").isGreaterThanOrEqualTo(clients);
      assertThat(number(section, "received packets")).as(exchange + " received").isEqualTo(sent);
      assertThat(number(section, "drops")).as(exchange + " drops").isZero();
      assertThat(number(section, "rejected leases")).as(exchange + " rejected").isZero();
    }
  }

  private static long number(String section, String label) {
    Matcher m = Pattern.compile("(?m)^" + label + ": (\\d+)").matcher(section);
    assertThat(m.find()).as(label).isTrue();
    return Long.parseLong(m.group(1));
  }

  private static Map<String, String> addressByMac(List<Lease4> leases) {
    Map<String, String> out = new TreeMap<>();
    leases.forEach(l -> out.put(l.hwaddr().toColonHex(), l.address().getHostAddress()));
    return out;
  }

  /** A relayed DISCOVER as perfdhcp sends it, answered on our own "relay" socket. */
  private static DhcpPacket discover(int serverPort, int clientPort, Octets mac)
      throws IOException, io.d2j.dhcp4.packet.DhcpFormatException {
    Inet4Address loopback = (Inet4Address) InetAddress.getByName("127.0.0.1");
    DhcpOptions options =
        DhcpOptions.builder()
            .messageType(DhcpMessageType.DISCOVER)
            .put(OptionCodes.CLIENT_IDENTIFIER, Octets.parseColonHex("01:" + mac.toColonHex()))
            .build();
    DhcpPacket p = DhcpPacket.request(0x5eed, mac, options);
    DhcpPacket relayed =
        new DhcpPacket(
            p.op(),
            p.htype(),
            p.hlen(),
            1,
            p.xid(),
            0,
            0,
            p.ciaddr(),
            p.yiaddr(),
            p.siaddr(),
            loopback,
            p.chaddr(),
            p.sname(),
            p.file(),
            p.options());
    try (DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET)) {
      ch.bind(new InetSocketAddress(loopback, clientPort));
      ch.send(
          ByteBuffer.wrap(DhcpCodec.encode(relayed, 576)),
          new InetSocketAddress(loopback, serverPort));
      ch.configureBlocking(true);
      ch.socket().setSoTimeout(5000);
      byte[] buf = new byte[1500];
      java.net.DatagramPacket in = new java.net.DatagramPacket(buf, buf.length);
      ch.socket().receive(in);
      return DhcpCodec.decode(java.util.Arrays.copyOf(buf, in.getLength()));
    }
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET)) {
      ch.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      return ((InetSocketAddress) ch.getLocalAddress()).getPort();
    }
  }
}
