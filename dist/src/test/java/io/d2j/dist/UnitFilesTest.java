package io.d2j.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.d2.config.D2Defaults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What issue 14 asks of the two units, read from the files the package installs. */
class UnitFilesTest {

  private static UnitFile unit(String name) throws IOException {
    return UnitFile.read(Paths.packaging().resolve("systemd").resolve(name));
  }

  @ParameterizedTest
  @CsvSource({
    "d2j-dhcp-ddns.service, Type, notify",
    "d2j-dhcp-ddns.service, NotifyAccess, all",
    "d2j-dhcp-ddns.service, User, d2j",
    "d2j-dhcp-ddns.service, Restart, on-failure",
    "d2j-dhcp-ddns.service, ExecReload, /bin/kill -HUP $MAINPID",
    "d2j-dhcp-ddns.service, ExecStart, /usr/bin/d2j-dhcp-ddns -c /etc/d2j/d2j-dhcp-ddns.conf",
    "d2j-dhcp4.service, Type, notify",
    "d2j-dhcp4.service, NotifyAccess, all",
    "d2j-dhcp4.service, User, d2j",
    "d2j-dhcp4.service, Restart, on-failure",
    "d2j-dhcp4.service, ExecReload, /bin/kill -HUP $MAINPID",
    "d2j-dhcp4.service, ExecStart, /usr/bin/d2j-dhcp4 -c /etc/d2j/d2j-dhcp4.conf",
  })
  void service_hasTheSetting(String file, String key, String expected) throws IOException {
    assertThat(unit(file).value("Service", key)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"d2j-dhcp-ddns.service", "d2j-dhcp4.service"})
  void service_isHardened(String file) throws IOException {
    UnitFile unit = unit(file);
    for (String[] setting :
        new String[][] {
          {"StateDirectory", "d2j"},
          {"RuntimeDirectory", "d2j"},
          // Both daemons' sockets live in /run/d2j: one stopping must not remove the other's.
          {"RuntimeDirectoryPreserve", "yes"},
          {"LogsDirectory", "d2j"},
          {"ProtectSystem", "strict"},
          {"ProtectHome", "yes"},
          {"PrivateTmp", "yes"},
          {"NoNewPrivileges", "yes"},
          {"PrivateDevices", "yes"},
          {"SystemCallArchitectures", "native"},
        }) {
      assertThat(unit.value("Service", setting[0]))
          .as(file + " " + setting[0])
          .isEqualTo(setting[1]);
    }
    // The JIT needs writable and executable memory: MemoryDenyWriteExecute would kill the JVM.
    assertThat(unit.values("Service", "MemoryDenyWriteExecute")).isEmpty();
  }

  @Test
  void d2_hasNoCapabilities_dhcp4_bindsLowPortsAndRawSockets() throws IOException {
    assertThat(unit("d2j-dhcp-ddns.service").words("Service", "CapabilityBoundingSet")).isEmpty();
    assertThat(unit("d2j-dhcp-ddns.service").words("Service", "AmbientCapabilities")).isEmpty();
    List<String> dhcp4 = List.of("CAP_NET_BIND_SERVICE", "CAP_NET_RAW");
    assertThat(unit("d2j-dhcp4.service").words("Service", "CapabilityBoundingSet"))
        .containsExactlyInAnyOrderElementsOf(dhcp4);
    assertThat(unit("d2j-dhcp4.service").words("Service", "AmbientCapabilities"))
        .containsExactlyInAnyOrderElementsOf(dhcp4);
  }

  @Test
  void ordering_namedThenD2ThenDhcp4() throws IOException {
    assertThat(unit("d2j-dhcp-ddns.service").words("Unit", "After")).contains("named.service");
    assertThat(unit("d2j-dhcp4.service").words("Unit", "After"))
        .contains("d2j-dhcp-ddns.service", "named.service");
    assertThat(unit("d2j-dhcp4.service").words("Unit", "Wants")).contains("d2j-dhcp-ddns.service");
  }

  @Test
  void sysctlDropIn_grantsTheD2sDefaultReceiveBuffer() throws IOException {
    Path dropIn = Paths.packaging().resolve("systemd/sysctl.d/60-d2j.conf");
    long rmemMax =
        Files.readAllLines(dropIn).stream()
            .map(String::strip)
            .filter(l -> l.startsWith("net.core.rmem_max"))
            .map(l -> Long.parseLong(l.substring(l.indexOf('=') + 1).strip()))
            .reduce((a, b) -> b)
            .orElseThrow(() -> new AssertionError(dropIn + " sets no net.core.rmem_max"));
    // The kernel caps SO_RCVBUF at rmem_max: below the D2's default its NCR socket gets less.
    assertThat(rmemMax).isGreaterThanOrEqualTo(D2Defaults.D2J_RECEIVE_BUFFER_BYTES);
  }

  @Test
  void sysusers_createsTheD2jSystemUser() throws IOException {
    assertThat(Files.readAllLines(Paths.packaging().resolve("systemd/sysusers.d/d2j.conf")))
        .filteredOn(l -> !l.startsWith("#"))
        .singleElement()
        .asString()
        .startsWith("u d2j - ");
  }
}
