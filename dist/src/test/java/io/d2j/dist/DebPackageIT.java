package io.d2j.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The package as an operator installs it: {@code dpkg -i} into a throwaway Debian root (bookworm
 * with systemd, the JRE and BIND from Debian), then the root booted with systemd as PID 1 ({@code
 * systemd-nspawn --boot}, private network) and both units started for real. Skipped, with the
 * reason, where debootstrap or systemd-nspawn cannot run (not root, not installed).
 */
@Timeout(value = 25, unit = java.util.concurrent.TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DebPackageIT {

  private static final String D2_SOCKET = "/run/d2j/d2j-dhcp-ddns.sock";
  private static final String DHCP4_SOCKET = "/run/d2j/d2j-dhcp4.sock";

  private static Path root;
  private static String installOutput;

  @BeforeAll
  static void install() throws IOException {
    DebianRoots.assumeUsable();
    Path deb = DebFile.find();
    Path base = DebianRoots.systemdRoot();
    root = DebianRoots.cache().resolve("run-" + ProcessHandle.current().pid());
    DebianRoots.copy(base, root);
    Files.copy(deb, root.resolve("root/d2j.deb"));
    Exec.Result dpkg =
        DebianRoots.inRoot(root, Duration.ofMinutes(5), "dpkg", "-i", "/root/d2j.deb");
    installOutput = dpkg.output();
    dpkg.requireSuccess();
  }

  @AfterAll
  static void removeRoot() {
    if (root != null) {
      Exec.run(Duration.ofMinutes(2), "rm", "-rf", root.toString());
    }
  }

  @Test
  @Order(1)
  void dpkgInstall_createsTheUserTheDirectoriesTheCdsArchivesAndTheOneJars() throws IOException {
    assertThat(installOutput).contains("Setting up d2j (").doesNotContain("could not build");
    String passwd =
        Files.readAllLines(root.resolve("etc/passwd")).stream()
            .filter(l -> l.startsWith("d2j:"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no d2j user in /etc/passwd"));
    assertThat(passwd).endsWith(":/var/lib/d2j:/usr/sbin/nologin");
    int uid = Integer.parseInt(passwd.split(":")[2]);
    assertThat(uid).isLessThan(1000); // a system user

    assertThat(owner(root.resolve("var/lib/d2j"))).isEqualTo(uid);
    assertThat(mode(root.resolve("var/lib/d2j"))).isEqualTo("rwxr-x---");
    assertThat(mode(root.resolve("etc/d2j"))).isEqualTo("rwxr-x---");
    assertThat(mode(root.resolve("etc/d2j/d2j-dhcp-ddns.conf"))).isEqualTo("rw-r-----");
    assertThat(mode(root.resolve("etc/d2j/d2j-dhcp4.conf"))).isEqualTo("rw-r-----");
    for (String program : List.of("d2j-dhcp-ddns", "d2j-dhcp4", "d2j-shell", "d2j-ncr")) {
      Path link = root.resolve("usr/bin").resolve(program);
      assertThat(Files.isSymbolicLink(link)).as(link.toString()).isTrue();
      assertThat(Files.readSymbolicLink(link)).hasToString("../share/d2j/d2j-run");
    }
    for (String program : List.of("d2j-dhcp-ddns", "d2j-dhcp4")) {
      Path archive = root.resolve("var/cache/d2j").resolve(program + ".jsa");
      assertThat(archive).isRegularFile();
      assertThat(Files.size(archive)).isGreaterThan(1_000_000L);
    }
    // Each daemon's class path as one jar, which the trainer made before its archive.
    for (String program : List.of("d2j-dhcp-ddns", "d2j-dhcp4")) {
      assertThat(Files.size(root.resolve("var/cache/d2j").resolve(program + ".jar")))
          .isGreaterThan(1_000_000L);
    }
    assertThat(root.resolve("usr/lib/sysctl.d/60-d2j.conf")).isRegularFile();
  }

  @Test
  @Order(2)
  void systemdAnalyzeVerify_installedUnits_reportsNothing() {
    Exec.Result verify =
        Exec.run(
            Duration.ofSeconds(60),
            "systemd-analyze",
            "--root=" + root,
            "verify",
            "/lib/systemd/system/d2j-dhcp-ddns.service",
            "/lib/systemd/system/d2j-dhcp4.service");

    assertThat(verify.exitCode()).as(verify.output()).isZero();
    assertThat(verify.output()).isEmpty();
  }

  @Test
  @Order(3)
  void bothUnits_startUnderSystemd_serve_reload_andStop() throws IOException {
    String secret = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
    prepareBind(secret);
    try (BootedRoot booted = BootedRoot.boot(root, "d2j-it-" + ProcessHandle.current().pid())) {
      // The shipped example configurations, as installed.
      booted
          .run(Duration.ofMinutes(3), "systemctl", "start", "d2j-dhcp-ddns", "d2j-dhcp4")
          .requireSuccess();
      for (String unit : List.of("d2j-dhcp-ddns", "d2j-dhcp4")) {
        assertThat(show(booted, unit, "ActiveState")).as(journal(booted, unit)).isEqualTo("active");
        assertThat(show(booted, unit, "StatusText")).startsWith("serving ");
      }
      String d2Pid = show(booted, "d2j-dhcp-ddns", "MainPID");
      // Started from the class path as one jar, which the postinst's trainer made.
      assertThat(booted.run("cat", "/proc/" + d2Pid + "/cmdline"))
          .contains("/var/cache/d2j/d2j-dhcp-ddns.jar");
      assertThat(booted.run("d2j-shell", "--socket", D2_SOCKET, "status-get"))
          .contains("\"result\" : 0")
          .contains("\"pid\" : " + d2Pid);
      String dhcp4Pid = show(booted, "d2j-dhcp4", "MainPID");
      assertThat(booted.run("cat", "/proc/" + dhcp4Pid + "/cmdline"))
          .contains("/var/cache/d2j/d2j-dhcp4.jar");
      assertThat(booted.run("d2j-shell", "--socket", DHCP4_SOCKET, "status-get"))
          .contains("\"result\" : 0")
          .contains("\"pid\" : " + dhcp4Pid);

      // Both run as d2j; dhcp4 holds port 67 through its one ambient capability.
      String d2jUid = booted.run("id", "-u", "d2j").strip();
      assertThat(booted.run("cat", "/proc/" + d2Pid + "/status"))
          .containsPattern("(?m)^Uid:\\s+" + d2jUid + "\\s")
          .containsPattern("(?m)^CapEff:\\s+0+$");
      assertThat(booted.run("cat", "/proc/" + dhcp4Pid + "/status"))
          .containsPattern("(?m)^Uid:\\s+" + d2jUid + "\\s");
      assertThat(booted.run("cat", "/proc/net/udp")).containsPattern(":0043 ");

      // An operator's configuration: reload (SIGHUP), then an NCR lands in the local BIND.
      writeD2Config(booted, secret);
      booted.run("systemctl", "reload", "d2j-dhcp-ddns");
      awaitOutput(
          booted,
          "example.org.",
          Duration.ofSeconds(30),
          "d2j-shell",
          "--socket",
          D2_SOCKET,
          "config-get");
      booted.run(
          "d2j-ncr",
          "send",
          "--server",
          "127.0.0.1:53001",
          "--add",
          "--fqdn",
          "systemd.example.org.",
          "--ip",
          "192.0.2.77",
          "--hw-address",
          "02:00:00:00:00:77",
          "--lease-length",
          "3600");
      awaitOutput(
          booted,
          "192.0.2.77",
          Duration.ofSeconds(30),
          "dig",
          "@127.0.0.1",
          "systemd.example.org.",
          "A",
          "+short");
      awaitOutput(
          booted,
          "systemd.example.org.",
          Duration.ofSeconds(30),
          "dig",
          "@127.0.0.1",
          "-x",
          "192.0.2.77",
          "+short");
      assertThat(show(booted, "d2j-dhcp-ddns", "MainPID"))
          .isEqualTo(d2Pid); // reloaded, not restarted

      booted
          .run(Duration.ofMinutes(2), "systemctl", "stop", "d2j-dhcp4", "d2j-dhcp-ddns")
          .requireSuccess();
      for (String unit : List.of("d2j-dhcp-ddns", "d2j-dhcp4")) {
        assertThat(show(booted, unit, "ActiveState"))
            .as(journal(booted, unit))
            .isEqualTo("inactive");
        assertThat(show(booted, unit, "Result")).as(journal(booted, unit)).isEqualTo("success");
      }
      assertThat(booted.run("ls", "-A", "/run/d2j")).isEmpty(); // both sockets removed
    }
  }

  /**
   * An upgrade to a rebuilt package whose d2-daemon jar changed, with the mtime its build gave it
   * (dpkg keeps a package's mtimes, and this build is older than the one jar that the first
   * installation made): once unpacked, before the postinst makes the one jar again, the D2 starts
   * from the new jars, not from the stale one jar; configured, from the one jar made of the new
   * jars.
   */
  @Test
  @Order(4)
  void upgradeToARebuiltPackage_neverStartsFromTheStaleOneJar() throws IOException {
    Path oneJar = root.resolve("var/cache/d2j/d2j-dhcp-ddns.jar");
    Path tree = root.resolve("root/d2j-rebuilt");
    Exec.run(Duration.ofMinutes(2), "dpkg-deb", "-R", DebFile.find().toString(), tree.toString())
        .requireSuccess();
    Path control = tree.resolve("DEBIAN/control");
    Files.writeString(
        control, Files.readString(control).replaceFirst("(?m)^(Version: .*)$", "$1+rebuilt1"));
    Path jar;
    try (Stream<Path> lib = Files.list(tree.resolve("usr/share/d2j/lib"))) {
      jar =
          lib.filter(f -> f.getFileName().toString().startsWith("d2-daemon-"))
              .findFirst()
              .orElseThrow();
    }
    FileTime built = Files.getLastModifiedTime(jar);
    try (FileSystem zip = FileSystems.newFileSystem(jar)) {
      Files.writeString(zip.getPath("META-INF/d2j-rebuilt"), "rebuilt\n");
    }
    Files.setLastModifiedTime(jar, built);
    assertThat(built).isLessThan(Files.getLastModifiedTime(oneJar));
    Exec.run(
            Duration.ofMinutes(2),
            "dpkg-deb",
            "--root-owner-group",
            "-b",
            tree.toString(),
            root.resolve("root/d2j-rebuilt.deb").toString())
        .requireSuccess();

    DebianRoots.inRoot(root, Duration.ofMinutes(2), "dpkg", "--unpack", "/root/d2j-rebuilt.deb")
        .requireSuccess();
    assertThat(
            Files.getLastModifiedTime(root.resolve("usr/share/d2j/lib").resolve(jar.getFileName())))
        .isEqualTo(built);
    assertThat(d2ClassPath()).startsWith("/usr/share/d2j/lib/").doesNotContain("/var/cache/d2j");

    Exec.Result configure =
        DebianRoots.inRoot(root, Duration.ofMinutes(5), "dpkg", "--configure", "d2j");
    configure.requireSuccess();
    assertThat(configure.output()).doesNotContain("could not build");
    assertThat(d2ClassPath()).isEqualTo("/var/cache/d2j/d2j-dhcp-ddns.jar");
    try (ZipFile merged = new ZipFile(oneJar.toFile())) {
      assertThat(merged.getEntry("META-INF/d2j-rebuilt")).isNotNull();
    }
  }

  /** The class path the installed launcher gives the D2's JVM now (a stub java prints it). */
  private static String d2ClassPath() {
    Exec.Result r =
        DebianRoots.inRoot(
            root, Duration.ofMinutes(1), "env", "JAVA=echo", "/usr/bin/d2j-dhcp-ddns", "-v");
    r.requireSuccess();
    List<String> args = List.of(r.output().strip().split(" "));
    assertThat(args).as(r.output()).contains("-cp");
    return args.get(args.indexOf("-cp") + 1);
  }

  /** named.conf and zones from test-zones/ in the root, used by Debian's named.service. */
  private static void prepareBind(String secret) throws IOException {
    Path zones = root.resolve("root/test-zones");
    Files.createDirectories(zones);
    try (Stream<Path> files = Files.list(Paths.root().resolve("test-zones"))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, zones.resolve(f.getFileName()));
      }
    }
    DebianRoots.inRoot(
            root,
            Duration.ofSeconds(60),
            "/bin/bash",
            "/root/test-zones/render-named-conf.sh",
            "/var/lib/d2j-bind",
            "127.0.0.1",
            "53",
            "d2j-key.",
            "hmac-sha256",
            secret)
        .requireSuccess();
    Files.writeString(
        root.resolve("etc/default/named"), "OPTIONS=\"-u bind -c /var/lib/d2j-bind/named.conf\"\n");
  }

  private static void writeD2Config(BootedRoot booted, String secret) throws IOException {
    Path key = root.resolve("etc/d2j/d2j-key.secret");
    Files.writeString(key, secret + "\n");
    String config =
        """
        {"DhcpDdns": {
          "ip-address": "127.0.0.1", "port": 53001,
          "control-socket": {"socket-type": "unix", "socket-name": "/run/d2j/d2j-dhcp-ddns.sock"},
          "tsig-keys": [{"name": "d2j-key.", "algorithm": "HMAC-SHA256",
                         "secret-file": "/etc/d2j/d2j-key.secret"}],
          "forward-ddns": {"ddns-domains": [{"name": "example.org.", "key-name": "d2j-key.",
            "dns-servers": [{"ip-address": "127.0.0.1", "port": 53}]}]},
          "reverse-ddns": {"ddns-domains": [{"name": "2.0.192.in-addr.arpa.", "key-name": "d2j-key.",
            "dns-servers": [{"ip-address": "127.0.0.1", "port": 53}]}]}
        }}
        """;
    Files.writeString(root.resolve("etc/d2j/d2j-dhcp-ddns.conf"), config);
    // As an operator keeps a secret: readable by the daemons' group only.
    booted.run("chgrp", "d2j", "/etc/d2j/d2j-key.secret", "/etc/d2j/d2j-dhcp-ddns.conf");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
  }

  private static void awaitOutput(
      BootedRoot booted, String expected, Duration limit, String... command) {
    long deadline = System.nanoTime() + limit.toNanos();
    String last = "";
    while (System.nanoTime() - deadline < 0) {
      last = booted.run(Duration.ofSeconds(30), command).output();
      if (last.contains(expected)) {
        return;
      }
      LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
    }
    throw new AssertionError(
        String.join(" ", command)
            + " never printed '"
            + expected
            + "' within "
            + limit
            + "; last:\n"
            + last
            + "\n"
            + journal(booted, "d2j-dhcp-ddns")
            + journal(booted, "named"));
  }

  private static String show(BootedRoot booted, String unit, String property) {
    return booted.run("systemctl", "show", "--value", "-p", property, unit).strip();
  }

  private static String journal(BootedRoot booted, String unit) {
    return booted
        .run(Duration.ofSeconds(30), "journalctl", "--no-pager", "-n", "60", "-u", unit)
        .output();
  }

  private static int owner(Path p) throws IOException {
    return (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
  }
}
