package io.d2j.dhcp4.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.keacontrol.shell.D2jShell;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/d2j-dhcp4} as operators run it, through kea-control's shared daemon layer: Kea's
 * {@code loggers} block decides where its lines go, {@code d2j-shell} talks to its control socket
 * as to D2's, it tells systemd it is ready ({@code NOTIFY_SOCKET} set, a stand-in {@code
 * systemd-notify} on the PATH), SIGHUP reloads the {@code -c} file (an invalid one is refused and
 * the server keeps serving) and SIGTERM stops it with exit code 0.
 */
class CommandLineIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;
  private Process server;

  @AfterEach
  void stop() {
    if (server != null && server.isAlive()) {
      server.destroyForcibly();
    }
  }

  private Path writeConfig(int validLifetime) throws IOException {
    return Files.writeString(
        dir.resolve("kea-dhcp4.json"),
        """
        {"Dhcp4": {
          "interfaces-config": {"interfaces": ["lo"]},
          "valid-lifetime": %d,
          "control-socket": {"socket-type": "unix", "socket-name": "ctrl.sock"},
          "lease-database": {"type": "memfile", "persist": true, "name": "leases4.csv"},
          "subnet4": [{"id": 1, "subnet": "10.0.0.0/24",
                       "relay": {"ip-addresses": ["127.0.0.1"]},
                       "pools": [{"pool": "10.0.0.10 - 10.0.0.200"}]}],
          "loggers": [{"name": "kea-dhcp4", "severity": "INFO",
                       "output-options": [{"output": "dhcp4.log", "pattern": "%%-5p %%m\\n"}]}]
        }}
        """
            .formatted(validLifetime));
  }

  private String shell(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] all = new String[args.length + 2];
    all[0] = "--socket";
    all[1] = dir.resolve("ctrl.sock").toString();
    System.arraycopy(args, 0, all, 2, args.length);
    int code =
        D2jShell.run(
            all,
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  private String log() {
    return read(dir.resolve("dhcp4.log"));
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private void signal(String name) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(server.pid())).start();
    assertThat(kill.waitFor()).isZero();
  }

  /**
   * Starts {@code bin/d2j-dhcp4} with SIGHUP as {@code hup} says ({@code default} or {@code
   * ignore}: coreutils env sets it, so the test does not depend on how its own runner was started —
   * under nohup every child inherits an ignored SIGHUP).
   */
  private Path startServer(String hup, Path notified) throws IOException {
    Path config = writeConfig(4000);
    Path launcher = Path.of(System.getProperty("d2j.root", "..")).resolve("bin/d2j-dhcp4");
    Path stdout = dir.resolve("stdout.log");
    // systemd's notifier stands in as a script that records its arguments.
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path notify = bin.resolve("systemd-notify");
    Files.writeString(notify, "#!/bin/sh\necho \"$NOTIFY_SOCKET $*\" >> '" + notified + "'\n");
    assertThat(notify.toFile().setExecutable(true)).isTrue();
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    "env",
                    "--" + hup + "-signal=HUP",
                    launcher.toString(),
                    "-c",
                    config.toString(),
                    "-p",
                    Integer.toString(freeUdpPort()),
                    "-P",
                    Integer.toString(freeUdpPort())))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(stdout.toFile());
    builder.environment().put("NOTIFY_SOCKET", dir.resolve("notify.sock").toString());
    builder.environment().merge("PATH", bin.toString(), (path, ours) -> ours + ":" + path);
    server = builder.start();
    return stdout;
  }

  @Test
  void loggersApplied_shellAnswered_sighupReloads_sigtermStops() throws Exception {
    Path notified = dir.resolve("notified");
    Path stdout = startServer("default", notified);
    Poll.until(
        WAIT,
        "DHCP4_STARTED in the loggers' file",
        () -> {
          assertThat(server.isAlive()).as(read(stdout)).isTrue();
          return log().contains("DHCP4_STARTED");
        });
    // The loggers block took over: the lines go to its file in its pattern, not to stdout.
    assertThat(log()).contains("INFO  DHCP4_STARTED");
    assertThat(read(stdout)).doesNotContain("DHCP4_STARTED");

    Poll.until(WAIT, "READY=1 to systemd", () -> Files.exists(notified));
    assertThat(read(notified).strip())
        .isEqualTo(dir.resolve("notify.sock") + " --ready --status=serving DHCPv4");
    assertThat(shell("status-get")).contains("\"pid\" : " + server.pid());
    assertThat(shell("config-get")).contains("\"valid-lifetime\" : 4000");

    writeConfig(600);
    signal("HUP");
    Poll.until(
        WAIT,
        "the reloaded valid-lifetime",
        () -> shell("config-get").contains("\"valid-lifetime\" : 600"));
    assertThat(log()).contains("DHCP4_DYNAMIC_RECONFIGURATION_SUCCESS");

    Files.writeString(dir.resolve("kea-dhcp4.json"), "{\"Dhcp4\": {\"valid-lifetime\": \"long\"}}");
    signal("HUP");
    Poll.until(
        WAIT,
        "DHCP4_DYNAMIC_RECONFIGURATION_FAIL",
        () -> log().contains("DHCP4_DYNAMIC_RECONFIGURATION_FAIL"));
    assertThat(server.isAlive()).as("an invalid file leaves the server running").isTrue();
    assertThat(shell("config-get")).contains("\"valid-lifetime\" : 600");

    signal("TERM");
    Poll.until(WAIT, "the server to exit", () -> !server.isAlive());
    assertThat(server.exitValue()).isZero();
    assertThat(log()).contains("DHCP4_SHUTDOWN");
  }

  @Test
  void startedWithSighupIgnored_saysSoInsteadOfSilentlyNeverReloading() throws Exception {
    startServer("ignore", dir.resolve("notified"));
    Poll.until(
        WAIT,
        "the line saying SIGHUP is ignored",
        () -> log().contains("WARN  DCTL_SIGNAL_UNAVAILABLE SIGHUP not handled: ignored by"));
    signal("TERM");
    Poll.until(WAIT, "the server to exit", () -> !server.isAlive());
    assertThat(server.exitValue()).isZero();
  }
}
