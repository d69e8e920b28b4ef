package io.d2j.d2.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.d2j.d2.config.D2Config;
import io.d2j.d2.config.D2ConfigParser;
import io.d2j.d2.stats.D2Stats;
import io.d2j.keaconfig.KeaConfigReader;
import io.d2j.keacontrol.Answer;
import io.d2j.keacontrol.CommandRegistry;
import io.d2j.keacontrol.commands.DaemonTarget;
import io.d2j.keacontrol.commands.VersionInfo;
import io.d2j.keacontrol.stats.Statistics;
import io.d2j.keacontrol.stats.StatisticsView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every command's answer shape and text, against an in-memory daemon: no sockets, fixed time. */
class CommandsTest {

  private static final String CONFIG =
      "{\"DhcpDdns\":{\"port\":53111,\"tsig-keys\":[{\"name\":\"k1.\",\"algorithm\":\"HMAC-SHA256\","
          + "\"secret\":\"LSWXnfkKZjdPJI5QxlpnfQ==\"}]}}";

  @TempDir Path dir;

  private final Instant now = Instant.parse("2026-11-27T20:13:28.807057Z");
  private final Clock clock = Clock.fixed(now, ZoneOffset.UTC);
  private final Statistics stats = new Statistics(clock);
  private final FakeTarget target = new FakeTarget();
  private final CommandRegistry registry =
      D2Commands.registerAll(
          new CommandRegistry("kea-dhcp-ddns"),
          target,
          stats,
          clock,
          new VersionInfo("0.1.0", "0.1.0\nextended", "version: 0.1.0\nreport"));

  private final class FakeTarget implements DaemonTarget<D2Config> {
    D2Config config = parse(CommandRegistry.parse(CONFIG));
    Optional<Path> file = Optional.empty();
    final List<String> calls = new ArrayList<>();
    IOException applyFailure;

    @Override
    public D2Config config() {
      return config;
    }

    @Override
    public Optional<Path> configFile() {
      return file;
    }

    @Override
    public long pid() {
      return 4242;
    }

    @Override
    public Instant startedAt() {
      return now.minusSeconds(90);
    }

    @Override
    public Instant configuredAt() {
      return now.minusSeconds(30);
    }

    @Override
    public D2Config parse(JsonNode root) {
      return D2ConfigParser.parse(KeaConfigReader.parse(root.toString(), "args"), Path.of("."));
    }

    @Override
    public D2Config readConfigFile() throws IOException {
      if (file.isEmpty()) {
        throw new IOException("no configuration file to read");
      }
      return parse(CommandRegistry.parse(Files.readString(file.get())));
    }

    @Override
    public void apply(D2Config newConfig) throws IOException {
      if (applyFailure != null) {
        throw applyFailure;
      }
      calls.add("apply port=" + newConfig.port());
      config = newConfig;
    }

    @Override
    public ObjectNode render(D2Config c) {
      return ConfigView.render(c);
    }

    @Override
    public byte[] written(D2Config c) {
      return ConfigView.pretty(c);
    }

    @Override
    public Answer shutdown(JsonNode args, int exitValue) {
      return D2Commands.shutdown(
          args, exitValue, (type, exit) -> calls.add("shutdown " + type.text() + " " + exit));
    }
  }

  private String send(String request) {
    return registry.execute(CommandRegistry.parse(request)).render();
  }

  @Test
  void listCommands_everyKeaD2CommandAlphabetically() {
    assertThat(send("{\"command\":\"list-commands\"}"))
        .isEqualTo(
            "{\"arguments\":[\"build-report\",\"config-get\",\"config-hash-get\",\"config-reload\","
                + "\"config-set\",\"config-test\",\"config-write\",\"list-commands\",\"shutdown\","
                + "\"statistic-get\",\"statistic-get-all\",\"statistic-reset\","
                + "\"statistic-reset-all\",\"status-get\",\"version-get\"],\"result\":0}");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          {"command":"foo"}                                   | {"result":2,"text":"'foo' command not supported."}
          {"command":"foo","service":["d2"]}                  | {"result":2,"text":"'foo' command not supported."}
          {"command":"version-get","service":["d2"]}          | {"arguments":{"extended":"0.1.0\\nextended"},"result":0,"text":"0.1.0"}
          {"command":"build-report"}                          | {"result":0,"text":"version: 0.1.0\\nreport"}
          {"command":"status-get"}                            | {"arguments":{"pid":4242,"reload":30,"uptime":90},"result":0}
          {"arguments":{}}                                    | {"result":1,"text":"Error during command processing: invalid command: does not contain mandatory 'command'"}
          {"command":"list-commands","bogus":1}               | {"result":1,"text":"Error during command processing: invalid command: unsupported parameter 'bogus'"}
          ["list-commands"]                                   | {"result":1,"text":"Error during command processing: invalid command: expected toplevel entry to be a map, got array instead"}
          {"command":"shutdown","arguments":{"type":"bogus"}} | {"result":1,"text":"Invalid Shutdown type: bogus"}
          {"command":"shutdown","arguments":{"exit-value":"x"}} | {"result":1,"text":"parameter 'exit-value' is not an integer"}
          {"command":"shutdown","arguments":[1]}              | {"result":1,"text":"Argument must be a map"}
          {"command":"config-test"}                           | {"result":1,"text":"Missing mandatory 'arguments' parameter."}
          {"command":"config-test","arguments":{}}            | {"result":1,"text":"Missing mandatory 'DhcpDdns' parameter."}
          {"command":"config-test","arguments":{"DhcpDdns":1}} | {"result":1,"text":"'DhcpDdns' parameter expected to be a map."}
          {"command":"config-test","arguments":{"DhcpDdns":{},"Dhcp4":{},"Logging":{}}} | {"result":1,"text":"'arguments' parameter contains unsupported 'Dhcp4' parameter (and 'Logging')"}
          {"command":"config-test","arguments":{"DhcpDdns":{}}} | {"result":0,"text":"Configuration check successful"}
          {"command":"config-test","arguments":{"DhcpDdns":{"port":0}}} | {"result":1,"text":"/DhcpDdns/port: port must be between 1 and 65535, got 0 (args:1:21)"}
          {"command":"config-set"}                            | {"result":1,"text":"Missing mandatory 'arguments' parameter."}
          {"command":"config-set","arguments":{"DhcpDdns":{"port":0}}} | {"result":1,"text":"/DhcpDdns/port: port must be between 1 and 65535, got 0 (args:1:21)"}
          {"command":"config-write"}                          | {"result":1,"text":"Unable to determine filename.Please specify filename explicitly."}
          {"command":"config-write","arguments":{"filename":1}} | {"result":1,"text":"passed parameter 'filename' is not a string"}
          {"command":"config-reload"}                         | {"result":1,"text":"no configuration file to read"}
          {"command":"statistic-get"}                         | {"result":1,"text":"Missing mandatory 'name' parameter."}
          {"command":"statistic-get","arguments":{"name":1}}  | {"result":1,"text":"'name' parameter expected to be a string."}
          {"command":"statistic-get","arguments":{"name":"nope"}} | {"arguments":{},"result":0}
          {"command":"statistic-reset","arguments":{"name":"nope"}} | {"result":1,"text":"No 'nope' statistic found"}
          {"command":"statistic-reset"}                       | {"result":1,"text":"Missing mandatory 'name' parameter."}
          """)
  void answersAsKea(String request, String answer) {
    assertThat(send(request)).isEqualTo(answer);
  }

  @Test
  void shutdown_defaultsToNormalAndExitZero_orTakesTypeAndExitValue() {
    assertThat(send("{\"command\":\"shutdown\"}"))
        .isEqualTo("{\"result\":0,\"text\":\"Shutdown initiated, type is: normal\"}");
    assertThat(
            send(
                "{\"command\":\"shutdown\",\"arguments\":{\"type\":\"drain_first\",\"exit-value\":7}}"))
        .isEqualTo("{\"result\":0,\"text\":\"Shutdown initiated, type is: drain_first\"}");
    send("{\"command\":\"shutdown\",\"arguments\":{\"type\":\"bogus\"}}");
    assertThat(target.calls).containsExactly("shutdown normal 0", "shutdown drain_first 7");
  }

  @Test
  void statistics_keaSampleFormat_resetAndResetAll() {
    stats.add(D2Stats.NCR_RECEIVED, 3);
    stats.declare("key[k1.].update-sent");
    assertThat(send("{\"command\":\"statistic-get\",\"arguments\":{\"name\":\"ncr-received\"}}"))
        .isEqualTo(
            "{\"arguments\":{\"ncr-received\":[[3,\"2026-11-27 20:13:28.807057\"]]},\"result\":0}");
    assertThat(send("{\"command\":\"statistic-get-all\"}"))
        .isEqualTo(
            "{\"arguments\":{\"key[k1.].update-sent\":[[0,\"2026-11-27 20:13:28.807057\"]],"
                + "\"ncr-received\":[[3,\"2026-11-27 20:13:28.807057\"]]},\"result\":0}");
    assertThat(send("{\"command\":\"statistic-reset\",\"arguments\":{\"name\":\"ncr-received\"}}"))
        .isEqualTo("{\"result\":0,\"text\":\"Statistic 'ncr-received' reset.\"}");
    assertThat(stats.value(D2Stats.NCR_RECEIVED)).isZero();
    stats.add(D2Stats.NCR_RECEIVED, 2);
    assertThat(send("{\"command\":\"statistic-reset-all\"}"))
        .isEqualTo("{\"result\":0,\"text\":\"All statistics reset to neutral values.\"}");
    assertThat(stats.snapshot()).containsOnlyKeys("key[k1.].update-sent", "ncr-received");
    assertThat(stats.value(D2Stats.NCR_RECEIVED)).isZero();
  }

  @Test
  void statisticTimes_arePrintedInTheClocksZone_asKeaPrintsLocalTime() {
    StatisticsView view = new StatisticsView(ZoneId.of("Europe/Berlin"));
    assertThat(view.toJson(java.util.Map.of("x", new Statistics.Sample(1, now))).toString())
        .isEqualTo("{\"x\":[[1,\"2026-11-27 21:13:28.807057\"]]}");
  }

  @Test
  void configGet_rendersTheConfigWithItsHash_andHashGetAgrees() throws Exception {
    JsonNode get = CommandRegistry.parse(send("{\"command\":\"config-get\"}"));
    assertThat(get.get("result").intValue()).isZero();
    // Kea 2.2's config-get: defaults filled in, members sorted, the secret shown as Kea shows it.
    assertThat(get.get("arguments").get("DhcpDdns").toString())
        .isEqualTo(
            "{\"dns-server-timeout\":500,\"forward-ddns\":{\"ddns-domains\":[]},"
                + "\"hooks-libraries\":[],\"ip-address\":\"127.0.0.1\",\"ncr-format\":\"JSON\","
                + "\"ncr-protocol\":\"UDP\",\"port\":53111,\"reverse-ddns\":{\"ddns-domains\":[]},"
                + "\"tsig-keys\":[{\"algorithm\":\"HMAC-SHA256\",\"digest-bits\":0,"
                + "\"name\":\"k1.\",\"secret\":\"LSWXnfkKZjdPJI5QxlpnfQ==\"}]}");
    String hash = get.get("arguments").get("hash").textValue();
    assertThat(hash).matches("[0-9A-F]{64}");
    assertThat(send("{\"command\":\"config-hash-get\"}"))
        .isEqualTo("{\"arguments\":{\"hash\":\"" + hash + "\"},\"result\":0}");
  }

  @Test
  void configSet_appliesAndAnswersWithTheNewHash_configTestAppliesNothing() {
    send("{\"command\":\"config-test\",\"arguments\":{\"DhcpDdns\":{\"port\":53222}}}");
    assertThat(target.calls).isEmpty();
    String answer =
        send("{\"command\":\"config-set\",\"arguments\":{\"DhcpDdns\":{\"port\":53222}}}");
    assertThat(target.calls).containsExactly("apply port=53222");
    assertThat(answer)
        .isEqualTo(
            "{\"arguments\":{\"hash\":\""
                + ConfigView.hash(target.config)
                + "\"},\"result\":0,\"text\":\"Configuration applied successfully.\"}");
  }

  @Test
  void configSet_listenerBindFailure_isResultOne() {
    target.applyFailure = new IOException("cannot bind 127.0.0.1:53222: Address already in use");
    assertThat(send("{\"command\":\"config-set\",\"arguments\":{\"DhcpDdns\":{\"port\":53222}}}"))
        .isEqualTo(
            "{\"result\":1,\"text\":\"cannot bind 127.0.0.1:53222: Address already in use\"}");
  }

  @Test
  void configWrite_defaultsToTheConfigFile_andReportsNameAndSize() throws Exception {
    Path file = dir.resolve("d2.json");
    target.file = Optional.of(file);
    String answer = send("{\"command\":\"config-write\"}");
    long size = Files.size(file);
    assertThat(answer)
        .isEqualTo(
            "{\"arguments\":{\"filename\":\""
                + file
                + "\",\"size\":"
                + size
                + "},\"result\":0,\"text\":\"Configuration written to "
                + file
                + " successful\"}");
    // config-write keeps the secret (a redacted file would not load again) and the defaults.
    JsonNode written = CommandRegistry.parse(Files.readString(file)).get("DhcpDdns");
    assertThat(written.get("tsig-keys").get(0).get("secret").textValue())
        .isEqualTo("LSWXnfkKZjdPJI5QxlpnfQ==");
    assertThat(written.get("port").intValue()).isEqualTo(53111);
    assertThat(written.get("dns-server-timeout").intValue()).isEqualTo(500);
  }

  @Test
  void configReload_readsTheFileAgain() throws Exception {
    Path file = dir.resolve("d2.json");
    Files.writeString(file, "{\"DhcpDdns\":{\"port\":53333}}");
    target.file = Optional.of(file);
    assertThat(send("{\"command\":\"config-reload\"}"))
        .startsWith("{\"arguments\":{\"hash\":")
        .endsWith("\"result\":0,\"text\":\"Configuration applied successfully.\"}");
    assertThat(target.calls).containsExactly("apply port=53333");
  }

  @Test
  void unparseableText_isReportedWithTheParsersMessage() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CommandRegistry.parse("garbage"))
        .isInstanceOf(CommandRegistry.RequestException.class)
        .hasMessage(
            "Unrecognized token 'garbage': was expecting (JSON String, Number, Array, Object or"
                + " token 'null', 'true' or 'false') at line 1, column 1");
  }
}
