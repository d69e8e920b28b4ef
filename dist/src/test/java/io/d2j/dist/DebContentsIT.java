package io.d2j.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the built package holds, read with dpkg-deb (no installation). */
class DebContentsIT {

  private static String deb;
  private static Set<String> files;

  @BeforeAll
  static void read() throws IOException {
    assumeTrue(Exec.which("dpkg-deb").isPresent(), "dpkg-deb not installed (Debian package dpkg)");
    deb = DebFile.find().toString();
    files =
        Arrays.stream(
                Exec.run(Duration.ofSeconds(60), "dpkg-deb", "--contents", deb)
                    .requireSuccess()
                    .output()
                    .split("\n"))
            .map(l -> l.substring(l.indexOf("./") + 1).replaceAll(" -> .*", ""))
            .collect(Collectors.toSet());
  }

  private static String extract(String path) {
    return Exec.run(
            Duration.ofSeconds(60),
            "sh",
            "-c",
            "dpkg-deb --fsys-tarfile \"$0\" | tar -xOf - \"$1\"",
            deb,
            "." + path)
        .requireSuccess()
        .output();
  }

  @ParameterizedTest
  @ValueSource(strings = {"d2j-dhcp-ddns", "d2j-dhcp4", "d2j-shell", "d2j-ncr"})
  void everyJarOfEachClassPathIsInThePackage(String program) {
    List<String> classpath = List.of(extract("/usr/share/d2j/classpath/" + program).split(":"));

    assertThat(classpath).isNotEmpty().allMatch(j -> j.startsWith("/usr/share/d2j/lib/"));
    assertThat(files).containsAll(classpath);
    assertThat(files).contains("/usr/bin/" + program);
  }

  @Test
  void eachDaemonsClassPathHoldsOnlyItsOwnProgram() {
    // Both daemon jars carry their default logging (a Logback configurator service, a logback.xml):
    // one class path with both would log by the wrong one.
    assertThat(extract("/usr/share/d2j/classpath/d2j-dhcp-ddns"))
        .contains("/d2-daemon-")
        .doesNotContain("/dhcp-server-");
    assertThat(extract("/usr/share/d2j/classpath/d2j-dhcp4"))
        .contains("/dhcp-server-")
        .doesNotContain("/d2-daemon-");
  }

  @Test
  void installsUnitsDropInsConfigsAndLauncher() {
    assertThat(files)
        .contains(
            "/lib/systemd/system/d2j-dhcp-ddns.service",
            "/lib/systemd/system/d2j-dhcp4.service",
            "/usr/lib/sysctl.d/60-d2j.conf",
            "/usr/lib/sysusers.d/d2j.conf",
            "/etc/d2j/d2j-dhcp-ddns.conf",
            "/etc/d2j/d2j-dhcp4.conf",
            "/usr/share/d2j/d2j-run",
            "/usr/share/d2j/d2j-cds-archives",
            "/var/cache/d2j/");
  }

  @Test
  void control_dependsOnAJava17Runtime_configsAreConffiles() {
    String control =
        Exec.run(Duration.ofSeconds(60), "dpkg-deb", "--field", deb, "Package", "Depends")
            .requireSuccess()
            .output();
    assertThat(control)
        .contains("Package: d2j")
        .contains("Depends: openjdk-17-jre-headless | java17-runtime-headless");
    String conffiles =
        Exec.run(
                Duration.ofSeconds(60),
                "sh",
                "-c",
                "dpkg-deb --ctrl-tarfile \"$0\" | tar -xOf - ./conffiles",
                deb)
            .requireSuccess()
            .output();
    assertThat(conffiles.lines())
        .containsExactlyInAnyOrder("/etc/d2j/d2j-dhcp-ddns.conf", "/etc/d2j/d2j-dhcp4.conf");
  }
}
