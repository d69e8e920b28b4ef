package io.d2j.dhcp4.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Kea's {@code loggers} applied by d2j-dhcp4 (kea-control's KeaLogging, the D2's implementation):
 * the server's own lines go to the configured file in Kea's layout, at the configured severity, and
 * a reload moves them to the new configuration's file.
 */
class LoggersIT {

  @TempDir Path dir;

  private Dhcp4Process process;

  @AfterEach
  void stop() {
    if (process != null) {
      process.close();
    }
    // The process's Logback context is this JVM's: give kea-dhcp4 back to logback.xml.
    Logger kea = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("kea-dhcp4");
    kea.detachAndStopAllAppenders();
    kea.setLevel(null);
    kea.setAdditive(true);
  }

  private Path config(String name, String logFile, String severity) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(
        file,
        """
        {"Dhcp4": {
          "interfaces-config": {"interfaces": ["lo"], "dhcp-socket-type": "udp"},
          "lease-database": {"type": "memfile", "persist": false},
          "subnet4": [{"id": 1, "subnet": "10.0.0.0/24", "pools": [{"pool": "10.0.0.10 - 10.0.0.20"}]}],
          "loggers": [{"name": "kea-dhcp4", "severity": "%s",
                       "output_options": [{"output": "%s", "maxsize": 1048576, "maxver": 2}]}]
        }}
        """
            .formatted(severity, logFile),
        StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void loggersBlock_serverLinesInTheConfiguredFile_andAReloadMovesThem() throws Exception {
    Path first = config("kea.json", "first.log", "INFO");
    AtomicReference<Dhcp4Process> started = new AtomicReference<>();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            new String[] {"-c", first.toString(), "-p", Integer.toString(freeUdpPort())},
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            started::set);
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(-1);
    process = started.get();

    // Relative to the configuration file's directory, in Kea's default layout:
    // "2026-12-03 20:05:01.123 INFO  [kea-dhcp4.dhcp4/4242.main] DHCP4_STARTED ...".
    String log = Files.readString(dir.resolve("first.log"), StandardCharsets.UTF_8);
    assertThat(log)
        .containsPattern(
            "(?m)^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[kea-dhcp4\\.dhcp4/\\d+\\.\\S+\\]"
                + " DHCP4_STARTED ");

    // A reload at WARN into another file: the restart's INFO lines go nowhere, not to either.
    Path second = config("kea2.json", "second.log", "WARN");
    process.apply(Dhcp4ConfigParser.read(second));
    LoggerFactory.getLogger("kea-dhcp4.dhcp4").warn("DHCP4_TEST_MARK after the reload");
    String after = Files.readString(dir.resolve("second.log"), StandardCharsets.UTF_8);
    assertThat(after).contains("DHCP4_TEST_MARK after the reload").doesNotContain("DHCP4_STARTED");
    assertThat(Files.readString(dir.resolve("first.log"), StandardCharsets.UTF_8))
        .doesNotContain("DHCP4_TEST_MARK");
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET)) {
      ch.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      return ((InetSocketAddress) ch.getLocalAddress()).getPort();
    }
  }
}
