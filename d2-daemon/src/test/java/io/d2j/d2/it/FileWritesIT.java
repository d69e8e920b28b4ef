package io.d2j.d2.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.d2j.d2.runtime.D2Daemon;
import io.d2j.keacontrol.files.FileAreas;
import io.d2j.testkit.FileWriteAttempts;
import io.d2j.testkit.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 item 1 on a running D2: the control channel writes (and reads) files only in the
 * directory each kind belongs in; every other attempt is answered with the path and the rule, and
 * nothing outside changes.
 */
class FileWritesIT {

  @TempDir Path tmp;

  private FileAreas areas;
  private Path config;
  private Path file;
  private D2Daemon d2;
  private ControlClient client;

  @BeforeEach
  void start() throws Exception {
    Path base = tmp.toRealPath();
    areas = FileAreas.under(base);
    config = Files.createDirectories(areas.configDir().orElseThrow());
    Files.createDirectories(areas.logDir());
    Files.createDirectories(areas.stateDir());
    Files.createDirectories(areas.socketDir());
    file = config.resolve("d2.json");
    Files.writeString(file, document(""));
    d2 = D2Daemon.start(D2Daemon.load(file), Optional.of(file), areas, Clock.systemUTC());
    client = new ControlClient(areas.socketDir().resolve("d2.sock"));
  }

  @AfterEach
  void stop() {
    if (d2 != null) {
      d2.close();
    }
  }

  /** A D2 configuration; {@code extra} is added to the DhcpDdns map. */
  private String document(String extra) {
    return """
        { "DhcpDdns": { "port": %d,
            "control-socket": { "socket-type": "unix", "socket-name": "%s" }%s } }
        """
        .formatted(Ports.freeUdpPort(), areas.socketDir().resolve("d2.sock"), extra);
  }

  private String setText(String extra) {
    String doc = document(extra);
    return client.command("config-set", doc.strip()).get("text").textValue();
  }

  @Test
  void configWrite_intoTheConfigurationDirectory_writesMode0640() throws Exception {
    JsonNode answer = client.command("config-write", "{\"filename\": \"copy.json\"}");
    Path copy = config.resolve("copy.json");
    assertThat(answer.get("text").textValue())
        .isEqualTo("Configuration written to " + copy + " successful");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)))
        .isEqualTo("rw-r-----");
    assertThat(D2Daemon.load(copy).port()).isEqualTo(d2.config().port());
    try (var files = Files.list(config)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("d2.json", "copy.json");
    }
  }

  @Test
  void configWrite_everyBypass_isRefusedWithThePathAndTheRule() throws Exception {
    FileWriteAttempts attempts = FileWriteAttempts.prepare(config, tmp);
    for (FileWriteAttempts.Attempt a : attempts.attempts()) {
      JsonNode answer = client.command("config-write", "{\"filename\": \"" + a.filename() + "\"}");
      assertThat(answer.get("result").intValue()).as(a.what()).isEqualTo(1);
      assertThat(answer.get("text").textValue())
          .as(a.what())
          .isEqualTo("config-write " + a.refusal());
      assertThat(attempts.victimIntact()).as(a.what()).isTrue();
    }
    assertThat(Files.isSymbolicLink(config.resolve("symlink.json"))).isTrue();
    assertThat(client.command("status-get").get("result").intValue()).isZero();
  }

  @Test
  void configSet_loggerOutputOutsideTheLogDirectory_isRefused_andNothingIsCreated() {
    Path outside = tmp.resolve("evil.log");
    String text =
        setText(
            ", \"loggers\": [ { \"name\": \"kea-dhcp-ddns\", \"output_options\": [ { \"output\": \""
                + outside
                + "\" } ] } ]");
    assertThat(text)
        .startsWith(
            "/DhcpDdns/loggers/0/output_options/0/output: '"
                + outside
                + "' refused: is outside the log directory "
                + areas.logDir()
                + " (D2J_LOG_DIR); a command may only name paths there (command arguments:");
    assertThat(Files.exists(outside)).isFalse();
    assertThat(
            setText(
                ", \"loggers\": [ { \"name\": \"kea-dhcp-ddns\", \"output_options\": [ {"
                    + " \"output\": \"stdout\" }, { \"output\": \""
                    + areas.logDir().resolve("d2.log")
                    + "\" } ] } ]"))
        .isEqualTo("Configuration applied successfully.");
  }

  @Test
  void configSet_secretFileOutsideTheConfigurationDirectory_isRefused() throws Exception {
    Path secret = Files.writeString(tmp.resolve("outside.key"), "LSWXnfkKZjdPJI5QxlpnfQ==");
    assertThat(
            setText(
                ", \"tsig-keys\": [ { \"name\": \"k.\", \"algorithm\": \"HMAC-SHA256\","
                    + " \"secret-file\": \""
                    + secret
                    + "\" } ]"))
        .startsWith(
            "/DhcpDdns/tsig-keys/0/secret-file: '"
                + secret
                + "' refused: is outside the configuration directory "
                + config
                + " (D2J_CONFIG_DIR)");
    Files.writeString(config.resolve("d2.key"), "LSWXnfkKZjdPJI5QxlpnfQ==");
    assertThat(
            setText(
                ", \"tsig-keys\": [ { \"name\": \"k.\", \"algorithm\": \"HMAC-SHA256\","
                    + " \"secret-file\": \"d2.key\" } ]"))
        .isEqualTo("Configuration applied successfully.");
  }

  @Test
  void configSet_journalAndSocketOutsideTheirDirectories_areRefused() {
    assertThat(
            setText(
                ", \"user-context\": { \"d2j\": { \"journal\": { \"path\": \""
                    + tmp.resolve("journal")
                    + "\" } } }"))
        .startsWith(
            "/DhcpDdns/user-context/d2j/journal/path: '"
                + tmp.resolve("journal")
                + "' refused: is outside the state directory "
                + areas.stateDir()
                + " (D2J_STATE_DIR)");
    String moved =
        document("").replace(areas.socketDir().resolve("d2.sock").toString(), "../d2.sock");
    assertThat(client.command("config-set", moved).get("text").textValue())
        .startsWith(
            "/DhcpDdns/control-socket/socket-name: '../d2.sock' refused: '..' is not allowed");
    assertThat(Files.exists(config.resolve("../d2.sock").normalize())).isFalse();
  }

  @Test
  void configSet_mayNotOpenTheControlSocketToOtherUsers() {
    String wide =
        document("")
            .replace(
                "\"socket-type\": \"unix\",",
                "\"socket-type\": \"unix\", \"user-context\": {\"d2j\": {\"socket-mode\":"
                    + " \"0666\"}},");
    assertThat(client.command("config-set", wide).get("text").textValue())
        .startsWith(
            "/DhcpDdns/control-socket/user-context/d2j/socket-mode: '0666' refused: a command may"
                + " not open the control socket to other users");
  }
}
