package io.d2j.dhcp4.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signals systemd and Docker send, to a real {@code bin/d2j-dhcp4} process: SIGHUP re-reads the
 * configuration file and the same process keeps serving; SIGTERM ends it with exit code 0 (not the
 * JVM's 143, which systemd would count as a failure).
 */
@Timeout(120)
class SignalsIT {

  @TempDir Path dir;
  private Process server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.destroyForcibly();
    }
  }

  private String config(int validLifetime) {
    return """
        {"Dhcp4": {
          "interfaces-config": {"interfaces": ["lo"]},
          "valid-lifetime": %d,
          "lease-database": {"type": "memfile", "persist": true, "name": "%s"},
          "subnet4": [{"id": 1, "subnet": "10.9.0.0/24", "relay": {"ip-addresses": ["127.0.0.1"]},
                       "pools": [{"pool": "10.9.0.10 - 10.9.0.20"}]}]
        }}
        """
        .formatted(validLifetime, dir.resolve("leases4.csv"));
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("server.log"));
    } catch (IOException e) {
      return "";
    }
  }

  private static void awaitLog(Duration limit, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("no " + what + " within " + limit);
      }
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET)) {
      ch.bind(new InetSocketAddress("127.0.0.1", 0));
      return ((InetSocketAddress) ch.getLocalAddress()).getPort();
    }
  }

  private static void signal(Process p, String name) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();
  }

  @Test
  void sighup_reloadsTheFile_sigterm_exitsZero() throws Exception {
    Path config = dir.resolve("dhcp4.json");
    Files.writeString(config, config(4000));
    Path launcher = Path.of(System.getProperty("d2j.root", "..")).resolve("bin/d2j-dhcp4");
    server =
        new ProcessBuilder(
                launcher.toString(), "-c", config.toString(), "-p", Integer.toString(freeUdpPort()))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("server.log").toFile())
            .start();
    awaitLog(Duration.ofSeconds(60), "DHCP4_STARTED", () -> log().contains("DHCP4_STARTED"));

    Files.writeString(config, config(7200));
    signal(server, "HUP");
    awaitLog(
        Duration.ofSeconds(30),
        "DHCP4_DYNAMIC_RECONFIGURATION_SUCCESS",
        () -> log().contains("DHCP4_DYNAMIC_RECONFIGURATION_SUCCESS"));
    assertThat(server.isAlive()).as(log()).isTrue();

    Files.writeString(config, "{\"Dhcp4\": {\"valid-lifetime\": \"long\"}}");
    signal(server, "HUP");
    awaitLog(
        Duration.ofSeconds(30),
        "DHCP4_DYNAMIC_RECONFIGURATION_FAIL",
        () -> log().contains("DHCP4_DYNAMIC_RECONFIGURATION_FAIL"));
    assertThat(server.isAlive()).as("an invalid file leaves the server running\n" + log()).isTrue();

    signal(server, "TERM");
    assertThat(server.waitFor(30, TimeUnit.SECONDS)).as(log()).isTrue();
    assertThat(server.exitValue()).as(log()).isZero();
    assertThat(log()).contains("DHCP4_SHUTDOWN");
  }
}
