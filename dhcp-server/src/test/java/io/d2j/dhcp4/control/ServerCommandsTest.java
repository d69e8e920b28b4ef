package io.d2j.dhcp4.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.dhcp4.lease.InMemoryLeaseStore;
import io.d2j.keaconfig.KeaConfigReader;
import io.d2j.keacontrol.CommandRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** status-get as kea-dhcp4 2.2 answers it, with and without multi-threading. */
class ServerCommandsTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochSecond(1_800_000_000), ZoneOffset.UTC);

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          no multi-threading | | {"multi-threading-enabled":false,"pid":1,"reload":0,"sockets":{"status":"ready"},"uptime":0}
          multi-threading | "multi-threading": {"enable-multi-threading": true, "thread-pool-size": 4, "packet-queue-size": 16}, | {"multi-threading-enabled":true,"thread-pool-size":4,"packet-queue-size":16,"packet-queue-statistics":[2.5,1.25,0.5],"pid":1,"reload":0,"sockets":{"status":"ready"},"uptime":0}
          """)
  void statusGet_showsTheMultiThreadingSettings(String what, String mt, String arguments) {
    CommandRegistry registry = new CommandRegistry("kea-dhcp4");
    new ServerCommands(
            new TestTarget(
                Dhcp4ConfigParser.parse(
                    KeaConfigReader.parse(
                        "{\"Dhcp4\": {" + (mt == null ? "" : mt) + " \"valid-lifetime\": 60}}",
                        "kea.json"),
                    Path.of("/tmp")),
                new InMemoryLeaseStore(),
                new ArrayList<>(),
                CLOCK),
            CLOCK)
        .registerAll(registry);
    assertThat(registry.execute(CommandRegistry.parse("{\"command\": \"status-get\"}")).render())
        .isEqualTo("{\"arguments\":" + arguments + ",\"result\":0}");
  }
}
