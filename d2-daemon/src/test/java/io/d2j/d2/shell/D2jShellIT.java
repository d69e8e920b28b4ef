package io.d2j.d2.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.d2.runtime.D2Daemon;
import io.d2j.keacontrol.shell.D2jShell;
import io.d2j.testkit.Ports;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** d2j-shell against a running daemon's control socket: output and exit codes. */
class D2jShellIT {

  @TempDir Path dir;

  private D2Daemon daemon;
  private Path socket;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void startDaemon() throws Exception {
    Path file = dir.resolve("d2.json");
    Files.writeString(
        file,
        "{ \"DhcpDdns\": { \"port\": "
            + Ports.freeUdpPort()
            + ", \"control-socket\": { \"socket-type\": \"unix\", \"socket-name\": \"ctl\" } } }");
    daemon = D2Daemon.start(D2Daemon.load(file), Optional.of(file), dir, Clock.systemDefaultZone());
    socket = dir.resolve("ctl");
  }

  @AfterEach
  void stopDaemon() {
    daemon.close();
  }

  private int shell(String stdin, String... args) {
    return D2jShell.run(
        args,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void statisticGet_printsTheAnswerIndented_exitZero() {
    assertThat(
            shell("", "--socket", socket.toString(), "statistic-reset", "{\"name\":\"ncr-error\"}"))
        .isZero();
    assertThat(out())
        .isEqualTo("{\n  \"result\" : 0,\n  \"text\" : \"Statistic 'ncr-error' reset.\"\n}\n");
  }

  @Test
  void argumentsFromStdin_andFromAFile() throws Exception {
    assertThat(shell("{\"DhcpDdns\": {}}", "--socket", socket.toString(), "config-test", "-"))
        .isZero();
    assertThat(out()).contains("\"text\" : \"Configuration check successful\"");
    Path args = dir.resolve("args.json");
    Files.writeString(args, "{\"DhcpDdns\": {\"port\": 0}}");
    assertThat(
            shell("", "--socket", socket.toString(), "config-test", "--args-file", args.toString()))
        .isEqualTo(1);
    assertThat(out()).contains("\"result\" : 1");
  }

  @Test
  void unsupportedCommand_exitOne() {
    assertThat(shell("", "--socket", socket.toString(), "lease4-get")).isEqualTo(1);
    assertThat(out()).contains("\"text\" : \"'lease4-get' command not supported.\"");
  }

  @Test
  void shutdown_stopsTheDaemon() throws Exception {
    assertThat(shell("", "-s", socket.toString(), "shutdown", "{\"exit-value\": 4}")).isZero();
    assertThat(daemon.exitCode().get(10, TimeUnit.SECONDS)).isEqualTo(4);
  }

  @Test
  void noSocket_saysSo_exitOne() {
    Path nowhere = dir.resolve("nowhere");
    assertThat(shell("", "--socket", nowhere.toString(), "list-commands")).isEqualTo(1);
    assertThat(err())
        .isEqualTo(
            "d2j-shell: no control socket at "
                + nowhere
                + " (is the daemon running, and is this its control-socket socket-name?)\n");
  }

  @Test
  void usageErrors_exitTwo() {
    assertThat(shell("", "list-commands")).isEqualTo(2);
    assertThat(err()).startsWith("d2j-shell: --socket PATH is required\nusage: d2j-shell");
    err.reset();
    assertThat(shell("", "--socket", socket.toString(), "config-test", "{not json")).isEqualTo(2);
    assertThat(err()).startsWith("d2j-shell: the arguments are not JSON: ");
  }
}
