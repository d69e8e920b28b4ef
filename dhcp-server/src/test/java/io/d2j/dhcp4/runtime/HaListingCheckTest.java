package io.d2j.dhcp4.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.dhcp4.ha.HaMode;
import io.d2j.dhcp4.lease.LeaseEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load-balancing pair file as Kea operators write it (test resource {@code ha/ha-listing.json},
 * a copy of the shared spec data) passes {@code d2j-dhcp4 -t} once its placeholders are filled; a
 * server is not started from it while HA does not run.
 */
class HaListingCheckTest {

  @TempDir Path dir;

  private Path listing(String... replacements) throws IOException {
    String text;
    try (var in = getClass().getResourceAsStream("/ha/ha-listing.json")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    text =
        text.replace("@LEASES@", dir.resolve("leases4.csv").toString())
            .replace("@HOOKS@", "/usr/lib/x86_64-linux-gnu/kea/hooks")
            .replace("@PORT1@", "8001")
            .replace("@PORT2@", "8002");
    for (int i = 0; i < replacements.length; i += 2) {
      assertThat(text).contains(replacements[i]);
      text = text.replace(replacements[i], replacements[i + 1]);
    }
    return Files.writeString(dir.resolve("kea-dhcp4.conf"), text);
  }

  private record Run(int code, String out, String err) {}

  private static Run check(Path file) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int code =
        Main.run(
            new String[] {"-t", file.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void haListing_passesTheCheck() throws IOException {
    Run run = check(listing());
    assertThat(run.code()).as(run.err()).isZero();
    Dhcp4Config config = Dhcp4ConfigParser.read(listing());
    assertThat(config.highAvailability().orElseThrow().mode()).isEqualTo(HaMode.LOAD_BALANCING);
    assertThat(config.warnings()).isEmpty();
  }

  @Test
  void haListingWithAHostName_failsTheCheckNamingTheUrl() throws IOException {
    Run run = check(listing("http://127.0.0.1:8002/", "http://server2.example.org:8002/"));
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out() + run.err())
        .isEqualTo(
            "DHCP4_CONFIG_LOAD_FAIL /Dhcp4/hooks-libraries/1/parameters/high-availability/0/peers/1/url:"
                + " 'http://server2.example.org:8002/': 'server2.example.org' is not an IP address"
                + " literal (host names are not accepted; IPv6 goes in []) ("
                + dir.resolve("kea-dhcp4.conf")
                + ":27:14)\n");
  }

  @Test
  void haConfiguration_withoutTheDaemonsCommands_isRefused() throws IOException {
    Dhcp4Config config = Dhcp4ConfigParser.read(listing());
    assertThatThrownBy(
            () ->
                Dhcp4Server.start(
                    config,
                    new Dhcp4Server.Ports(0, OptionalInt.empty()),
                    LeaseEvents.NONE,
                    Clock.systemUTC()))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "the configuration enables High Availability (libdhcp_ha.so), which needs the daemon's"
                + " command registry for its peer listener (start d2j-dhcp4, not an embedded"
                + " server)");
    assertThat(dir.resolve("leases4.csv")).doesNotExist();
  }
}
