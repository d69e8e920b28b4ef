package io.d2j.keacontrol.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FileAreasTest {

  @Test
  void defaults_areThePackagedDirectories_andTheConfigFilesDirectory() {
    FileAreas a = FileAreas.fromEnvironment(Map.of(), Optional.of(Path.of("/etc/d2j/d2.conf")));
    assertThat(a)
        .isEqualTo(
            new FileAreas(
                Optional.of(Path.of("/etc/d2j")),
                Path.of("/var/log/d2j"),
                Path.of("/var/lib/d2j"),
                Path.of("/run/d2j")));
  }

  @Test
  void theEnvironment_movesEachArea_blankMeansUnset() {
    FileAreas a =
        FileAreas.fromEnvironment(
            Map.of(
                "D2J_CONFIG_DIR", "/srv/cfg",
                "D2J_LOG_DIR", "/srv/log",
                "D2J_STATE_DIR", " ",
                "D2J_SOCKET_DIR", "/srv/run/../sock"),
            Optional.of(Path.of("/etc/d2j/d2.conf")));
    assertThat(a.configDir()).contains(Path.of("/srv/cfg"));
    assertThat(a.logDir()).isEqualTo(Path.of("/srv/log"));
    assertThat(a.stateDir()).isEqualTo(Path.of("/var/lib/d2j"));
    assertThat(a.socketDir()).isEqualTo(Path.of("/srv/sock"));
  }

  @Test
  void withoutConfigFileOrVariable_thereIsNoConfigurationDirectory() {
    assertThat(FileAreas.fromEnvironment(Map.of(), Optional.empty()).configDir()).isEmpty();
  }
}
