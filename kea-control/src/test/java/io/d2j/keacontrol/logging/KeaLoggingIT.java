package io.d2j.keacontrol.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Syslog outputs, received by a UDP socket on 127.0.0.1 standing in for the local syslog daemon
 * (the daemon itself sends to localhost:514 only).
 */
class KeaLoggingIT {

  private final LoggerContext context = new LoggerContext();
  private DatagramSocket syslogd;

  @AfterEach
  void stop() {
    context.stop();
    if (syslogd != null) {
      syslogd.close();
    }
  }

  private KeaLogging logging() throws Exception {
    context.setMDCAdapter(new LogbackMDCAdapter());
    context.start();
    syslogd = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    syslogd.setSoTimeout(5000);
    PrintStream discard =
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return new KeaLogging(
        context,
        new KeaLogging.Sinks(
            discard,
            discard,
            InetAddress.getLoopbackAddress().getHostAddress(),
            syslogd.getLocalPort()),
        "kea-dhcp-ddns");
  }

  private String receive() throws Exception {
    DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
    syslogd.receive(p);
    return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
  }

  private static LoggerSpec syslog(Optional<String> facility, Optional<String> pattern) {
    return new LoggerSpec(
        "kea-dhcp-ddns",
        Optional.of(LoggerSpec.Severity.INFO),
        0,
        List.of(new LoggerOutput(new LoggerOutput.Syslog(facility), true, 0, 1, pattern)));
  }

  @Test
  void syslogWithFacility_sendsOneDatagramPerEvent_taggedAsKea() throws Exception {
    KeaLogging logging = logging();
    assertThat(logging.apply(List.of(syslog(Optional.of("local7"), Optional.of("%p %m\n")))))
        .isEmpty();
    context.getLogger("kea-dhcp-ddns.dhcpddns").info("DHCP_DDNS_STARTED listening");
    String datagram = receive();
    // PRI = facility local7 (23) * 8 + severity informational (6), RFC 3164 §4.1.1
    assertThat(datagram).startsWith("<190>");
    assertThat(datagram).endsWith(" kea-dhcp-ddns: INFO DHCP_DDNS_STARTED listening");
  }

  @Test
  void plainSyslog_usesLocal0_andKeasSyslogLayout() throws Exception {
    KeaLogging logging = logging();
    logging.apply(List.of(syslog(Optional.empty(), Optional.empty())));
    context.getLogger("kea-dhcp-ddns.d2-to-dns").error("DHCP_DDNS_ADD_FAILED x");
    String datagram = receive();
    // local0 (16) * 8 + error (3)
    assertThat(datagram).startsWith("<131>");
    assertThat(datagram)
        .contains(" kea-dhcp-ddns: ERROR [kea-dhcp-ddns.d2-to-dns.")
        .endsWith("] DHCP_DDNS_ADD_FAILED x");
  }
}
