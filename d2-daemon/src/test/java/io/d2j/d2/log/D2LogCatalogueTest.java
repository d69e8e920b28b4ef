package io.d2j.d2.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.d2j.keacontrol.logging.LogCatalogue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * docs/log-messages.md and {@link D2Log} agree: every line D2 can log has its row (id, level,
 * logger), every id in D2's part of the catalogue is a line the code has, and every line is logged
 * somewhere.
 */
class D2LogCatalogueTest {

  private static final Path CATALOGUE =
      Path.of(System.getProperty("d2j.root", "..")).resolve("docs/log-messages.md");

  /**
   * Ids in D2's part that are not D2Log's: kea-control's control channel logs these under {@code
   * kea-dhcp-ddns.commands}; the last three are named inside a DHCP_DDNS_CONFIG_WARNING line.
   */
  private static final Set<String> NOT_D2_LINES =
      Set.of(
          "COMMAND_ACCEPTOR_START",
          "COMMAND_ACCEPTOR_STOP",
          "COMMAND_ACCEPTOR_FAIL",
          "COMMAND_SOCKET_STALE",
          "COMMAND_SOCKET_REMOVE_FAIL",
          "COMMAND_RECEIVED",
          "COMMAND_PROCESS_ERROR1",
          "COMMAND_PROCESS_ERROR2",
          "COMMAND_SOCKET_CONNECTION_TIMEOUT",
          "COMMAND_SOCKET_WRITE_FAIL",
          "COMMAND_SOCKET_CONNECTION_REJECTED",
          "LOG_BAD_SEVERITY",
          "DHCP_DDNS_LISTENING_ON_ALL_INTERFACES",
          "DHCP_DDNS_NOT_ON_LOOPBACK",
          // kea-control's /metrics listener, under kea-dhcp-ddns.metrics
          "METRICS_LISTENER_STARTED",
          "METRICS_LISTENER_STOPPED",
          "METRICS_LISTENER_FAILED");

  @Test
  void theCatalogueAndTheCode_nameTheSameLines() throws Exception {
    LogCatalogue catalogue = LogCatalogue.read(CATALOGUE, "", "## dhcp-server");
    assertThat(catalogue.rows()).hasSizeGreaterThan(40);
    assertThat(catalogue.check(EnumSet.allOf(D2Log.class), NOT_D2_LINES)).isEmpty();
  }

  @Test
  void everyLine_isLoggedBySomeCode() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.d2j.d2");
    JavaClass log = classes.get(D2Log.class);
    List<String> unused = new ArrayList<>();
    for (D2Log line : D2Log.values()) {
      boolean used =
          log.getField(line.name()).getAccessesToSelf().stream()
              .anyMatch(a -> !a.getOriginOwner().equals(log));
      if (!used) {
        unused.add(line.name());
      }
    }
    assertThat(unused).isEmpty();
  }
}
