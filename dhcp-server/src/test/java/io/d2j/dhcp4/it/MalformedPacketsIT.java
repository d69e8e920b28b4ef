package io.d2j.dhcp4.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.dhcp4.lease.LeaseEvents;
import io.d2j.dhcp4.packet.DhcpCodec;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpOptions;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.dhcp4.runtime.Dhcp4Server;
import io.d2j.keaconfig.KeaConfigReader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * Bad datagrams sent to the running server are counted under Kea's statistic names, logged with
 * their defect, and cost nothing else: a valid DISCOVER right after each one is answered.
 */
class MalformedPacketsIT {

  private static final Octets MAC = Octets.parseColonHex("02:00:00:00:0b:ad");

  @TempDir Path dir;
  private final ListAppender<ILoggingEvent> packetLog = new ListAppender<>();
  private final Logger packetLogger = (Logger) LoggerFactory.getLogger("kea-dhcp4.packets");
  private Level savedLevel;

  @BeforeEach
  void capturePacketLog() {
    savedLevel = packetLogger.getLevel();
    packetLogger.setLevel(Level.INFO);
    packetLogger.setAdditive(false);
    packetLog.start();
    packetLogger.addAppender(packetLog);
  }

  @AfterEach
  void releasePacketLog() {
    packetLogger.detachAppender(packetLog);
    packetLogger.setLevel(savedLevel);
    packetLogger.setAdditive(true);
  }

  /** A valid DISCOVER as the codec writes it: 300 octets, options from offset 240. */
  private static byte[] discover() {
    return DhcpCodec.encode(
        DhcpPacket.request(
            0x0bad, MAC, DhcpOptions.builder().messageType(DhcpMessageType.DISCOVER).build()),
        576);
  }

  static Stream<Arguments> badPackets() {
    return Stream.of(
        bad(
            "truncated header",
            b -> Arrays.copyOf(b, 100),
            true,
            "failed to parse packet from %s: header: packet of 100 octets is shorter than the"
                + " 236-octet fixed header"),
        bad(
            "bad magic cookie",
            b -> {
              b[239] = 0x64;
              return b;
            },
            true,
            "failed to parse packet from %s: magic cookie: 63825364, expected 63825363"),
        bad(
            "op 3",
            b -> {
              b[0] = 3;
              return b;
            },
            true,
            "failed to parse packet from %s: op: 3, expected 1 (BOOTREQUEST) or 2 (BOOTREPLY)"),
        bad(
            "option running past the end",
            b -> {
              byte[] out = Arrays.copyOf(b, 248);
              byte[] tail = {53, 1, 1, 55, 12, 1, 3, 6};
              System.arraycopy(tail, 0, out, 240, tail.length);
              return out;
            },
            true,
            "failed to parse packet from %s: option 55 at offset 243: length 12 runs past the end"
                + " of the packet"),
        bad(
            "a BOOTREPLY",
            b -> {
              b[0] = 2;
              return b;
            },
            false,
            "packet from %s is a BOOTREPLY, not a request"));
  }

  private static Arguments bad(
      String name, UnaryOperator<byte[]> mutate, boolean parseFailure, String logText) {
    return Arguments.of(name, mutate, parseFailure, logText);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badPackets")
  void badPacket_isCountedAndLogged_andTheServerKeepsServing(
      String name, UnaryOperator<byte[]> mutate, boolean parseFailure, String logText)
      throws Exception {
    try (LoopbackRelay relay = new LoopbackRelay();
        Dhcp4Server server = start(relay)) {
      for (int round = 1; round <= 2; round++) {
        relay.sendRaw(mutate.apply(discover()), server.port());

        // One thread handles datagrams in order: once this OFFER is back, the bad one is counted
        // (pkt4-offer-sent is not asserted here: it is counted just after the OFFER leaves).
        DhcpPacket offer = relay.discover(server.port(), MAC).orElseThrow();
        assertThat(offer.messageType()).contains(DhcpMessageType.OFFER);
        assertThat(server.stats().value("pkt4-parse-failed")).isEqualTo(parseFailure ? round : 0);
        assertThat(server.stats().value("pkt4-receive-drop")).isEqualTo(round);
        assertThat(server.stats().value("pkt4-received")).isEqualTo(2L * round);
      }
      String from = "127.0.0.1:" + relay.port() + " on lo";
      assertThat(packetLog.list)
          .filteredOn(e -> e.getMessage().startsWith("DHCP4_PACKET_DROP_0001"))
          .extracting(ILoggingEvent::getFormattedMessage)
          .containsExactly(
              "DHCP4_PACKET_DROP_0001 " + logText.formatted(from),
              "DHCP4_PACKET_DROP_0001 " + logText.formatted(from));
    }
  }

  /**
   * A relayed DISCOVER whose relay agent information is 16 option 82 instances of 84 octets (1,344
   * octets once joined, RFC 3396): the OFFER echoes it and cannot fit even a 1500-octet message.
   * That reply is dropped, counted and logged; the server keeps serving. (QueryPathFuzzTarget found
   * it: the encoding error escaped the packet loop and ended its receive thread, so one datagram
   * stopped the server.)
   */
  @org.junit.jupiter.api.Test
  void aReplyTooLargeToEncode_isDroppedAndLogged_andTheServerKeepsServing() throws Exception {
    byte[] plain = discover();
    byte[] big = Arrays.copyOf(plain, 240 + 3 + 16 * 86 + 1);
    big[3] = 1; // hops
    big[24] = 127; // giaddr 127.0.0.1, the relay
    big[27] = 1;
    int at = 240 + 3; // after option 53
    for (int i = 0; i < 16; i++) {
      big[at] = 82;
      big[at + 1] = 84;
      big[at + 2] = 1; // sub-option 1 (circuit-id), 82 octets
      big[at + 3] = 82;
      Arrays.fill(big, at + 4, at + 86, (byte) ('a' + i));
      at += 86;
    }
    big[at] = (byte) 255;
    try (LoopbackRelay relay = new LoopbackRelay();
        Dhcp4Server server = start(relay)) {
      relay.sendRaw(big, server.port());

      DhcpPacket offer = relay.discover(server.port(), MAC).orElseThrow();

      assertThat(offer.messageType()).contains(DhcpMessageType.OFFER);
      assertThat(server.stats().value("pkt4-received")).isEqualTo(2);
      assertThat(packetLog.list)
          .extracting(ILoggingEvent::getFormattedMessage)
          .anyMatch(
              m ->
                  m.startsWith("DHCP4_PACKET_PACK_FAIL OFFER")
                      && m.contains("do not fit a 576-octet message"));
    }
  }

  private Dhcp4Server start(LoopbackRelay relay) throws Exception {
    String text =
        """
        {"Dhcp4": {
          "interfaces-config": {"interfaces": ["lo"]},
          "lease-database": {"type": "memfile", "persist": false},
          "subnet4": [{"id": 1, "subnet": "10.0.0.0/24",
                       "relay": {"ip-addresses": ["127.0.0.1"]},
                       "pools": [{"pool": "10.0.0.10 - 10.0.0.200"}]}]
        }}
        """;
    return Dhcp4Server.start(
        Dhcp4ConfigParser.parse(KeaConfigReader.parse(text, "kea.json"), dir),
        new Dhcp4Server.Ports(0, OptionalInt.of(relay.port())),
        LeaseEvents.NONE,
        Clock.systemUTC());
  }
}
