package io.d2j.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The D2's class path as one jar (issue 14): both launchers, the installed {@code d2j-run} and the
 * checkout's {@code bin/d2j-dhcp-ddns}, start from the jar the CDS trainer made of the class path
 * while it is newer than every jar it was made of, from the jars otherwise or with {@code
 * D2J_CDS=off}, and write it with {@code D2J_JAR_DUMP}. A stub {@code java} prints its arguments.
 */
class LauncherClassPathTest {

  private static final Instant BUILT = Instant.parse("2026-12-01T00:00:00Z");

  @TempDir Path dir;

  /** The jars of the class path, the one jar's place, and how to run the launcher. */
  private record Setup(
      List<Path> jars, Path oneJar, Path archive, List<String> command, Map<String, String> env) {}

  @ParameterizedTest
  @ValueSource(strings = {"installed", "checkout"})
  void noOneJar_startsFromTheJars(String launcher) throws IOException {
    Setup s = setUp(launcher);

    assertThat(classPath(run(s, Map.of()))).isEqualTo(jarsClassPath(launcher, s));
  }

  @ParameterizedTest
  @ValueSource(strings = {"installed", "checkout"})
  void oneJarNewerThanEveryJar_startsFromIt_withTheArchive(String launcher) throws IOException {
    Setup s = setUp(launcher);
    write(s.oneJar(), BUILT.plusSeconds(60));
    write(s.archive(), BUILT.plusSeconds(61));

    List<String> args = run(s, Map.of());

    assertThat(classPath(args)).isEqualTo(s.oneJar().toString());
    assertThat(args).contains("-XX:SharedArchiveFile=" + s.archive());
  }

  @ParameterizedTest
  @ValueSource(strings = {"installed", "checkout"})
  void aJarNewerThanTheOneJar_startsFromTheJars(String launcher) throws IOException {
    Setup s = setUp(launcher);
    write(s.oneJar(), BUILT.plusSeconds(60));
    Files.setLastModifiedTime(
        s.jars().get(s.jars().size() - 1), FileTime.from(BUILT.plusSeconds(120)));

    assertThat(classPath(run(s, Map.of()))).isEqualTo(jarsClassPath(launcher, s));
  }

  @ParameterizedTest
  @ValueSource(strings = {"installed", "checkout"})
  void cdsOff_startsFromTheJars(String launcher) throws IOException {
    Setup s = setUp(launcher);
    write(s.oneJar(), BUILT.plusSeconds(60));

    assertThat(classPath(run(s, Map.of("D2J_CDS", "off")))).isEqualTo(jarsClassPath(launcher, s));
  }

  @ParameterizedTest
  @ValueSource(strings = {"installed", "checkout"})
  void jarDump_writesTheJarsClassPathAsOneJar(String launcher) throws IOException {
    Setup s = setUp(launcher);
    write(s.oneJar(), BUILT.plusSeconds(60)); // a previous one is not merged into the next
    Path out = dir.resolve("out.jar");

    List<String> args = run(s, Map.of("D2J_JAR_DUMP", out.toString()));

    assertThat(classPath(args)).isEqualTo(jarsClassPath(launcher, s));
    assertThat(args.subList(args.size() - 2, args.size()))
        .containsExactly("io.d2j.keacontrol.cli.ClassPathJar", out.toString());
  }

  private Setup setUp(String launcher) throws IOException {
    Path stubs = Files.createDirectories(dir.resolve("stubs"));
    Path java = stubs.resolve("java");
    Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> env = new HashMap<>();
    env.put("PATH", stubs + ":" + System.getenv("PATH"));
    env.put("JAVA", java.toString());
    if (launcher.equals("installed")) {
      Path lib = Files.createDirectories(dir.resolve("usr/share/d2j/lib"));
      List<Path> jars = List.of(lib.resolve("d2-daemon.jar"), lib.resolve("vertx-core.jar"));
      for (Path j : jars) {
        write(j, BUILT);
      }
      Path home = dir.resolve("usr/share/d2j");
      Files.createDirectories(home.resolve("classpath"));
      Files.writeString(home.resolve("classpath/d2j-dhcp-ddns"), jars.get(0) + ":" + jars.get(1));
      Path cache = Files.createDirectories(dir.resolve("var/cache/d2j"));
      env.put("D2J_HOME", home.toString());
      env.put("D2J_CDS_DIR", cache.toString());
      return new Setup(
          jars,
          cache.resolve("d2j-dhcp-ddns.jar"),
          cache.resolve("d2j-dhcp-ddns.jsa"),
          List.of(Paths.packaging().resolve("deb/d2j-run").toString(), "d2j-dhcp-ddns", "-v"),
          env);
    }
    Path checkout = dir.resolve("checkout");
    Path bin = Files.createDirectories(checkout.resolve("bin"));
    Files.copy(Paths.root().resolve("bin/d2j-dhcp-ddns"), bin.resolve("d2j-dhcp-ddns"));
    Path target = Files.createDirectories(checkout.resolve("d2-daemon/target/lib"));
    List<Path> jars =
        List.of(
            checkout.resolve("d2-daemon/target/d2-daemon-0.1.0-SNAPSHOT.jar"),
            target.resolve("vertx-core.jar"));
    for (Path j : jars) {
      write(j, BUILT);
    }
    Path cache = Files.createDirectories(checkout.resolve("target/cds"));
    return new Setup(
        jars,
        cache.resolve("d2j-dhcp-ddns.jar"),
        cache.resolve("d2j-dhcp-ddns.jsa"),
        List.of(bin.resolve("d2j-dhcp-ddns").toString(), "-v"),
        env);
  }

  /** The class path the launcher gives java when it starts from the jars. */
  private static String jarsClassPath(String launcher, Setup s) {
    return launcher.equals("installed")
        ? s.jars().get(0) + ":" + s.jars().get(1)
        : s.jars().get(0) + ":" + s.jars().get(1).getParent() + "/*";
  }

  private static List<String> run(Setup s, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(s.env());
    env.putAll(extra);
    Exec.Result r = Exec.run(Duration.ofSeconds(30), env, s.command().toArray(String[]::new));
    r.requireSuccess();
    return List.of(r.output().split("\n"));
  }

  private static String classPath(List<String> args) {
    int i = args.indexOf("-cp");
    assertThat(i).as("java's arguments %s", args).isNotNegative();
    return args.get(i + 1);
  }

  private static void write(Path file, Instant modified) throws IOException {
    Files.writeString(file, "not read");
    Files.setLastModifiedTime(file, FileTime.from(modified));
  }
}
