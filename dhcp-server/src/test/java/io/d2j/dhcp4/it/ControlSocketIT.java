package io.d2j.dhcp4.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.dhcp4.runtime.Dhcp4Daemon;
import io.d2j.dhcp4.runtime.Dhcp4Server;
import io.d2j.dhcp4.runtime.Version;
import io.d2j.keacontrol.files.FileAreas;
import io.d2j.testkit.FileWriteAttempts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kea's command protocol over the real unix socket of a running d2j-dhcp4 (one JSON command per
 * connection, one JSON answer): the lease commands with lease_cmds' shapes and texts, and the
 * server and config commands with kea-dhcp4's.
 */
class ControlSocketIT {

  private static final Octets MAC = Octets.parseColonHex("02:00:00:00:00:aa");

  @TempDir Path dir;
  @TempDir Path elsewhere;
  private Path configFile;
  private static final ObjectMapper JSON = new ObjectMapper();

  private Path socket;
  private LoopbackRelay relay;
  private Dhcp4Daemon process;
  private int metricsPort;

  @BeforeEach
  void start() throws Exception {
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      metricsPort = free.getLocalPort();
    }
    relay = new LoopbackRelay();
    socket = dir.resolve("kea4-ctrl.sock");
    configFile = dir.resolve("kea-dhcp4.json");
    writeConfig(4000);
    process =
        Dhcp4Daemon.start(
            Optional.of(configFile),
            new FileAreas(
                Optional.of(dir),
                Files.createDirectories(dir.resolve("log")),
                Files.createDirectories(dir.resolve("state")),
                dir),
            Dhcp4ConfigParser.read(configFile),
            new Dhcp4Server.Ports(0, OptionalInt.of(relay.port())),
            Clock.systemUTC());
  }

  @AfterEach
  void stop() throws IOException {
    if (process != null) {
      process.close();
    }
    relay.close();
  }

  private void writeConfig(int validLifetime) throws IOException {
    Files.writeString(
        configFile,
        """
        {"Dhcp4": {
          "interfaces-config": {"interfaces": ["lo"]},
          "valid-lifetime": %d,
          "control-socket": {"socket-type": "unix", "socket-name": "%s"},
          "user-context": {"d2j": {"metrics": {"address": "127.0.0.1", "port": %d}}},
          "lease-database": {"type": "memfile", "persist": true, "name": "leases4.csv"},
          "subnet4": [{"id": 1, "subnet": "10.0.0.0/24",
                       "relay": {"ip-addresses": ["127.0.0.1"]},
                       "pools": [{"pool": "10.0.0.10 - 10.0.0.200"}]}]
        }}
        """
            .formatted(validLifetime, socket, metricsPort));
  }

  @Test
  void listCommands_namesEveryCommandAlphabetically() throws Exception {
    JsonNode answer = send("{\"command\": \"list-commands\"}");
    assertThat(answer.get("result").asInt()).isZero();
    List<String> names = new ArrayList<>();
    answer.get("arguments").forEach(n -> names.add(n.asText()));
    assertThat(names)
        .containsExactly(
            "build-report",
            "config-get",
            "config-hash-get",
            "config-reload",
            "config-set",
            "config-test",
            "config-write",
            "lease4-add",
            "lease4-del",
            "lease4-get",
            "lease4-get-all",
            "lease4-get-page",
            "lease4-update",
            "lease4-wipe",
            "list-commands",
            "shutdown",
            "statistic-get",
            "statistic-get-all",
            "statistic-reset",
            "statistic-reset-all",
            "status-get",
            "version-get");
    assertThat(send("{\"command\": \"dhcp-disable\"}").toString())
        .isEqualTo("{\"result\":2,\"text\":\"'dhcp-disable' command not supported.\"}");
  }

  /**
   * Issue 14 item 5: /metrics has what statistic-get-all has, as Prometheus counters (Kea's names
   * with _), and the JVM's metrics. d2-daemon's MetricsIT reads its page with Prometheus' own
   * parser; this module's tests may not use testkit, so the lines are checked as text here.
   */
  @Test
  void metrics_showTheStatisticsOfTheControlSocket_asPrometheusCounters() throws Exception {
    relay.dora(process.server().port(), MAC);
    assertThat(process.metricsAddress())
        .contains(new java.net.InetSocketAddress("127.0.0.1", metricsPort));

    java.net.http.HttpResponse<String> page =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

    assertThat(page.statusCode()).isEqualTo(200);
    JsonNode all = send("{\"command\": \"statistic-get-all\"}").get("arguments");
    List<String> lines = List.of(page.body().split("\n"));
    assertThat(all.size()).isPositive();
    all.fieldNames()
        .forEachRemaining(
            kea -> {
              // subnet[1].assigned-addresses -> subnet_assigned_addresses{subnet="1"}
              java.util.regex.Matcher keyed =
                  java.util.regex.Pattern.compile("([a-z0-9-]+)\\[([^\\]]+)\\]\\.(.+)")
                      .matcher(kea);
              String family =
                  (keyed.matches() ? keyed.group(1) + "_" + keyed.group(3) : kea).replace('-', '_');
              String labels =
                  keyed.matches() ? "{" + keyed.group(1) + "=\"" + keyed.group(2) + "\"}" : "";
              long value = all.get(kea).get(0).get(0).asLong();
              // The Prometheus text format (0.0.4) names a counter with its _total; Kea's
              // per-subnet address counts are levels (gauges).
              boolean counter = lines.contains("# TYPE " + family + "_total counter");
              boolean gauge = lines.contains("# TYPE " + family + " gauge");
              assertThat(counter || gauge).as(kea + " has a counter or a gauge family").isTrue();
              String series = (counter ? family + "_total" : family) + labels;
              assertThat(lines)
                  .as(kea)
                  .anyMatch(
                      l ->
                          l.matches(
                              java.util.regex.Pattern.quote(series) + " " + value + "(\\.0)?"));
            });
    assertThat(lines).contains("# TYPE subnet_total_addresses gauge");
    assertThat(lines).contains("# TYPE pkt4_ack_sent_total counter", "pkt4_ack_sent_total 1.0");
    assertThat(lines).anyMatch(l -> l.startsWith("jvm_memory_used_bytes{"));
  }

  /**
   * A configuration that moves /metrics but cannot start (here its NCR sender port is taken) is
   * refused whole: the listener stays where the running configuration has it. It used to move
   * anyway.
   */
  @Test
  void configSet_refusedAfterTheMetricsMoved_leavesTheListenerOnTheRunningAddress()
      throws Exception {
    int otherPort;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      otherPort = free.getLocalPort();
    }
    try (java.net.DatagramSocket taken =
        new java.net.DatagramSocket(
            new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0))) {
      JsonNode running = send("{\"command\": \"config-get\"}").get("arguments");
      ObjectNode dhcp4 = (ObjectNode) running.get("Dhcp4");
      dhcp4.set(
          "user-context",
          JSON.readTree(
              "{\"d2j\": {\"metrics\": {\"address\": \"127.0.0.1\", \"port\": "
                  + otherPort
                  + "}}}"));
      dhcp4.set(
          "dhcp-ddns",
          JSON.readTree(
              "{\"enable-updates\": true, \"server-ip\": \"127.0.0.1\", \"server-port\": 53001,"
                  + " \"sender-ip\": \"127.0.0.1\", \"sender-port\": "
                  + taken.getLocalPort()
                  + "}"));

      assertThat(text(cmd("config-set", running.toString())))
          .startsWith("1: ")
          .contains(
              "/Dhcp4/dhcp-ddns (sender-ip, sender-port): cannot bind the NCR sender to"
                  + " 127.0.0.1:"
                  + taken.getLocalPort())
          .contains("in use");
    }

    assertThat(process.metricsAddress())
        .contains(new java.net.InetSocketAddress("127.0.0.1", metricsPort));
    assertThat(scrapeStatus(metricsPort)).isEqualTo(200);
    assertThatThrownBy(() -> scrapeStatus(otherPort)).isInstanceOf(IOException.class);
  }

  private static int scrapeStatus(int port) throws Exception {
    return java.net.http.HttpClient.newHttpClient()
        .send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + "/metrics"))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  void leaseCommands_showAddUpdatePageDeleteAndWipe_asKeaLeaseCmds() throws Exception {
    DhcpPacket ack = relay.dora(process.server().port(), MAC);
    String address = ack.yiaddr().getHostAddress();

    JsonNode got = send(cmd("lease4-get", "{\"ip-address\": \"" + address + "\"}"));
    assertThat(got.get("text").asText()).isEqualTo("IPv4 lease found.");
    JsonNode lease = got.get("arguments");
    long cltt = lease.get("cltt").asLong();
    assertThat(lease.toString())
        .isEqualTo(
            "{\"cltt\":"
                + cltt
                + ",\"fqdn-fwd\":false,\"fqdn-rev\":false,\"hostname\":\"\","
                + "\"hw-address\":\"02:00:00:00:00:aa\",\"ip-address\":\""
                + address
                + "\",\"state\":0,\"subnet-id\":1,\"valid-lft\":4000}");
    assertThat(
            send(cmd(
                    "lease4-get",
                    "{\"identifier-type\": \"hw-address\", \"identifier\":"
                        + " \"02:00:00:00:00:aa\", \"subnet-id\": 1}"))
                .get("arguments"))
        .isEqualTo(lease);
    assertThat(send(cmd("lease4-get", "{\"ip-address\": \"10.0.0.99\"}")).toString())
        .isEqualTo("{\"result\":3,\"text\":\"Lease not found.\"}");

    // lease4-add: the new lease is in the store, on disk, and the allocator respects it.
    assertThat(
            text(
                cmd(
                    "lease4-add",
                    "{\"ip-address\": \"10.0.0.50\", \"hw-address\": \"1a:1b:1c:1d:1e:1f\","
                        + " \"client-id\": \"01:1a:1b:1c:1d:1e:1f\", \"valid-lft\": 600,"
                        + " \"expire\": 2000000600, \"hostname\": \"added.example.org\","
                        + " \"fqdn-fwd\": true, \"user-context\": {\"by\": \"it\"}}")))
        .isEqualTo("0: Lease for address 10.0.0.50, subnet-id 1 added.");
    assertThat(Files.readString(dir.resolve("leases4.csv")))
        .contains(
            "10.0.0.50,1a:1b:1c:1d:1e:1f,01:1a:1b:1c:1d:1e:1f,600,2000000600,1,1,0,"
                + "added.example.org,0,{\"by\":\"it\"}\n");
    assertThat(text(cmd("lease4-add", "{\"ip-address\": \"10.0.0.50\", \"hw-address\": \"01\"}")))
        .isEqualTo("1: IPv4 lease already exists.");
    assertThat(text(cmd("lease4-add", "{\"ip-address\": \"10.9.0.1\", \"hw-address\": \"01\"}")))
        .isEqualTo("1: subnet-id not specified and failed to find a subnet for address 10.9.0.1");
    assertThat(text(cmd("lease4-add", "{\"ip-address\": \"10.0.0.51\"}")))
        .isEqualTo("1: missing parameter 'hw-address'");

    JsonNode all = send("{\"command\": \"lease4-get-all\", \"arguments\": {\"subnets\": [1]}}");
    assertThat(all.get("text").asText()).isEqualTo("2 IPv4 lease(s) found.");
    assertThat(all.get("arguments").get("leases").get(1).get("user-context").toString())
        .isEqualTo("{\"by\":\"it\"}");

    // Paging in address order, each page after the last address of the previous one.
    JsonNode page1 = send(cmd("lease4-get-page", "{\"from\": \"start\", \"limit\": 1}"));
    assertThat(page1.get("arguments").get("count").asInt()).isEqualTo(1);
    String first = page1.get("arguments").get("leases").get(0).get("ip-address").asText();
    assertThat(first).isEqualTo(address);
    JsonNode page2 = send(cmd("lease4-get-page", "{\"from\": \"" + first + "\", \"limit\": 1}"));
    assertThat(page2.get("arguments").get("leases").get(0).get("ip-address").asText())
        .isEqualTo("10.0.0.50");
    assertThat(send(cmd("lease4-get-page", "{\"from\": \"10.0.0.50\", \"limit\": 1}")).toString())
        .isEqualTo(
            "{\"arguments\":{\"count\":0,\"leases\":[]},\"result\":3,"
                + "\"text\":\"0 IPv4 lease(s) found.\"}");

    assertThat(
            text(
                cmd(
                    "lease4-update",
                    "{\"ip-address\": \"10.0.0.50\", \"hw-address\": \"1a:1b:1c:1d:1e:1f\","
                        + " \"hostname\": \"renamed.example.org\"}")))
        .isEqualTo("0: IPv4 lease updated.");
    assertThat(
            send(cmd("lease4-get", "{\"ip-address\": \"10.0.0.50\"}"))
                .get("arguments")
                .get("hostname")
                .asText())
        .isEqualTo("renamed.example.org");
    assertThat(
            text(cmd("lease4-update", "{\"ip-address\": \"10.0.0.60\", \"hw-address\": \"01\"}")))
        .isEqualTo(
            "1: failed to update the lease with address 10.0.0.60 either because the lease has"
                + " been deleted or it has changed in the database, in both cases a retry might"
                + " succeed");
    assertThat(
            text(
                cmd(
                    "lease4-update",
                    "{\"ip-address\": \"10.0.0.60\", \"hw-address\": \"01:02\","
                        + " \"force-create\": true}")))
        .isEqualTo("0: IPv4 lease added.");

    assertThat(text(cmd("lease4-del", "{\"ip-address\": \"10.0.0.60\"}")))
        .isEqualTo("0: IPv4 lease deleted.");
    assertThat(text(cmd("lease4-del", "{\"ip-address\": \"10.0.0.60\"}")))
        .isEqualTo("3: IPv4 lease not found.");
    assertThat(text(cmd("lease4-wipe", "{\"subnet-id\": 1}")))
        .isEqualTo("0: Deleted 2 IPv4 lease(s) from subnet(s) 1");
    assertThat(text("{\"command\": \"lease4-get-all\"}")).isEqualTo("3: 0 IPv4 lease(s) found.");
    assertThat(process.leases().size()).isZero();
  }

  @Test
  void serverAndConfigCommands_answerAsKeaDhcp4() throws Exception {
    relay.dora(process.server().port(), MAC);

    JsonNode version = send("{\"command\": \"version-get\"}");
    assertThat(version.get("text").asText()).isEqualTo(Version.VERSION);
    JsonNode status = send("{\"command\": \"status-get\"}").get("arguments");
    assertThat(status.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
    assertThat(status.get("multi-threading-enabled").asBoolean()).isFalse();
    assertThat(status.get("sockets").toString()).isEqualTo("{\"status\":\"ready\"}");

    JsonNode received =
        send(cmd("statistic-get", "{\"name\": \"pkt4-received\"}")).get("arguments");
    assertThat(received.get("pkt4-received").get(0).get(0).asLong()).isEqualTo(2);
    assertThat(received.get("pkt4-received").get(0).get(1).asText())
        .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
    assertThat(send(cmd("statistic-get", "{\"name\": \"no-such\"}")).toString())
        .isEqualTo("{\"arguments\":{},\"result\":0}");
    JsonNode allStats = send("{\"command\": \"statistic-get-all\"}").get("arguments");
    assertThat(allStats.has("pkt4-ack-sent")).isTrue();

    JsonNode config = send("{\"command\": \"config-get\"}").get("arguments");
    assertThat(config.get("Dhcp4").get("valid-lifetime").asInt()).isEqualTo(4000);

    assertThat(text(cmd("config-test", config.toString())))
        .isEqualTo(
            "0: Configuration seems sane. Control-socket, hook-libraries, and D2 configuration"
                + " were sanity checked, but not applied.");
    assertThat(text(cmd("config-test", "{\"Dhcp4\": {\"subnet4\": 5}}")))
        .startsWith("1: /Dhcp4/subnet4: ");
    assertThat(text(cmd("config-test", "{\"Dhcp6\": {}}")))
        .isEqualTo("1: Missing mandatory 'Dhcp4' parameter.");

    Path written = dir.resolve("written.json");
    JsonNode write = send(cmd("config-write", "{\"filename\": \"" + written + "\"}"));
    assertThat(write.get("text").asText())
        .isEqualTo("Configuration written to " + written + " successful");
    assertThat(write.get("arguments").get("size").asLong()).isEqualTo(Files.size(written));
    assertThat(Dhcp4ConfigParser.read(written).subnets()).hasSize(1);

    // config-reload: the file now says 600 s; the lease survives, new leases get 600 s.
    writeConfig(600);
    assertThat(text("{\"command\": \"config-reload\"}")).isEqualTo("0: Configuration successful.");
    assertThat(process.leases().size()).isEqualTo(1);
    DhcpPacket ack = relay.dora(process.server().port(), Octets.parseColonHex("02:00:00:00:00:bb"));
    assertThat(ack.options().leaseTime()).hasValue(600);
    Files.writeString(configFile, "{\"Dhcp4\": {\"subnet4\": 5}}");
    assertThat(text("{\"command\": \"config-reload\"}")).startsWith("1: Config reload failed: ");
    assertThat(relay.discover(process.server().port(), MAC)).isPresent();

    assertThat(text(cmd("shutdown", "{\"exit-value\": 3}"))).isEqualTo("0: Shutting down.");
    assertThat(process.awaitShutdown()).isEqualTo(3);
  }

  @Test
  void configWrite_everyBypass_isRefusedWithThePathAndTheRule() throws Exception {
    FileWriteAttempts attempts = FileWriteAttempts.prepare(dir, elsewhere);
    for (FileWriteAttempts.Attempt a : attempts.attempts()) {
      assertThat(text(cmd("config-write", "{\"filename\": \"" + a.filename() + "\"}")))
          .as(a.what())
          .isEqualTo("1: config-write " + a.refusal());
      assertThat(attempts.victimIntact()).as(a.what()).isTrue();
    }
    Path copy = dir.toRealPath().resolve("copy.json");
    assertThat(text(cmd("config-write", "{\"filename\": \"copy.json\"}")))
        .isEqualTo("0: Configuration written to " + copy + " successful");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)))
        .isEqualTo("rw-r-----");
  }

  @Test
  void configTest_pathsOutsideTheirDirectories_areRefused_theActiveOnesAccepted() throws Exception {
    JsonNode dhcp4 = send("{\"command\": \"config-get\"}").get("arguments").get("Dhcp4");
    String same = "{\"Dhcp4\": " + dhcp4 + "}";
    assertThat(text(cmd("config-test", same))).startsWith("0: ");
    Path outside = dir.resolve("elsewhere.csv");
    assertThat(text(cmd("config-test", same.replace("\"leases4.csv\"", "\"" + outside + "\""))))
        .startsWith(
            "1: /Dhcp4/lease-database/name: '"
                + outside
                + "' refused: is outside the state directory "
                + dir.resolve("state")
                + " (D2J_STATE_DIR)");
    String logger =
        "\"loggers\": [{\"name\": \"kea-dhcp4\", \"output_options\": [{\"output\":"
            + " \"../evil.log\"}]}], \"valid-lifetime\"";
    // config-get shows valid-lifetime in every subnet too: the logger goes in the global one only.
    assertThat(
            text(
                cmd(
                    "config-test",
                    same.replaceFirst("\"valid-lifetime\"", Matcher.quoteReplacement(logger)))))
        .startsWith(
            "1: /Dhcp4/loggers/0/output_options/0/output: '../evil.log' refused: '..' is not"
                + " allowed");
    assertThat(
            text(
                cmd(
                    "config-test",
                    same.replace(socket.toString(), "/tmp/" + dir.getFileName() + ".sock"))))
        .startsWith(
            "1: /Dhcp4/control-socket/socket-name: '/tmp/"
                + dir.getFileName()
                + ".sock'"
                + " refused: is outside the socket directory");
  }

  private static String cmd(String name, String arguments) {
    return ControlChannel.cmd(name, arguments);
  }

  private String text(String command) throws IOException {
    return ControlChannel.text(socket, command);
  }

  private JsonNode send(String command) throws IOException {
    return ControlChannel.send(socket, command);
  }
}
