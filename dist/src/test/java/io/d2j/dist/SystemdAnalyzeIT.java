package io.d2j.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code systemd-analyze verify} and {@code security} on the two units, offline: no running systemd
 * is needed, only the systemd package's tools and its unit files (for the targets the units name).
 */
@Timeout(120)
class SystemdAnalyzeIT {

  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final Path SYSTEM_UNITS = Path.of("/lib/systemd/system");
  private static final Pattern EXPOSURE =
      Pattern.compile("Overall exposure level for \\S+: (\\d+\\.\\d+)");

  @TempDir static Path root;

  @BeforeAll
  static void needsSystemdAnalyze() throws IOException {
    assumeTrue(
        Exec.which("systemd-analyze").isPresent(),
        "systemd-analyze not installed (Debian package systemd)");
    assumeTrue(
        Files.exists(SYSTEM_UNITS.resolve("sysinit.target")),
        "no systemd unit files in " + SYSTEM_UNITS + " (Debian package systemd)");
    // The root systemd-analyze reads: the distribution's units, ours, and the programs they run.
    Path units = root.resolve("lib/systemd/system");
    Files.createDirectories(units);
    try (Stream<Path> files = Files.list(SYSTEM_UNITS)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
          Files.copy(f, units.resolve(f.getFileName()));
        }
      }
    }
    for (String name : new String[] {"d2j-dhcp-ddns.service", "d2j-dhcp4.service"}) {
      Files.copy(
          Paths.packaging().resolve("systemd").resolve(name),
          units.resolve(name),
          StandardCopyOption.REPLACE_EXISTING);
    }
    for (String program : new String[] {"usr/bin/d2j-dhcp-ddns", "usr/bin/d2j-dhcp4"}) {
      executable(root.resolve(program), "#!/bin/sh\n");
    }
    Files.createDirectories(root.resolve("bin"));
    Files.copy(Path.of("/bin/kill"), root.resolve("bin/kill"));
  }

  private static void executable(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static Exec.Result verify(String unit) {
    return Exec.run(
        LIMIT, "systemd-analyze", "--root=" + root, "verify", "/lib/systemd/system/" + unit);
  }

  @ParameterizedTest
  @CsvSource({"d2j-dhcp-ddns.service", "d2j-dhcp4.service"})
  void verify_reportsNothing(String unit) {
    Exec.Result result = verify(unit);

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).isEmpty();
  }

  @Test
  void verify_namesAMistake() throws IOException {
    // The check above can fail: a misspelt key is reported (as a warning, exit code still 0).
    Path broken = root.resolve("lib/systemd/system/d2j-broken.service");
    Files.writeString(
        broken,
        Files.readString(Paths.packaging().resolve("systemd/d2j-dhcp-ddns.service"))
            .replace("NoNewPrivileges=yes", "NoNewPrivilege=yes"));

    assertThat(verify("d2j-broken.service").output())
        .contains("Unknown key 'NoNewPrivilege' in section [Service]");
  }

  /**
   * The exposure scores in the README (0 is best, 10 worst). The JVM keeps both from the lowest
   * band: its JIT needs writable executable memory, and dhcp4 keeps two capabilities.
   */
  @ParameterizedTest
  @CsvSource({"d2j-dhcp-ddns.service, 1.4", "d2j-dhcp4.service, 2.0"})
  void security_exposureAtMost(String unit, double documented) {
    Exec.Result result =
        Exec.run(
                LIMIT,
                "systemd-analyze",
                "security",
                "--offline=true",
                "--no-pager",
                Paths.packaging().resolve("systemd").resolve(unit).toString())
            .requireSuccess();

    Matcher m = EXPOSURE.matcher(result.output());
    assertThat(m.find()).as(result.output()).isTrue();
    assertThat(Double.parseDouble(m.group(1))).as(result.output()).isLessThanOrEqualTo(documented);
  }
}
