package io.d2j.dhcp4.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.dhcp4.lease.LeaseEvents;
import io.d2j.dhcp4.lease.MemfileLeaseStore;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.dhcp4.runtime.Dhcp4Server;
import io.d2j.keaconfig.KeaConfigReader;
import java.net.Inet4Address;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Leases on disk survive a restart of the running server: clients get their addresses back (a new
 * DISCOVER is offered the same address, an INIT-REBOOT REQUEST for it is ACKed), and a lease file
 * whose last row a crash cut short still loads, with a warning naming the line.
 */
class RestartWithLeasesIT {

  private static final List<Octets> CLIENTS =
      List.of(
          Octets.parseColonHex("02:00:00:00:00:01"),
          Octets.parseColonHex("02:00:00:00:00:02"),
          Octets.parseColonHex("02:00:00:00:00:03"));

  @TempDir Path dir;
  private final ListAppender<ILoggingEvent> storeLog = new ListAppender<>();
  private final Logger storeLogger = (Logger) LoggerFactory.getLogger("kea-dhcp4.dhcpsrv");

  @BeforeEach
  void captureStoreLog() {
    storeLog.start();
    storeLogger.addAppender(storeLog);
  }

  @AfterEach
  void releaseStoreLog() {
    storeLogger.detachAppender(storeLog);
  }

  @Test
  void restart_clientsKeepTheirAddresses() throws Exception {
    try (LoopbackRelay relay = new LoopbackRelay()) {
      Map<Octets, Inet4Address> before = new LinkedHashMap<>();
      try (Dhcp4Server server = start(relay)) {
        for (Octets mac : CLIENTS) {
          DhcpPacket ack = relay.dora(server.port(), mac);
          assertThat(ack.messageType()).contains(DhcpMessageType.ACK);
          before.put(mac, ack.yiaddr());
        }
      }
      assertThat(before.values()).doesNotHaveDuplicates();

      try (Dhcp4Server server = start(relay)) {
        assertThat(server.leases().size()).isEqualTo(CLIENTS.size());
        // Asked in reverse order, so that "next free address" could not give the same answer.
        List<Octets> reversed = new java.util.ArrayList<>(CLIENTS);
        java.util.Collections.reverse(reversed);
        for (Octets mac : reversed) {
          DhcpPacket offer = relay.discover(server.port(), mac).orElseThrow();
          assertThat(offer.yiaddr()).as("OFFER to %s", mac).isEqualTo(before.get(mac));
          DhcpPacket ack = relay.initReboot(server.port(), mac, before.get(mac)).orElseThrow();
          assertThat(ack.messageType()).as("INIT-REBOOT of %s", mac).contains(DhcpMessageType.ACK);
          assertThat(ack.yiaddr()).isEqualTo(before.get(mac));
        }
      }
    }
  }

  @Test
  void leaseFileTruncatedMidLine_loadsWithAWarning_andTheServerServes() throws Exception {
    Path leaseFile = dir.resolve("leases4.csv");
    try (LoopbackRelay relay = new LoopbackRelay()) {
      Map<Octets, Inet4Address> before = new LinkedHashMap<>();
      try (Dhcp4Server server = start(relay)) {
        for (Octets mac : CLIENTS) {
          before.put(mac, relay.dora(server.port(), mac).yiaddr());
        }
      }
      // A crash half-way through writing the last row (the third client's ACK).
      List<String> rows = Files.readAllLines(leaseFile, StandardCharsets.US_ASCII);
      String last = rows.get(rows.size() - 1);
      try (FileChannel ch = FileChannel.open(leaseFile, StandardOpenOption.WRITE)) {
        ch.truncate(Files.size(leaseFile) - last.length() - 1 + 20);
      }
      storeLog.list.clear();

      try (Dhcp4Server server = start(relay)) {
        List<String> warnings =
            storeLog.list.stream()
                .filter(e -> e.getMessage().startsWith("DHCPSRV_MEMFILE_LEASE_LOAD_ROW_ERROR"))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
        assertThat(warnings)
            .containsExactly(
                "DHCPSRV_MEMFILE_LEASE_LOAD_ROW_ERROR "
                    + leaseFile
                    + ":"
                    + rows.size()
                    + ": torn last line (no newline at the end of the file): row has 2 columns,"
                    + " the header 11; row skipped");
        MemfileLeaseStore store = (MemfileLeaseStore) server.leases();
        assertThat(store.loadReport().compacted()).isTrue();
        // The two whole rows are back; the cut one is lost, as its ACK may never have left.
        assertThat(server.leases().size()).isEqualTo(2);
        for (Octets mac : CLIENTS.subList(0, 2)) {
          DhcpPacket ack = relay.initReboot(server.port(), mac, before.get(mac)).orElseThrow();
          assertThat(ack.messageType()).contains(DhcpMessageType.ACK);
        }
        // The third client is served again (its address is free, so it gets one at once).
        assertThat(relay.dora(server.port(), CLIENTS.get(2)).messageType())
            .contains(DhcpMessageType.ACK);
      }
      assertThat(Files.readString(leaseFile, StandardCharsets.US_ASCII)).endsWith("\n");
    }
  }

  private Dhcp4Server start(LoopbackRelay relay) throws Exception {
    String text =
        """
        {"Dhcp4": {
          "interfaces-config": {"interfaces": ["lo"]},
          "valid-lifetime": 4000,
          "lease-database": {"type": "memfile", "persist": true, "name": "%s"},
          "subnet4": [{"id": 1, "subnet": "10.0.0.0/24",
                       "relay": {"ip-addresses": ["127.0.0.1"]},
                       "pools": [{"pool": "10.0.0.10 - 10.0.0.200"}]}]
        }}
        """
            .formatted(dir.resolve("leases4.csv"));
    Dhcp4Config config = Dhcp4ConfigParser.parse(KeaConfigReader.parse(text, "kea.json"), dir);
    return Dhcp4Server.start(
        config,
        new Dhcp4Server.Ports(0, OptionalInt.of(relay.port())),
        LeaseEvents.NONE,
        Clock.systemUTC());
  }
}
