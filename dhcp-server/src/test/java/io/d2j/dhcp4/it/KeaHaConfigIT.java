package io.d2j.dhcp4.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.keaconfig.ConfigException;
import io.d2j.testkit.Await;
import io.d2j.testkit.ChildProcess;
import io.d2j.testkit.Ports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The same HA configurations given to kea-dhcp4 2.2 with its own {@code libdhcp_ha.so} and to
 * d2j-dhcp4's parser: each is accepted by both or refused by both. Kea's {@code -t} only checks
 * that the library loads, so Kea's verdict comes from starting it ({@code -p} on a free port,
 * loopback only) and reading {@code HA_CONFIGURATION_SUCCESSFUL} / {@code HA_CONFIGURATION_FAILED};
 * it is stopped at once. Skipped when kea-dhcp4 or its HA hook is not installed.
 */
class KeaHaConfigIT {

  private static final Path KEA = Path.of("/usr/sbin/kea-dhcp4");
  private static final Path HOOKS = Path.of("/usr/lib/x86_64-linux-gnu/kea/hooks");

  @TempDir Path dir;

  private Path listing(String from, String to) throws IOException {
    String text;
    try (var in = getClass().getResourceAsStream("/ha/ha-listing.json")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    int p1 = Ports.freeTcpAndUdpPort();
    int p2 = Ports.freeTcpAndUdpPort();
    text =
        text.replace("@LEASES@", dir.resolve("leases4.csv").toString())
            .replace("@HOOKS@", HOOKS.toString())
            .replace("@PORT1@", Integer.toString(p1))
            .replace("@PORT2@", Integer.toString(p2));
    if (!from.isEmpty()) {
      assertThat(text).contains(from);
      text = text.replace(from, to);
    }
    return Files.writeString(dir.resolve("kea-dhcp4.conf"), text);
  }

  private static void assumeKea() {
    assumeTrue(Files.isExecutable(KEA), "kea-dhcp4 not installed (apt-get install kea-dhcp4)");
    assumeTrue(
        Files.exists(HOOKS.resolve("libdhcp_ha.so")),
        "Kea's HA hook not installed (apt-get install kea-dhcp4)");
  }

  /** Kea's verdict: the reason it refused the HA configuration, or "" when it accepted it. */
  private String keaVerdict(Path config) throws IOException {
    Path log = dir.resolve("kea.log");
    Files.deleteIfExists(log);
    int port = Ports.freeUdpPort();
    ChildProcess kea =
        ChildProcess.start(
            List.of(
                KEA.toString(),
                "-c",
                config.toString(),
                "-p",
                Integer.toString(port),
                "-P",
                Integer.toString(Ports.freeUdpPort())),
            dir,
            Map.of("KEA_PIDFILE_DIR", dir.toString(), "KEA_LOCKFILE_DIR", dir.toString()),
            log);
    try {
      return Await.until(
          Duration.ofSeconds(20),
          "kea-dhcp4 to log its HA configuration verdict",
          () -> {
            String text = ChildProcess.readLog(log);
            if (text.contains("HA_CONFIGURATION_SUCCESSFUL")) {
              return java.util.Optional.of("");
            }
            int at = text.indexOf("HA_CONFIGURATION_FAILED");
            if (at >= 0) {
              int end = text.indexOf('\n', at);
              return java.util.Optional.of(text.substring(at, end < 0 ? text.length() : end));
            }
            if (!kea.isAlive()) {
              return java.util.Optional.of("exited before HA was configured: " + text);
            }
            return java.util.Optional.empty();
          });
    } finally {
      kea.stop();
    }
  }

  private static String d2jVerdict(Path config) throws IOException {
    try {
      Dhcp4ConfigParser.read(config);
      return "";
    } catch (ConfigException e) {
      return e.getMessage();
    }
  }

  @Test
  void listing_passesKeaDashT_andBothAcceptIt() throws Exception {
    assumeKea();
    Path config = listing("", "");
    Process t =
        new ProcessBuilder(KEA.toString(), "-t", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("kea-t.log").toFile())
            .start();
    assertThat(t.waitFor()).as(Files.readString(dir.resolve("kea-t.log"))).isZero();
    assertThat(keaVerdict(config)).isEmpty();
    assertThat(d2jVerdict(config)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          heartbeat over 16 bits | "heartbeat-delay": 10000 | "heartbeat-delay": 70000 | /heartbeat-delay: heartbeat-delay must be between 0 and 65535
          host name in a url | "url": "http://127.0.0.1: | "url": "http://localhost: | /peers/0/url: 'http://localhost:
          this server not a peer | "this-server-name": "server1" | "this-server-name": "server3" | /this-server-name: no peer is named 'server3'
          standby in load-balancing | "role": "secondary" | "role": "standby" | /peers: peer 'server2' has the role standby, not allowed in load-balancing mode
          hot-standby with secondary | "mode": "load-balancing" | "mode": "hot-standby" | /peers: peer 'server2' has the role secondary, not allowed in hot-standby mode
          load-balancing waits for backups | "max-ack-delay": 5000 | "max-ack-delay": 5000, "wait-backup-ack": true | /wait-backup-ack: wait-backup-ack must be false in load-balancing mode
          user with a colon | "auto-failover": true\\n     }, { | "auto-failover": true, "basic-auth-user": "a:b", "basic-auth-password": "x"\\n     }, { | /peers/0/basic-auth-user: the user of peer 'server1' must not contain a ':'
          password twice | "auto-failover": true\\n     }, { | "auto-failover": true, "basic-auth-user": "a", "basic-auth-password": "x", "basic-auth-password-file": "/etc/hostname"\\n     }, { | /peers/0/basic-auth-password-file: set basic-auth-password or basic-auth-password-file, not both
          two primaries | "role": "secondary" | "role": "primary" | /peers: more than one peer has the role primary
          https without tls | "url": "http://127.0.0.1: | "url": "https://127.0.0.1: | /peers/0/url: an https:// URL needs TLS
          unknown pause | "delayed-updates-limit": 100, | "delayed-updates-limit": 100, "state-machine": {"states": [{"state": "ready", "pause": "sometimes"}]}, | /state-machine/states/0/pause: unknown pause 'sometimes'
          state twice | "delayed-updates-limit": 100, | "delayed-updates-limit": 100, "state-machine": {"states": [{"state": "ready"}, {"state": "ready"}]}, | /state-machine/states/1/state: state 'ready' is configured twice
          unknown mode | "mode": "load-balancing" | "mode": "load-sharing" | /mode: unknown mode 'load-sharing'
          """)
  void invalidHaConfig_isRefusedByKeaAndByD2j(String name, String from, String to, String ours)
      throws Exception {
    assumeKea();
    Path config = listing(from.replace("\\n", "\n"), to.replace("\\n", "\n"));
    assertThat(keaVerdict(config)).as("kea-dhcp4").startsWith("HA_CONFIGURATION_FAILED");
    assertThat(d2jVerdict(config))
        .startsWith("/Dhcp4/hooks-libraries/1/parameters/high-availability/0" + ours);
  }

  /**
   * kea-dhcp4 2.2 with the HA hook answers {@code ha-heartbeat} on its control socket; wrapped in a
   * list, as its control agent forwards it to a peer, d2j reads it: the state (waiting, the partner
   * being absent), Kea's date format and the unsent-update count.
   */
  @Test
  void keasHeartbeatAnswer_isReadByD2j() throws Exception {
    assumeKea();
    Path socket = dir.resolve("kea4.sock");
    Path config =
        listing(
            "\"lease-database\"",
            "\"control-socket\": {\"socket-type\": \"unix\", \"socket-name\": \""
                + socket
                + "\"}, \"lease-database\"");
    Path log = dir.resolve("kea.log");
    ChildProcess kea =
        ChildProcess.start(
            List.of(
                KEA.toString(),
                "-c",
                config.toString(),
                "-p",
                Integer.toString(Ports.freeUdpPort()),
                "-P",
                Integer.toString(Ports.freeUdpPort())),
            dir,
            Map.of("KEA_PIDFILE_DIR", dir.toString(), "KEA_LOCKFILE_DIR", dir.toString()),
            log);
    try {
      Await.until(Duration.ofSeconds(20), "kea-dhcp4's control socket", () -> Files.exists(socket));
      java.time.Instant before = java.time.Instant.now().minusSeconds(2);
      com.fasterxml.jackson.databind.JsonNode answer =
          send(
              socket,
              io.d2j.dhcp4.ha.PeerMessages.command("ha-heartbeat", java.util.Optional.empty())
                  .toString());
      var list =
          com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(answer);
      var reply = io.d2j.dhcp4.ha.PeerMessages.readHeartbeat(list);
      assertThat(reply)
          .as(answer.toString())
          .isInstanceOf(io.d2j.dhcp4.ha.PeerMessages.Answered.class);
      var heartbeat = ((io.d2j.dhcp4.ha.PeerMessages.Answered) reply).heartbeat();
      assertThat(heartbeat.state()).isEqualTo(io.d2j.dhcp4.ha.HaState.WAITING);
      assertThat(heartbeat.dateTime()).isBetween(before, java.time.Instant.now().plusSeconds(2));
      assertThat(heartbeat.unsentUpdateCount()).contains(0L);
      assertThat(heartbeat.scopes()).isEmpty();
      assertThat(answer.get("text").asText())
          .isEqualTo(io.d2j.dhcp4.ha.PeerMessages.HEARTBEAT_TEXT);
      // and d2j's own answer arguments have Kea's field names and date format
      var ours =
          io.d2j.dhcp4.ha.PeerMessages.heartbeatArguments(
              io.d2j.dhcp4.ha.HaState.WAITING, heartbeat.dateTime(), java.util.Set.of(), 0);
      assertThat(ours.toString()).isEqualTo(answer.get("arguments").toString());
      // status-get's high-availability part: the same shape as d2j's HaStatus
      var status = send(socket, "{\"command\": \"status-get\"}");
      var keaHa = status.get("arguments").get("high-availability").get(0);
      var d2jHa = d2jWaitingStatus(config);
      assertThat(keaHa.get("ha-mode")).isEqualTo(d2jHa.get("ha-mode"));
      assertThat(keaHa.get("ha-servers").get("local").toString())
          .isEqualTo(d2jHa.get("ha-servers").get("local").toString());
      java.util.List<String> keaKeys = new java.util.ArrayList<>();
      keaHa.get("ha-servers").get("remote").fieldNames().forEachRemaining(keaKeys::add);
      java.util.List<String> d2jKeys = new java.util.ArrayList<>();
      d2jHa.get("ha-servers").get("remote").fieldNames().forEachRemaining(d2jKeys::add);
      assertThat(d2jKeys).containsExactlyInAnyOrderElementsOf(keaKeys);
      assertThat(keaHa.get("ha-servers").get("remote").get("role").asText()).isEqualTo("secondary");
    } finally {
      kea.stop();
    }
  }

  /** What d2j reports for the listing's server1 just started (waiting). */
  private static com.fasterxml.jackson.databind.JsonNode d2jWaitingStatus(Path config)
      throws IOException {
    io.d2j.dhcp4.ha.HaConfig ha = Dhcp4ConfigParser.read(config).highAvailability().orElseThrow();
    var clock = java.time.Clock.systemUTC();
    var machine =
        new io.d2j.dhcp4.ha.HaStateMachine(
            ha,
            new io.d2j.dhcp4.ha.CommunicationState(ha, clock),
            new io.d2j.keacontrol.time.Scheduler() {
              @Override
              public Timer schedule(Duration delay, Runnable task) {
                return () -> true;
              }

              @Override
              public void execute(Runnable task) {}
            },
            new NoActions());
    machine.start();
    return io.d2j.dhcp4.ha.HaStatus.render(ha, machine);
  }

  /** A shell that does nothing: the machine is only asked for its status. */
  private static final class NoActions implements io.d2j.dhcp4.ha.HaActions {
    @Override
    public void sendHeartbeat() {}

    @Override
    public void startSync() {}

    @Override
    public void replayBacklog() {}

    @Override
    public void clearBacklog() {}

    @Override
    public void sendHaReset() {}

    @Override
    public void sendMaintenanceNotify(boolean cancel) {}

    @Override
    public void partnerSyncReleased() {}

    @Override
    public void serve(
        io.d2j.dhcp4.ha.HaState state,
        java.util.Set<String> scopes,
        boolean dhcpEnabled,
        boolean leaseUpdates) {}
  }

  private static com.fasterxml.jackson.databind.JsonNode send(Path socket, String command)
      throws IOException {
    try (java.nio.channels.SocketChannel ch =
        java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      ch.connect(java.net.UnixDomainSocketAddress.of(socket));
      java.nio.ByteBuffer out = java.nio.ByteBuffer.wrap(command.getBytes(StandardCharsets.UTF_8));
      while (out.hasRemaining()) {
        ch.write(out);
      }
      java.nio.ByteBuffer in = java.nio.ByteBuffer.allocate(1 << 16);
      while (ch.read(in) >= 0 && in.hasRemaining()) {
        // read to the end of the answer
      }
      return new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(new String(in.array(), 0, in.position(), StandardCharsets.UTF_8));
    }
  }
}
