package io.d2j.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.d2j.testkit.BindServer;
import io.d2j.testkit.TestKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * docker-compose.yml as {@code scripts/compose.sh} runs it on a fresh machine: a Docker engine of
 * its own (own socket, exec root and data root under {@code target/docker}, no iptables, no
 * docker0), the base image from debootstrap (cached in {@code target/deploy-cache/}), the images
 * from Debian packages (the d2j images from the package this build made, {@code D2J_DEB}), and
 * {@code up}: the dhclient container gets a lease from d2j-dhcp4 and BIND answers its A, PTR and
 * DHCID; SIGHUP reaches the D2 in its container and SIGTERM ends it with exit code 0; testkit's
 * BindServer runs its Testcontainers path against the same engine; {@code down} leaves no
 * container, volume or network, and stops the engine. Skipped where Docker, docker-compose or
 * debootstrap are missing, the test is not root, or the compose network (10.253.53.0/24) would
 * overlap an address or route of this host.
 *
 * <p>In CI and every {@code mvn verify} (as root with Docker installed); {@code
 * -Dd2j.compose=false} or {@code D2J_COMPOSE_IT=0} leaves it out (a skip, not a pass). {@code
 * scripts/compose.sh it} runs it alone. The engine uses the overlay2 storage driver (vfs, slower,
 * only where dockerd refuses overlay2). Its timings on the 2-core build host: the README section
 * "docker-compose: d2j with BIND".
 */
@Timeout(value = 40, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeIT {

  private static final String PROJECT = "d2jit";
  private static final String CLIENT = "d2j-client.example.org.";
  private static Map<String, String> env;
  private static boolean upAttempted;

  @BeforeAll
  static void up() throws IOException {
    assumeTrue(
        !"false".equals(System.getProperty("d2j.compose"))
            && !"0".equals(System.getenv("D2J_COMPOSE_IT")),
        "left out by -Dd2j.compose=false or D2J_COMPOSE_IT=0");
    DebianRoots.assumeUsable();
    assumeTrue(
        Exec.which("dockerd").isPresent() && Exec.which("docker-compose").isPresent(),
        "Docker not installed (apt-get install docker.io docker-compose)");
    env = new HashMap<>();
    // An engine of this build's own, never the machine's, in this checkout (dist/pom.xml; the
    // same place failsafe's DOCKER_HOST names for Testcontainers). A unix socket path is at most
    // 107 bytes.
    String run = System.getProperty("d2j.compose.run", Paths.root() + "/target/docker-run");
    assumeTrue(
        (run + "/exec/containerd/containerd.sock.ttrpc").length() < 108,
        "the checkout's path is too long for the engine's unix sockets under " + run);
    env.put("D2J_OWN_ENGINE", "1");
    env.put("D2J_DOCKER_RUN", run);
    env.put("D2J_DOCKER_DATA", Paths.root().resolve("target/docker").toString());
    env.put("D2J_COMPOSE_PROJECT", PROJECT);
    Exec.Result network = compose(Duration.ofSeconds(30), "check-network");
    assumeTrue(network.exitCode() == 0, network.output().strip());
    env.put("D2J_DEB", Paths.root().relativize(DebFile.find()).toString());
    // minbaseTar() builds the cached tarball under the lock the other tests of this module use.
    DebianRoots.minbaseTar();
    upAttempted = true;
    long start = System.nanoTime();
    Exec.Result up = compose(Duration.ofMinutes(30), "up");
    System.out.printf(
        "ComposeIT: compose.sh up took %d s%n%s%n",
        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start), up.output());
    assertThat(up.exitCode()).as(up.output()).isZero();
    env.put("DOCKER_HOST", compose(Duration.ofMinutes(1), "engine").output().strip());
  }

  @AfterAll
  static void down() throws IOException {
    if (!upAttempted) {
      return;
    }
    Exec.Result down = compose(Duration.ofMinutes(5), "down");
    assertThat(down.exitCode()).as(down.output()).isZero();
    Path pidFile = Path.of(env.get("D2J_DOCKER_RUN"), "dockerd.pid");
    assertThat(pidFile).as("the engine compose.sh started has stopped").doesNotExist();
    assertThat(Path.of(env.get("D2J_DOCKER_RUN"), "docker.sock")).doesNotExist();
    assertThat(Files.readString(Path.of("/proc/mounts")))
        .as("no mount of the engine's left behind")
        .doesNotContain(env.get("D2J_DOCKER_RUN"))
        .doesNotContain(env.get("D2J_DOCKER_DATA") + " ");
  }

  private static Exec.Result compose(Duration limit, String... args) {
    String[] command = new String[args.length + 1];
    command[0] = Paths.root().resolve("scripts/compose.sh").toString();
    System.arraycopy(args, 0, command, 1, args.length);
    return Exec.run(limit, env, command);
  }

  private static String dig(String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "dig";
    System.arraycopy(args, 0, command, 1, args.length);
    return compose(Duration.ofMinutes(1), command).requireSuccess().output().strip();
  }

  private static Exec.Result dockerCompose(String... args) {
    String[] command = new String[args.length + 5];
    command[0] = "docker-compose";
    command[1] = "-p";
    command[2] = PROJECT;
    command[3] = "-f";
    command[4] = Paths.root().resolve("docker-compose.yml").toString();
    System.arraycopy(args, 0, command, 5, args.length);
    return Exec.run(Duration.ofMinutes(2), env, command);
  }

  private static Exec.Result docker(String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "docker";
    System.arraycopy(args, 0, command, 1, args.length);
    return Exec.run(Duration.ofMinutes(2), env, command);
  }

  @Test
  @Order(1)
  void dhclientsLease_appearsInBind_withAPtrAndDhcid() {
    String address = dig(CLIENT, "A");
    assertThat(address).matches("10\\.253\\.53\\.1[0-9][0-9]");
    // The address BIND holds is the one the client's interface has.
    assertThat(dockerCompose("exec", "-T", "dhclient", "ip", "-4", "-o", "addr", "show", "eth0"))
        .extracting(Exec.Result::output)
        .asString()
        .contains("inet " + address + "/24");
    assertThat(dig("-x", address)).isEqualTo(CLIENT);
    // RFC 4701: identifier type, digest type 1 (SHA-256), 32 octets of digest: 35 octets, base64.
    assertThat(dig(CLIENT, "DHCID")).matches("[A-Za-z0-9+/]{46}[A-Za-z0-9+/=]{2}");
  }

  @Test
  @Order(2)
  void everyDaemon_isHealthy_byItsControlSocket_andRunsFromItsOneJar() {
    for (String service : new String[] {"d2j-dhcp-ddns", "d2j-dhcp4"}) {
      String id = dockerCompose("ps", "-q", service).output().strip();
      assertThat(docker("inspect", "-f", "{{.State.Health.Status}} {{.Config.User}}", id).output())
          .as(service)
          .isEqualTo("healthy d2j\n");
      // The JVM (PID 1) started from the class path the image's postinst wrote as one jar, with
      // its archive, as an installed daemon does.
      assertThat(docker("exec", id, "cat", "/proc/1/cmdline").output())
          .as(service)
          .contains("-cp\0/var/cache/d2j/" + service + ".jar\0")
          .contains("-XX:SharedArchiveFile=/var/cache/d2j/" + service + ".jsa");
    }
  }

  /**
   * testkit's BindServer through Testcontainers against this engine (Ryuk and the start-up checks
   * off: their images cannot be pulled), with the compose file's Debian bind9 image: the Docker
   * path really runs here.
   */
  @Test
  @Order(3)
  void bindServer_dockerPath_servesAndTakesSignedUpdates() throws Exception {
    // Testcontainers reads the engine from the environment only: failsafe sets it (dist/pom.xml).
    assertThat(System.getenv("DOCKER_HOST"))
        .as("DOCKER_HOST of this JVM (run through failsafe)")
        .isEqualTo(env.get("DOCKER_HOST"));
    System.setProperty("d2j.named", "docker");
    System.setProperty("d2j.bind.image", "d2j/bind9:local");
    try {
      try (BindServer bind = BindServer.start(TestKey.random("d2j-key.", "HMAC-SHA256"))) {
        assertThat(bind.query("static.example.org.", Type.A))
            .extracting(r -> r.rdataToString())
            .containsExactly("192.0.2.200");
        Update update = new Update(Name.fromString("example.org."));
        update.add(Name.fromString("docker.example.org."), Type.A, 60, "192.0.2.88");
        SimpleResolver resolver = new SimpleResolver(bind.socketAddress());
        resolver.setTSIGKey(bind.key().tsig());
        assertThat(resolver.send(update).getRcode()).isEqualTo(Rcode.NOERROR);
        bind.stop();
        bind.restart();
        assertThat(bind.query("docker.example.org.", Type.A))
            .extracting(r -> r.rdataToString())
            .containsExactly("192.0.2.88");
      }
    } finally {
      System.clearProperty("d2j.named");
      System.clearProperty("d2j.bind.image");
    }
  }

  @Test
  @Order(4)
  void sighup_reachesTheD2_inItsContainer() {
    String before = logs("d2j-dhcp-ddns");
    assertThat(dockerCompose("kill", "-s", "HUP", "d2j-dhcp-ddns").exitCode()).isZero();
    String after = awaitLog("d2j-dhcp-ddns", before, "DCTL_CONFIG_COMPLETE");
    assertThat(after).contains("DCTL_CFG_FILE_RELOAD_SIGNAL_RECVD", "DCTL_CONFIG_COMPLETE");
    assertThat(dockerCompose("ps", "--services", "--filter", "status=running").output())
        .contains("d2j-dhcp-ddns");
  }

  @Test
  @Order(5)
  void healthProbes_leaveNoInfoLine() {
    String id = dockerCompose("ps", "-q", "d2j-dhcp-ddns").output().strip();
    String before = logs("d2j-dhcp-ddns");
    // Probes that started after the read (the next whole second on).
    long since = System.currentTimeMillis() / 1000 + 1;
    // Two probes at least (every 2 s in the compose file) since the log was read.
    LockSupport.parkNanos(Duration.ofSeconds(7).toNanos());
    String after = logs("d2j-dhcp-ddns");
    String starts =
        docker("inspect", "-f", "{{range .State.Health.Log}}{{.Start.Unix}} {{end}}", id)
            .output()
            .strip();
    assertThat(
            Arrays.stream(starts.split("\\s+"))
                .mapToLong(Long::parseLong)
                .filter(start -> start >= since))
        .as("health probes since the log was read: " + starts)
        .hasSizeGreaterThanOrEqualTo(2);
    assertThat(after.substring(Math.min(before.length(), after.length())))
        .doesNotContain("COMMAND_RECEIVED");
  }

  @Test
  @Order(6)
  void sigterm_endsTheDaemons_withExitCode0() {
    assertThat(dockerCompose("stop", "-t", "60", "dhclient", "d2j-dhcp4", "d2j-dhcp-ddns"))
        .extracting(Exec.Result::exitCode)
        .isEqualTo(0);
    // The client too ended on the signal (docker-init passes it on), not killed after 60 s.
    String client = dockerCompose("ps", "-q", "dhclient").output().strip();
    assertThat(docker("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", client).output())
        .as("dhclient")
        .isNotEqualTo("exited 137\n");
    for (String service : new String[] {"d2j-dhcp4", "d2j-dhcp-ddns"}) {
      String id = dockerCompose("ps", "-q", service).output().strip();
      assertThat(docker("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", id).output())
          .as(service)
          .isEqualTo("exited 0\n");
    }
    assertThat(logs("d2j-dhcp-ddns")).contains("DHCP_DDNS_CLEARED_FOR_SHUTDOWN");
  }

  private static String logs(String service) {
    return dockerCompose("logs", "--no-color", service).output();
  }

  private static String awaitLog(String service, String before, String wanted) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String added = "";
    while (System.nanoTime() - deadline < 0) {
      String logs = logs(service);
      added = logs.substring(Math.min(before.length(), logs.length()));
      if (added.contains(wanted)) {
        return added;
      }
      LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
    }
    return added;
  }
}
