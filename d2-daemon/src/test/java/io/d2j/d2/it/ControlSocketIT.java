package io.d2j.d2.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.d2j.d2.runtime.D2Daemon;
import io.d2j.d2.stats.D2Stats;
import io.d2j.keacontrol.ControlSocketInUseException;
import io.d2j.keacontrol.files.FileAreas;
import io.d2j.ncr.ChangeType;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.ncr.NcrFraming;
import io.d2j.ncr.NcrJsonCodec;
import io.d2j.testkit.Await;
import io.d2j.testkit.BindServer;
import io.d2j.testkit.Ports;
import io.d2j.testkit.TestKey;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

/**
 * Every command over the real unix socket of an in-process daemon (d2-behaviour.md §9, scenarios 29
 * and 30), against a real BIND and, for work that must stay pending, a silent DNS server (a bound
 * UDP socket nobody reads).
 */
class ControlSocketIT {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;

  private final TestKey key = TestKey.random("d2j-ctl.", "HMAC-SHA256");
  private BindServer bind;
  private DatagramSocket silent;
  private final List<D2Daemon> daemons = new ArrayList<>();

  @BeforeEach
  void servers() throws IOException {
    BindServer.assumeAvailable();
    bind = BindServer.start(key);
    silent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
  }

  @AfterEach
  void stop() {
    daemons.forEach(D2Daemon::close);
    silent.close();
    bind.close();
  }

  private String server(InetAddress address, int port) {
    return "{ \"ip-address\": \"" + address.getHostAddress() + "\", \"port\": " + port + " }";
  }

  private String bindServer() {
    return server(bind.address(), bind.port());
  }

  private String silentServer() {
    return server(silent.getLocalAddress(), silent.getLocalPort());
  }

  private String config(int port, int timeoutMs, String servers, String socketExtra) {
    return """
        { "DhcpDdns": { "port": %d, "dns-server-timeout": %d, "tsig-keys": [ %s ],
            "control-socket": { "socket-type": "unix", "socket-name": "d2.sock" %s },
            "forward-ddns": { "ddns-domains": [
              { "name": "example.org.", "key-name": "%s", "dns-servers": [ %s ] } ] } } }
        """
        .formatted(port, timeoutMs, key.keaJson(), socketExtra, key.name(), servers);
  }

  private D2Daemon start(String configJson) throws IOException {
    Path file = dir.resolve("d2.json");
    Files.writeString(file, configJson);
    D2Daemon d =
        D2Daemon.start(
            D2Daemon.load(file),
            Optional.of(file),
            // A journal per daemon: these tests are about the control socket, which may move
            // within dir (FileWritesIT shows the rules).
            new FileAreas(
                Optional.of(dir), dir.resolve("log"), Files.createTempDirectory(dir, "state"), dir),
            Clock.systemDefaultZone());
    daemons.add(d);
    return d;
  }

  private Path socket() {
    return dir.resolve("d2.sock");
  }

  private ControlClient client() {
    return new ControlClient(socket());
  }

  private static NameChangeRequest add(String fqdn, String ip, String dhcid) {
    return NameChangeRequest.builder()
        .type(ChangeType.ADD)
        .fqdn(fqdn)
        .address(ip)
        .dhcid(dhcid)
        .forward(true)
        .reverse(false)
        .leaseLength(600)
        .build();
  }

  private static void send(int port, NameChangeRequest ncr) throws IOException {
    byte[] datagram = NcrFraming.encode(ncr, NcrJsonCodec.compatible(Clock.systemUTC()));
    try (DatagramSocket s = new DatagramSocket()) {
      s.send(
          new DatagramPacket(datagram, datagram.length, new InetSocketAddress("127.0.0.1", port)));
    }
  }

  private static long stat(JsonNode answer, String name) {
    return answer.get("arguments").get(name).get(0).get(0).longValue();
  }

  @Test
  void readOnlyCommands_listVersionStatusBuildReport() throws Exception {
    start(config(Ports.freeUdpPort(), 1000, bindServer(), ""));
    ControlClient c = client();

    JsonNode list = c.command("list-commands");
    assertThat(list.get("result").intValue()).isZero();
    List<String> names = new ArrayList<>();
    list.get("arguments").forEach(n -> names.add(n.textValue()));
    assertThat(names)
        .containsExactly(
            "build-report",
            "config-get",
            "config-hash-get",
            "config-reload",
            "config-set",
            "config-test",
            "config-write",
            "d2j-queue-get",
            "d2j-retry-now",
            "list-commands",
            "shutdown",
            "statistic-get",
            "statistic-get-all",
            "statistic-reset",
            "statistic-reset-all",
            "status-get",
            "version-get");

    JsonNode version = c.command("version-get");
    assertThat(version.get("result").intValue()).isZero();
    assertThat(version.get("text").textValue()).isNotBlank().doesNotContain("${");
    assertThat(version.get("arguments").get("extended").textValue())
        .startsWith(version.get("text").textValue() + "\n");

    JsonNode status = c.command("status-get");
    assertThat(status.get("result").intValue()).isZero();
    assertThat(status.get("arguments").get("pid").longValue())
        .isEqualTo(ProcessHandle.current().pid());
    assertThat(status.get("arguments").get("uptime").longValue()).isBetween(0L, 60L);
    assertThat(status.get("arguments").get("reload").longValue()).isBetween(0L, 60L);

    JsonNode report = c.command("build-report");
    assertThat(report.get("result").intValue()).isZero();
    assertThat(report.get("text").textValue()).startsWith("version: ");

    // Kea's control agent and Stork add "service"; it is accepted and ignored.
    assertThat(
            c.send("{\"command\": \"status-get\", \"service\": [\"d2\"]}").get("result").intValue())
        .isZero();
  }

  @Test
  void errors_unknownCommandUnparseableAndBogusShutdown_daemonKeepsServing() throws Exception {
    D2Daemon d2 = start(config(Ports.freeUdpPort(), 1000, bindServer(), ""));
    ControlClient c = client();
    assertThat(c.sendText("{\"command\": \"foo\"}"))
        .isEqualTo("{\"result\":2,\"text\":\"'foo' command not supported.\"}");
    assertThat(c.sendText("garbage"))
        .isEqualTo(
            "{\"result\":1,\"text\":\"Unexpected character ('g' (code 103)): expected a valid"
                + " value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"
                + " at line 1, column 1\"}");
    assertThat(c.sendText("{\"command\": \"shutdown\", \"arguments\": {\"type\": \"bogus\"}}"))
        .isEqualTo("{\"result\":1,\"text\":\"Invalid Shutdown type: bogus\"}");
    assertThat(d2.exitCode()).isNotDone();
    assertThat(c.command("status-get").get("result").intValue()).isZero();
  }

  @Test
  void configGet_roundTrip_hashChangesOnConfigSet_configTestChangesNothing() throws Exception {
    int port = Ports.freeUdpPort();
    start(config(port, 1000, bindServer(), ""));
    ControlClient c = client();
    JsonNode get = c.command("config-get");
    assertThat(get.get("result").intValue()).isZero();
    JsonNode d2 = get.get("arguments").get("DhcpDdns");
    assertThat(d2.get("port").intValue()).isEqualTo(port);
    String hash = c.command("config-hash-get").get("arguments").get("hash").textValue();
    assertThat(get.get("arguments").get("hash").textValue()).isEqualTo(hash);

    // config-get's output fed back: accepted by config-test, and config-set changes nothing.
    String same = "{\"DhcpDdns\": " + d2 + "}";
    assertThat(c.command("config-test", same).get("text").textValue())
        .isEqualTo("Configuration check successful");
    JsonNode bad = c.command("config-test", "{\"DhcpDdns\": {\"port\": 0}}");
    assertThat(bad.get("result").intValue()).isEqualTo(1);
    assertThat(bad.get("text").textValue())
        .startsWith("/DhcpDdns/port: port must be between 1 and 65535, got 0");
    assertThat(c.command("config-hash-get").get("arguments").get("hash").textValue())
        .isEqualTo(hash);

    int newPort = Ports.freeUdpPort();
    JsonNode set =
        c.command(
            "config-set",
            config(newPort, 1000, bindServer(), "").replace("\"d2.sock\"", "\"" + socket() + "\""));
    assertThat(set.get("text").textValue()).isEqualTo("Configuration applied successfully.");
    String newHash = c.command("config-hash-get").get("arguments").get("hash").textValue();
    assertThat(newHash).isNotEqualTo(hash).isEqualTo(set.get("arguments").get("hash").textValue());
  }

  @Test
  void scenario29_configSetMovesTheListener_keepsQueueAndStatistics_failedSetKeepsOld()
      throws Exception {
    int oldPort = Ports.freeUdpPort();
    D2Daemon d2 = start(config(oldPort, 2000, silentServer(), ""));
    ControlClient c = client();
    // One client, three changes: the first runs (and waits on the silent server), two queue.
    for (int i = 1; i <= 3; i++) {
      send(oldPort, add("moved.example.org.", "192.0.2." + (70 + i), "000101020304"));
    }
    Await.until(WAIT, "1 running, 2 queued", () -> d2.backlog()[0] == 2 && d2.backlog()[1] == 1);
    String perKeySent = D2Stats.perKey(key.name(), D2Stats.UPDATE_SENT);
    Await.until(WAIT, "a signed send", () -> d2.statistics().value(perKeySent) > 0);

    // config-test never touches statistics (Kea deletes the per-key ones: §10, L20).
    c.command("config-test", config(oldPort, 2000, bindServer(), ""));
    assertThat(c.command("statistic-get", "{\"name\": \"" + perKeySent + "\"}").get("arguments"))
        .hasSize(1);

    JsonNode failed = c.command("config-set", "{\"DhcpDdns\": {\"port\": 0}}");
    assertThat(failed.get("result").intValue()).isEqualTo(1);

    int newPort = Ports.freeUdpPort();
    long sentBefore = d2.statistics().value(perKeySent);
    JsonNode set = c.command("config-set", config(newPort, 2000, bindServer(), ""));
    assertThat(set.get("result").intValue()).isZero();
    assertThat(d2.ncrAddress().getPort()).isEqualTo(newPort);
    assertThat(d2.backlog()[0]).isEqualTo(2);
    assertThat(d2.statistics().value(D2Stats.NCR_RECEIVED)).isEqualTo(3);
    assertThat(d2.statistics().value(perKeySent)).isGreaterThanOrEqualTo(sentBefore);

    // The new port takes NCRs; the new domains serve them at once.
    send(newPort, add("fresh.example.org.", "192.0.2.80", "000105060708"));
    Await.until(
        WAIT, "A of fresh.example.org.", () -> !bind.query("fresh.example.org.", Type.A).isEmpty());
    // The queued NCRs, planned after the swap, reach BIND too; the last one wins.
    Await.until(
        WAIT,
        "A of moved.example.org. = 192.0.2.73",
        () -> bind.query("moved.example.org.", Type.A).toString().contains("192.0.2.73"));
    assertThat(d2.statistics().value(D2Stats.NCR_RECEIVED)).isEqualTo(4);
  }

  @Test
  void configSet_withAnotherSocketName_movesTheControlSocket() throws Exception {
    int port = Ports.freeUdpPort();
    start(config(port, 1000, bindServer(), ""));
    String moved = config(port, 1000, bindServer(), "").replace("\"d2.sock\"", "\"moved.sock\"");
    // The answer still comes over the old socket, which then closes and goes away.
    assertThat(client().command("config-set", moved).get("result").intValue()).isZero();
    Await.until(WAIT, "old socket file removed", () -> !Files.exists(socket()));
    assertThat(
            new ControlClient(dir.resolve("moved.sock"))
                .command("status-get")
                .get("result")
                .intValue())
        .isZero();
  }

  @Test
  void configReloadAndConfigWrite() throws Exception {
    int port = Ports.freeUdpPort();
    D2Daemon d2 = start(config(port, 1000, bindServer(), ""));
    ControlClient c = client();
    int newPort = Ports.freeUdpPort();
    Files.writeString(dir.resolve("d2.json"), config(newPort, 1000, bindServer(), ""));
    JsonNode reload = c.command("config-reload");
    assertThat(reload.get("text").textValue()).isEqualTo("Configuration applied successfully.");
    assertThat(d2.ncrAddress().getPort()).isEqualTo(newPort);

    Files.writeString(dir.resolve("d2.json"), "{ \"DhcpDdns\": { \"port\": 0 } }");
    JsonNode badReload = c.command("config-reload");
    assertThat(badReload.get("result").intValue()).isEqualTo(1);
    assertThat(badReload.get("text").textValue()).contains("/DhcpDdns/port:");
    assertThat(d2.ncrAddress().getPort()).isEqualTo(newPort);

    Path written = dir.resolve("written.json");
    JsonNode write = c.command("config-write", "{\"filename\": \"" + written + "\"}");
    assertThat(write.get("text").textValue())
        .isEqualTo("Configuration written to " + written + " successful");
    assertThat(write.get("arguments").get("size").longValue()).isEqualTo(Files.size(written));
    assertThat(
            ControlClient.parse(Files.readString(written)).get("DhcpDdns").get("port").intValue())
        .isEqualTo(newPort);
  }

  @Test
  void statistics_getAllResetResetAll() throws Exception {
    int port = Ports.freeUdpPort();
    D2Daemon d2 = start(config(port, 1000, bindServer(), ""));
    ControlClient c = client();
    send(port, add("stats.example.org.", "192.0.2.90", "000111111111"));
    // update-success is counted just after the transaction sees the reply: wait for both.
    String perKeySuccess = D2Stats.perKey(key.name(), D2Stats.UPDATE_SUCCESS);
    Await.until(
        WAIT,
        "one NCR done",
        () ->
            d2.statistics().value(D2Stats.NCR_COMPLETED) == 1
                && d2.statistics().value(perKeySuccess) == 1);

    JsonNode one = c.command("statistic-get", "{\"name\": \"ncr-received\"}");
    assertThat(stat(one, "ncr-received")).isEqualTo(1);
    assertThat(one.get("arguments").get("ncr-received").get(0).get(1).textValue())
        .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
    assertThat(c.command("statistic-get", "{\"name\": \"nope\"}").get("arguments")).isEmpty();

    JsonNode all = c.command("statistic-get-all");
    assertThat(stat(all, "update-sent")).isEqualTo(1);
    assertThat(stat(all, D2Stats.perKey(key.name(), "update-success"))).isEqualTo(1);
    assertThat(stat(all, "ncr-invalid")).isZero();

    assertThat(c.command("statistic-reset", "{\"name\": \"ncr-received\"}").get("text").textValue())
        .isEqualTo("Statistic 'ncr-received' reset.");
    assertThat(d2.statistics().value(D2Stats.NCR_RECEIVED)).isZero();
    assertThat(c.command("statistic-reset", "{\"name\": \"nope\"}").get("text").textValue())
        .isEqualTo("No 'nope' statistic found");
    assertThat(c.command("statistic-reset-all").get("text").textValue())
        .isEqualTo("All statistics reset to neutral values.");
    assertThat(stat(c.command("statistic-get-all"), "update-sent")).isZero();
  }

  @Test
  void shutdownNow_exitsWithTheExitValue_andRemovesTheSocket() throws Exception {
    D2Daemon d2 = start(config(Ports.freeUdpPort(), 1000, bindServer(), ""));
    assertThat(
            client()
                .sendText(
                    "{\"command\": \"shutdown\", \"arguments\": {\"type\": \"now\", \"exit-value\": 3}}"))
        .isEqualTo("{\"result\":0,\"text\":\"Shutdown initiated, type is: now\"}");
    assertThat(d2.exitCode().get(10, TimeUnit.SECONDS)).isEqualTo(3);
    assertThat(socket()).doesNotExist();
  }

  @Test
  void drainFirst_worksOffTheBacklogBeforeExiting() throws Exception {
    int port = Ports.freeUdpPort();
    D2Daemon d2 = start(config(port, 200, silentServer(), ""));
    for (int i = 1; i <= 3; i++) {
      send(port, add("drain.example.org.", "192.0.2." + (100 + i), "000102030405"));
    }
    Await.until(WAIT, "1 running, 2 queued", () -> d2.backlog()[0] == 2 && d2.backlog()[1] == 1);
    assertThat(client().command("shutdown", "{\"type\": \"drain_first\"}").get("text").textValue())
        .isEqualTo("Shutdown initiated, type is: drain_first");
    // Not listening any more; the backlog (3 NCRs × 3 tries × 200 ms) is still worked off.
    send(port, add("late.example.org.", "192.0.2.120", "000109090909"));
    assertThat(d2.exitCode().get(20, TimeUnit.SECONDS)).isZero();
    // Each was tried; its domain stayed unreachable, so with the journal on it is kept for the
    // next start rather than failed (ShutdownKeepsWaitingIT shows the restart applying it).
    assertThat(d2.statistics().value(D2Stats.NCR_FAILED)).isZero();
    assertThat(d2.statistics().value(D2Stats.NCR_COMPLETED)).isZero();
    assertThat(d2.statistics().value(D2Stats.UPDATE_TIMEOUT)).isEqualTo(9);
    assertThat(d2.statistics().value(D2Stats.NCR_RECEIVED)).isEqualTo(3);
  }

  @Test
  void socketFile_mode0600ByDefault_configurable_secondDaemonRefused() throws Exception {
    D2Daemon first = start(config(Ports.freeUdpPort(), 1000, bindServer(), ""));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket())))
        .isEqualTo("rw-------");
    assertThatThrownBy(() -> start(config(Ports.freeUdpPort(), 1000, bindServer(), "")))
        .isInstanceOf(ControlSocketInUseException.class)
        .hasMessage(
            "control socket "
                + socket()
                + " is in use: a running daemon accepted a connection on it; stop that daemon or"
                + " configure another socket-name");
    assertThat(client().command("status-get").get("result").intValue()).isZero();
    first.close();
    assertThat(socket()).doesNotExist();

    start(
        config(
            Ports.freeUdpPort(),
            1000,
            bindServer(),
            ", \"user-context\": { \"d2j\": { \"socket-mode\": \"0660\" } }"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket())))
        .isEqualTo("rw-rw----");
  }
}
