package io.d2j.migrate.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corpus against the real programs (spec §7.5): every working input is real dhcpd syntax
 * ({@code dhcpd -t -cf}, ISC DHCP 4.4.3), every expected Kea configuration passes {@code kea-dhcp4
 * -t} / {@code kea-dhcp6 -t} 2.2 and every expected DhcpDdns configuration {@code kea-dhcp-ddns -t}
 * 2.2, without a warning. {@code CorpusTest} proves the converter writes exactly these files. Each
 * program missing from the machine skips its checks with the reason.
 */
class CorpusPeersIT {
  @TempDir Path tmp;

  static Optional<Path> program(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator, -1)) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    for (String dir : List.of("/usr/sbin", "/sbin")) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Runs a program to completion: exit status and the merged output. */
  static Result exec(Path workingDir, List<String> command)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command)
            .directory(workingDir.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.getInputStream().transferTo(out);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(command + " did not finish in 60 s");
    }
    return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8));
  }

  record Result(int exit, String output) {}

  private static Path require(String name, String packageName) {
    Optional<Path> p = program(name);
    assumeTrue(p.isPresent(), name + " is not installed (apt-get install " + packageName + ")");
    return p.get();
  }

  @TestFactory
  Stream<DynamicTest> everyWorkingInput_isAcceptedByDhcpd() {
    return CorpusCase.all().stream()
        .filter(c -> !c.isError())
        .map(c -> DynamicTest.dynamicTest(c.toString(), () -> dhcpdAccepts(c)));
  }

  private void dhcpdAccepts(CorpusCase c) throws Exception {
    Path dhcpd = require("dhcpd", "isc-dhcp-server");
    List<String> cmd = new ArrayList<>(List.of(dhcpd.toString()));
    if (c.v6()) {
      cmd.add("-6");
    }
    cmd.addAll(List.of("-t", "-cf", c.input().getFileName().toString()));
    Result r = exec(c.input().getParent(), cmd);
    assertThat(r.exit()).as("dhcpd -t on %s:%n%s", c, r.output()).isZero();
    Path expected = c.sibling("dhcpd");
    List<String> allowed = Files.exists(expected) ? Files.readAllLines(expected) : List.of();
    for (String line : r.output().split("\n", -1)) {
      if (line.matches(".*(Unable to|line \\d+:|not supported|error).*")) {
        assertThat(allowed)
            .as("dhcpd -t on %s says: %s (not in %s)", c, line, expected.getFileName())
            .contains(line);
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> everyExpectedOutput_isAcceptedByKea() {
    return CorpusCase.all().stream()
        .filter(c -> !c.isError())
        .map(c -> DynamicTest.dynamicTest(c.toString(), () -> keaAccepts(c)));
  }

  private void keaAccepts(CorpusCase c) throws Exception {
    String server = c.v6() ? "kea-dhcp6" : "kea-dhcp4";
    Path kea = require(server, c.v6() ? "kea-dhcp6-server" : "kea-dhcp4-server");
    List<String> args = c.runs().get(0);
    if (args.contains("--target") && !args.contains("2.2")) {
      // Written for a newer Kea than the installed 2.2: Kea 2.2 checks the same input converted
      // for 2.2 instead (CorpusTest pins the newer output).
      List<String> for22 = new ArrayList<>(args);
      for22.set(for22.indexOf("--target") + 1, "2.2");
      CorpusRun run = CorpusRun.of(c, for22, tmp);
      assertThat(run.exit()).as(run.stderr()).isLessThan(255);
      Path out = tmp.resolve(c.stem() + ".for22.json");
      Files.writeString(out, run.stdout());
      keaCheck(kea, out, c + " converted with --target 2.2");
      if (run.d2().isPresent()) {
        Path d2 = tmp.resolve(c.stem() + ".for22.d2.json");
        Files.writeString(d2, run.d2().get());
        keaCheck(require("kea-dhcp-ddns", "kea-dhcp-ddns-server"), d2, c + " (DhcpDdns)");
      }
      return;
    }
    keaCheck(kea, c.sibling("out"), c.toString());
    if (Files.exists(c.sibling("d2"))) {
      Path d2 = require("kea-dhcp-ddns", "kea-dhcp-ddns-server");
      keaCheck(d2, c.sibling("d2"), c + " (DhcpDdns)");
    }
  }

  /** {@code kea-* -t FILE}: exit 0, and no warning (deprecated keys are warnings in Kea 2.2). */
  static void keaCheck(Path kea, Path file, String what) throws Exception {
    Result r =
        exec(
            file.toAbsolutePath().getParent(),
            List.of(kea.toString(), "-t", file.toAbsolutePath().toString()));
    assertThat(r.exit()).as("%s -t on %s:%n%s", kea.getFileName(), what, r.output()).isZero();
    assertThat(r.output())
        .as("%s -t on %s", kea.getFileName(), what)
        .doesNotContain(" WARN ")
        .doesNotContain(" ERROR ");
  }

  @Test
  void debiansExample_convertedOutput_isAcceptedByKea() throws Exception {
    Optional<Path> example = DebianExampleTest.example();
    assumeTrue(example.isPresent(), "isc-dhcp-server's example dhcpd.conf is not installed");
    Path kea = require("kea-dhcp4", "kea-dhcp4-server");
    Path out = tmp.resolve("debian.json");
    List<String> r =
        DebianExampleTest.convert(example.get(), out, new ByteArrayOutputStream()).toList();
    assertThat(Integer.parseInt(r.get(0))).as(r.get(1)).isLessThan(255);
    keaCheck(kea, out, "the converted Debian example");
  }
}
