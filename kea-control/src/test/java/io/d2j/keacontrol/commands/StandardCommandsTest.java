package io.d2j.keacontrol.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.d2j.keaconfig.ConfigMap;
import io.d2j.keaconfig.KeaConfigReader;
import io.d2j.keacontrol.Answer;
import io.d2j.keacontrol.CommandRegistry;
import io.d2j.keacontrol.logging.TestLog;
import io.d2j.keacontrol.stats.Statistics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standard commands over a minimal daemon whose whole configuration is {@code {"Test": {"port":
 * N}}}: the flows both daemons share, worded by the dialect given.
 */
class StandardCommandsTest {

  /** The configuration of the test daemon. */
  record Conf(int port) {}

  private static final KeaDialect DIALECT =
      new KeaDialect(
          "Test",
          "Configuration looks fine.",
          others -> "Unsupported '" + String.join("', '", others) + "'.",
          "Configuration done.",
          "Reload failed: ",
          (file, e) -> "Cannot write " + file,
          new KeaDialect.LogIds(
              TestLog.TEST_CHECK_FAIL,
              TestLog.TEST_CONFIG_FAIL,
              TestLog.TEST_IGNORED,
              Optional.of(TestLog.TEST_RELOADING),
              Optional.of(TestLog.TEST_APPLIED)));

  @TempDir Path dir;

  private final Instant now = Instant.parse("2026-11-27T20:13:28.807057Z");
  private final Clock clock = Clock.fixed(now, ZoneOffset.UTC);
  private final Statistics stats = new Statistics(clock);
  private final FakeDaemon target = new FakeDaemon();
  private final CommandRegistry registry =
      StandardCommands.registerAll(
          new CommandRegistry("test-daemon"),
          target,
          DIALECT,
          stats,
          clock,
          new VersionInfo("1.2.3", "1.2.3\nmore", "version: 1.2.3\nreport"));

  private final class FakeDaemon implements DaemonTarget<Conf> {
    Conf config = new Conf(7);
    Optional<Path> file = Optional.empty();
    final List<String> calls = new ArrayList<>();
    IOException applyFailure;

    @Override
    public Conf config() {
      return config;
    }

    @Override
    public Optional<Path> configFile() {
      return file;
    }

    @Override
    public long pid() {
      return 99;
    }

    @Override
    public Instant startedAt() {
      return now.minusSeconds(100);
    }

    @Override
    public Instant configuredAt() {
      return now.minusSeconds(10);
    }

    @Override
    public Conf parse(JsonNode root) {
      ConfigMap test = KeaConfigReader.parse(root.toString(), "args").requireMap("Test");
      long port = test.optLong("port").orElse(1L);
      if (port < 1) {
        throw test.require("port").error("port must be positive, got " + port);
      }
      return new Conf((int) port);
    }

    @Override
    public Conf readConfigFile() throws IOException {
      if (file.isEmpty()) {
        throw new IOException("no -c file");
      }
      return parse(CommandRegistry.parse(Files.readString(file.get())));
    }

    @Override
    public void apply(Conf c) throws IOException {
      if (applyFailure != null) {
        throw applyFailure;
      }
      calls.add("apply " + c.port());
      config = c;
    }

    @Override
    public ObjectNode render(Conf c) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      out.putObject("Test").put("port", c.port());
      return out;
    }

    @Override
    public byte[] written(Conf c) {
      return (render(c) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Answer shutdown(JsonNode arguments, int exitValue) {
      calls.add("shutdown " + exitValue);
      return Answer.ok("Bye.");
    }

    @Override
    public void status(ObjectNode arguments) {
      arguments.put("multi-threading-enabled", false);
    }
  }

  private String send(String request) {
    return registry.execute(CommandRegistry.parse(request)).render();
  }

  @Test
  void listCommands_theStandardSet() {
    assertThat(send("{\"command\":\"list-commands\"}"))
        .isEqualTo(
            "{\"arguments\":[\"build-report\",\"config-get\",\"config-hash-get\",\"config-reload\","
                + "\"config-set\",\"config-test\",\"config-write\",\"list-commands\",\"shutdown\","
                + "\"statistic-get\",\"statistic-get-all\",\"statistic-reset\","
                + "\"statistic-reset-all\",\"status-get\",\"version-get\"],\"result\":0}");
  }

  @Test
  void statusGet_sharedMembersAndTheDaemonsOwn_sortedByName() {
    assertThat(send("{\"command\":\"status-get\"}"))
        .isEqualTo(
            "{\"arguments\":{\"multi-threading-enabled\":false,\"pid\":99,\"reload\":10,"
                + "\"uptime\":100},\"result\":0}");
  }

  @Test
  void versionAndBuildReport() {
    assertThat(send("{\"command\":\"version-get\"}"))
        .isEqualTo(
            "{\"arguments\":{\"extended\":\"1.2.3\\nmore\"},\"result\":0,\"text\":\"1.2.3\"}");
    assertThat(send("{\"command\":\"build-report\"}"))
        .isEqualTo("{\"result\":0,\"text\":\"version: 1.2.3\\nreport\"}");
  }

  @Test
  void shutdown_checksTheSharedArguments_thenTheDaemonAnswers() {
    assertThat(send("{\"command\":\"shutdown\",\"arguments\":[1]}"))
        .isEqualTo("{\"result\":1,\"text\":\"Argument must be a map\"}");
    assertThat(send("{\"command\":\"shutdown\",\"arguments\":{\"exit-value\":4}}"))
        .isEqualTo("{\"result\":0,\"text\":\"Bye.\"}");
    assertThat(target.calls).containsExactly("shutdown 4");
  }

  @Test
  void configTest_usesTheDialectsTexts() {
    assertThat(send("{\"command\":\"config-test\",\"arguments\":{\"Test\":{}}}"))
        .isEqualTo("{\"result\":0,\"text\":\"Configuration looks fine.\"}");
    assertThat(send("{\"command\":\"config-test\",\"arguments\":{\"Test\":{},\"A\":1,\"B\":2}}"))
        .isEqualTo("{\"result\":1,\"text\":\"Unsupported 'A', 'B'.\"}");
    assertThat(send("{\"command\":\"config-test\",\"arguments\":{}}"))
        .isEqualTo("{\"result\":1,\"text\":\"Missing mandatory 'Test' parameter.\"}");
    assertThat(send("{\"command\":\"config-test\",\"arguments\":{\"Test\":{\"port\":0}}}"))
        .isEqualTo(
            "{\"result\":1,\"text\":\"/Test/port: port must be positive, got 0 (args:1:17)\"}");
    assertThat(target.calls).isEmpty();
  }

  @Test
  void configSet_appliesAndAnswersWithTheHash_aFailedApplyIsResultOne() {
    String answer = send("{\"command\":\"config-set\",\"arguments\":{\"Test\":{\"port\":8}}}");
    assertThat(target.calls).containsExactly("apply 8");
    assertThat(answer)
        .isEqualTo(
            "{\"arguments\":{\"hash\":\""
                + StandardCommands.configHash(target.render(new Conf(8)))
                + "\"},\"result\":0,\"text\":\"Configuration done.\"}");
    target.applyFailure = new IOException("port 9 is taken");
    assertThat(send("{\"command\":\"config-set\",\"arguments\":{\"Test\":{\"port\":9}}}"))
        .isEqualTo("{\"result\":1,\"text\":\"port 9 is taken\"}");
    assertThat(target.config).isEqualTo(new Conf(8));
  }

  @Test
  void configGet_showsTheRenderingAndItsHash_asConfigHashGetDoes() {
    JsonNode get = CommandRegistry.parse(send("{\"command\":\"config-get\"}")).get("arguments");
    assertThat(get.get("Test").toString()).isEqualTo("{\"port\":7}");
    assertThat(get.get("hash").textValue())
        .matches("[0-9A-F]{64}")
        .isEqualTo(StandardCommands.configHash(target.render(new Conf(7))));
    assertThat(send("{\"command\":\"config-hash-get\"}"))
        .isEqualTo(
            "{\"arguments\":{\"hash\":\"" + get.get("hash").textValue() + "\"},\"result\":0}");
  }

  @Test
  void configReload_failures_carryTheDialectsPrefix() throws IOException {
    assertThat(send("{\"command\":\"config-reload\"}"))
        .isEqualTo("{\"result\":1,\"text\":\"Reload failed: no -c file\"}");
    Path file = dir.resolve("test.json");
    Files.writeString(file, "{\"Test\": {\"port\": 0}}");
    target.file = Optional.of(file);
    assertThat(send("{\"command\":\"config-reload\"}"))
        .startsWith("{\"result\":1,\"text\":\"Reload failed: /Test/port: port must be positive");
    Files.writeString(file, "{\"Test\": {\"port\": 12}}");
    assertThat(send("{\"command\":\"config-reload\"}"))
        .endsWith("\"result\":0,\"text\":\"Configuration done.\"}");
    assertThat(target.calls).containsExactly("apply 12");
  }

  @Test
  void configWrite_aRelativeName_isWrittenBesideTheConfigFile() throws IOException {
    target.file = Optional.of(dir.resolve("test.json"));
    String answer =
        send("{\"command\":\"config-write\",\"arguments\":{\"filename\":\"copy.json\"}}");
    Path copy = dir.resolve("copy.json");
    assertThat(answer)
        .isEqualTo(
            "{\"arguments\":{\"filename\":\""
                + copy
                + "\",\"size\":"
                + Files.size(copy)
                + "},\"result\":0,\"text\":\"Configuration written to "
                + copy
                + " successful\"}");
    assertThat(Files.readString(copy)).isEqualTo("{\"Test\":{\"port\":7}}\n");
    Path unwritable = dir.resolve("no-such-dir").resolve("x.json");
    assertThat(
            send(
                "{\"command\":\"config-write\",\"arguments\":{\"filename\":\""
                    + unwritable
                    + "\"}}"))
        .isEqualTo("{\"result\":1,\"text\":\"Cannot write " + unwritable + "\"}");
  }

  @Test
  void statistics_getResetAndResetAll() {
    stats.add("pkt4-received", 3);
    assertThat(send("{\"command\":\"statistic-get\",\"arguments\":{\"name\":\"pkt4-received\"}}"))
        .isEqualTo(
            "{\"arguments\":{\"pkt4-received\":[[3,\"2026-11-27 20:13:28.807057\"]]},\"result\":0}");
    assertThat(send("{\"command\":\"statistic-reset\",\"arguments\":{\"name\":\"pkt4-received\"}}"))
        .isEqualTo("{\"result\":0,\"text\":\"Statistic 'pkt4-received' reset.\"}");
    assertThat(stats.value("pkt4-received")).isZero();
    assertThat(send("{\"command\":\"statistic-reset-all\"}"))
        .isEqualTo("{\"result\":0,\"text\":\"All statistics reset to neutral values.\"}");
  }
}
