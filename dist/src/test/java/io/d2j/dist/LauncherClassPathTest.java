package io.d2j.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The daemons' class path as one jar (issue 14): both launchers of both daemons, the installed
 * {@code d2j-run} and the checkout's {@code bin/d2j-dhcp-ddns} and {@code bin/d2j-dhcp4} (their
 * shared {@code bin/d2j-daemon.bash}), start from the jar the CDS trainer made of the class path
 * while it is newer than every jar it was made of, from the jars otherwise or with {@code
 * D2J_CDS=off}, and write it with {@code D2J_JAR_DUMP}. A jar's directory counts as one of them
 * (dpkg renames a jar into place with the package's older mtime). A stub {@code java} prints its
 * arguments.
 */
class LauncherClassPathTest {

  /** When the jars were built: before the one jar, and before now. */
  private static final Instant BUILT = Instant.now().minus(Duration.ofDays(2));

  @TempDir Path dir;

  /** "installed" or "checkout", then the program. */
  static List<String> launchers() {
    return List.of(
        "installed d2j-dhcp-ddns",
        "checkout d2j-dhcp-ddns",
        "installed d2j-dhcp4",
        "checkout d2j-dhcp4");
  }

  /** The jars of the class path, the one jar's place, and how to run the launcher. */
  private record Setup(
      List<Path> jars, Path oneJar, Path archive, List<String> command, Map<String, String> env) {}

  @ParameterizedTest
  @MethodSource("launchers")
  void noOneJar_startsFromTheJars(String launcher) throws IOException {
    Setup s = setUp(launcher);

    assertThat(classPath(run(s, Map.of()))).isEqualTo(jarsClassPath(launcher, s));
  }

  @ParameterizedTest
  @MethodSource("launchers")
  void oneJarNewerThanEveryJar_startsFromIt_withTheArchive(String launcher) throws IOException {
    Setup s = setUp(launcher);
    write(s.oneJar(), BUILT.plusSeconds(60));
    write(s.archive(), BUILT.plusSeconds(61));

    List<String> args = run(s, Map.of());

    assertThat(classPath(args)).isEqualTo(s.oneJar().toString());
    assertThat(args).contains("-XX:SharedArchiveFile=" + s.archive());
  }

  @ParameterizedTest
  @MethodSource("launchers")
  void aJarNewerThanTheOneJar_startsFromTheJars(String launcher) throws IOException {
    Setup s = setUp(launcher);
    write(s.oneJar(), BUILT.plusSeconds(60));
    Files.setLastModifiedTime(
        s.jars().get(s.jars().size() - 1), FileTime.from(BUILT.plusSeconds(120)));

    assertThat(classPath(run(s, Map.of()))).isEqualTo(jarsClassPath(launcher, s));
  }

  /**
   * An upgrade as dpkg unpacks it: the new jar gets the package's mtime, older than the one jar
   * made at the previous installation, and is renamed into place, which dates its directory. Until
   * the postinst makes the one jar again, the launcher must start from the jars.
   */
  @ParameterizedTest
  @MethodSource("launchers")
  void aJarReplacedWithAnOlderMtime_asDpkgUnpacksIt_startsFromTheJars(String launcher)
      throws IOException {
    Setup s = setUp(launcher);
    write(s.oneJar(), BUILT.plusSeconds(60));
    Path jar = s.jars().get(s.jars().size() - 1);
    Path unpacked = jar.resolveSibling(jar.getFileName() + ".dpkg-new");
    write(unpacked, BUILT.plusSeconds(30));
    Files.move(unpacked, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

    assertThat(classPath(run(s, Map.of()))).isEqualTo(jarsClassPath(launcher, s));
  }

  @ParameterizedTest
  @MethodSource("launchers")
  void cdsOff_startsFromTheJars(String launcher) throws IOException {
    Setup s = setUp(launcher);
    write(s.oneJar(), BUILT.plusSeconds(60));

    assertThat(classPath(run(s, Map.of("D2J_CDS", "off")))).isEqualTo(jarsClassPath(launcher, s));
  }

  @ParameterizedTest
  @MethodSource("launchers")
  void jarDump_writesTheJarsClassPathAsOneJar(String launcher) throws IOException {
    Setup s = setUp(launcher);
    write(s.oneJar(), BUILT.plusSeconds(60)); // a previous one is not merged into the next
    Path out = dir.resolve("out.jar");

    List<String> args = run(s, Map.of("D2J_JAR_DUMP", out.toString()));

    assertThat(classPath(args)).isEqualTo(jarsClassPath(launcher, s));
    assertThat(args.subList(args.size() - 2, args.size()))
        .containsExactly("io.d2j.keacontrol.cli.ClassPathJar", out.toString());
  }

  /**
   * A checkout whose module is not built yet: the launcher builds it (a stub {@code mvn} that makes
   * the jar) and starts from it, rather than ending without a word.
   */
  @ParameterizedTest
  @MethodSource("checkoutLaunchers")
  void checkoutNotBuilt_buildsTheModuleFirst(String launcher) throws IOException {
    Setup s = setUp(launcher);
    Path jar = s.jars().get(0);
    Files.delete(jar);
    Path mvn = dir.resolve("stubs/mvn");
    Files.writeString(mvn, "#!/bin/sh\nprintf 'made' > '" + jar + "'\n");
    Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));

    assertThat(classPath(run(s, Map.of()))).isEqualTo(jarsClassPath(launcher, s));
    assertThat(jar).hasContent("made");
  }

  static List<String> checkoutLaunchers() {
    return launchers().stream().filter(l -> l.startsWith("checkout")).toList();
  }

  private Setup setUp(String launcher) throws IOException {
    String program = launcher.substring(launcher.indexOf(' ') + 1);
    Path stubs = Files.createDirectories(dir.resolve("stubs"));
    Path java = stubs.resolve("java");
    Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> env = new HashMap<>();
    env.put("PATH", stubs + ":" + System.getenv("PATH"));
    env.put("JAVA", java.toString());
    if (launcher.startsWith("installed")) {
      Path lib = Files.createDirectories(dir.resolve("usr/share/d2j/lib"));
      List<Path> jars = List.of(lib.resolve("daemon.jar"), lib.resolve("vertx-core.jar"));
      for (Path j : jars) {
        write(j, BUILT);
      }
      Files.setLastModifiedTime(lib, FileTime.from(BUILT));
      Path home = dir.resolve("usr/share/d2j");
      Files.createDirectories(home.resolve("classpath"));
      Files.writeString(
          home.resolve("classpath").resolve(program), jars.get(0) + ":" + jars.get(1));
      Path cache = Files.createDirectories(dir.resolve("var/cache/d2j"));
      env.put("D2J_HOME", home.toString());
      env.put("D2J_CDS_DIR", cache.toString());
      return new Setup(
          jars,
          cache.resolve(program + ".jar"),
          cache.resolve(program + ".jsa"),
          List.of(Paths.packaging().resolve("deb/d2j-run").toString(), program, "-v"),
          env);
    }
    String module = program.equals("d2j-dhcp4") ? "dhcp-server" : "d2-daemon";
    Path checkout = dir.resolve("checkout");
    Path bin = Files.createDirectories(checkout.resolve("bin"));
    for (String file : List.of(program, "d2j-daemon.bash")) {
      Files.copy(Paths.root().resolve("bin").resolve(file), bin.resolve(file));
    }
    Path target = Files.createDirectories(checkout.resolve(module + "/target/lib"));
    List<Path> jars =
        List.of(
            checkout.resolve(module + "/target/" + module + "-0.1.0-SNAPSHOT.jar"),
            target.resolve("vertx-core.jar"));
    for (Path j : jars) {
      write(j, BUILT);
    }
    Files.setLastModifiedTime(target, FileTime.from(BUILT));
    Path cache = Files.createDirectories(checkout.resolve("target/cds"));
    return new Setup(
        jars,
        cache.resolve(program + ".jar"),
        cache.resolve(program + ".jsa"),
        List.of(bin.resolve(program).toString(), "-v"),
        env);
  }

  /** The class path the launcher gives java when it starts from the jars. */
  private static String jarsClassPath(String launcher, Setup s) {
    return launcher.startsWith("installed")
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
