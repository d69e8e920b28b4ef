package io.d2j.migrate.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.d2j.migrate.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dhcpd.conf Debian's isc-dhcp-server installs, read from the installed package at test time
 * (it is not the project's to copy): it converts without error, and the report lists what was not
 * converted. {@code CorpusPeersIT} has kea-dhcp4 check the result.
 */
class DebianExampleTest {
  /** The package's pristine example first: /etc/dhcp/dhcpd.conf may have been edited locally. */
  static final List<Path> LOCATIONS =
      List.of(
          Path.of("/usr/share/doc/isc-dhcp-server/examples/dhcpd.conf.example"),
          Path.of("/etc/dhcp/dhcpd.conf"));

  @TempDir Path tmp;

  static Optional<Path> example() {
    return LOCATIONS.stream().filter(Files::isReadable).findFirst();
  }

  /** Converts the example to {@code out}; the exit status and stderr. */
  static Stream<String> convert(Path example, Path out, ByteArrayOutputStream err) {
    int exit =
        Main.run(
            new String[] {"-4", "-i", example.toString(), "-o", out.toString()},
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Path.of("/"),
            name -> List.of());
    return Stream.of(Integer.toString(exit), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void debiansExample_convertsWithoutError_andReportsWhatIsLeft() throws Exception {
    Optional<Path> example = example();
    assumeTrue(
        example.isPresent(),
        "isc-dhcp-server's example dhcpd.conf is not installed (apt-get install isc-dhcp-server)");
    Path out = tmp.resolve("kea.json");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> r = convert(example.get(), out, err).toList();
    int exit = Integer.parseInt(r.get(0));
    String report = r.get(1);
    assertThat(exit).as(report).isBetween(1, 254);
    assertThat(report)
        .contains(
            "line 8: not converted: option domain-name-servers ns1.example.org, ns2.example.org:")
        .contains(exit + " not converted");
    String kea = Files.readString(out);
    assertThat(kea)
        .contains("\"name\": \"domain-name\"")
        .contains("\"valid-lifetime\": 600")
        .contains("\"max-valid-lifetime\": 7200")
        .contains("#subnet 10.5.5.0 netmask 255.255.255.224 {");
    DaemonChecks.dhcp4("debian dhcpd.conf", out);
  }
}
