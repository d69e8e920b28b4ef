package io.d2j.keacontrol.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.keaconfig.ConfigException;
import io.d2j.keaconfig.ConfigMap;
import io.d2j.keaconfig.KeaConfigReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathGuardTest {

  @TempDir Path tmp;

  private FileAreas areas;
  private Path config;

  @BeforeEach
  void areas() throws Exception {
    areas = FileAreas.under(tmp.toRealPath());
    config = Files.createDirectories(areas.configDir().orElseThrow());
    Files.createDirectories(areas.logDir());
  }

  private static ConfigMap output(String doc) {
    ConfigMap logger =
        (ConfigMap)
            KeaConfigReader.parse(doc, "args").requireMap("DhcpDdns").requireList("loggers").get(0);
    return (ConfigMap) logger.requireList("output_options").get(0);
  }

  private static String doc(String output) {
    return "{\"DhcpDdns\": {\"loggers\": [{\"name\": \"kea-dhcp-ddns\", \"output_options\":"
        + " [{\"output\": \""
        + output
        + "\"}]}]}}";
  }

  private static ConfigMap active(String output) {
    return KeaConfigReader.parse(doc(output), "d2.conf").requireMap("DhcpDdns");
  }

  @Test
  void trusted_admitsAnyPath_resolvedAgainstTheBase() {
    assertThat(
            PathGuard.TRUSTED.admit(
                output(doc("/etc/x.log")), "output", config, FileArea.LOG, PathKind.WRITE_FILE))
        .isEqualTo(Path.of("/etc/x.log"));
    assertThat(
            PathGuard.TRUSTED.admit(
                output(doc("x.log")), "output", config, FileArea.LOG, PathKind.WRITE_FILE))
        .isEqualTo(config.resolve("x.log"));
  }

  @Test
  void aCommandsPathOutsideItsArea_isAConfigError_atTheMember() {
    PathGuard guard = PathGuard.forCommand(areas, active("stdout"));
    assertThatThrownBy(
            () ->
                guard.admit(
                    output(doc("/etc/x.log")), "output", config, FileArea.LOG, PathKind.WRITE_FILE))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "/DhcpDdns/loggers/0/output_options/0/output: '/etc/x.log' refused: is outside the log"
                + " directory "
                + areas.logDir()
                + " (D2J_LOG_DIR); a command may only name paths there (args:1:83)");
  }

  @Test
  void aCommandsPathInsideItsArea_isAdmitted() {
    PathGuard guard = PathGuard.forCommand(areas, active("stdout"));
    String inside = areas.logDir().resolve("d2.log").toString();
    assertThat(
            guard.admit(output(doc(inside)), "output", config, FileArea.LOG, PathKind.WRITE_FILE))
        .isEqualTo(areas.logDir().resolve("d2.log"));
  }

  @Test
  void theActiveConfigurationsOwnPath_atTheSamePlace_isAdmittedAgain() {
    PathGuard guard = PathGuard.forCommand(areas, active("/var/log/kea/kea-ddns.log"));
    assertThat(
            guard.admit(
                output(doc("/var/log/kea/kea-ddns.log")),
                "output",
                config,
                FileArea.LOG,
                PathKind.WRITE_FILE))
        .isEqualTo(Path.of("/var/log/kea/kea-ddns.log"));
    assertThatThrownBy(
            () ->
                guard.admit(
                    output(doc("/var/log/kea/other.log")),
                    "output",
                    config,
                    FileArea.LOG,
                    PathKind.WRITE_FILE))
        .hasMessageContaining("'/var/log/kea/other.log' refused: is outside the log directory");
  }

  @Test
  void aCommand_mayNotOpenTheControlSocketToOtherUsers() {
    ConfigMap socket = KeaConfigReader.parse("{\"socket-mode\": \"0666\"}", "args");
    PathGuard guard = PathGuard.forCommand(areas, active("stdout"));
    assertThatThrownBy(() -> guard.admitSocketMode(socket, "socket-mode", 0666))
        .hasMessage(
            "/socket-mode: '0666' refused: a command may not open the control socket to other"
                + " users (the last digit must be 0) (args:1:17)");
    assertThat(guard.admitSocketMode(socket, "socket-mode", 0660)).isEqualTo(0660);
    assertThat(PathGuard.TRUSTED.admitSocketMode(socket, "socket-mode", 0666)).isEqualTo(0666);
  }

  @Test
  void logStreams_areNotFiles() {
    assertThat(PathGuard.isLogStream("stdout")).isTrue();
    assertThat(PathGuard.isLogStream("stderr")).isTrue();
    assertThat(PathGuard.isLogStream("syslog")).isTrue();
    assertThat(PathGuard.isLogStream("syslog:local0")).isTrue();
    assertThat(PathGuard.isLogStream("stdout.log")).isFalse();
  }
}
