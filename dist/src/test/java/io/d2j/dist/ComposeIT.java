package io.d2j.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.testkit.BindServer;
import io.d2j.testkit.TestKey;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * docker-compose.yml as {@code scripts/compose.sh} runs it on a fresh machine: a Docker engine of
 * its own (own socket and data root, vfs, no iptables, no docker0), the base image from
 * debootstrap, the images from Debian packages (the d2j images from the package this build made,
 * D2J_DEB), and {@code up}: the dhclient container gets a lease from d2j-dhcp4 and BIND answers its
 * A, PTR and DHCID; SIGHUP reaches the D2 in its container; {@code down -v} leaves no container,
 * volume or network, and the engine stops. Skipped where Docker, docker-compose or debootstrap are
 * missing or the test is not root.
 */
@Timeout(value = 30, unit = java.util.concurrent.TimeUnit.MINUTES)
class ComposeIT {

  private static final String PROJECT = "d2jit";
  private static Map<String, String> env;

  @BeforeAll
  static void up() throws IOException {
    DebianRoots.assumeUsable();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Exec.which("dockerd").isPresent() && Exec.which("docker-compose").isPresent(),
        "Docker not installed (apt-get install docker.io docker-compose)");
    // The compose network is 192.0.2.0/24, with the bridge's address on the host: never on a host
    // whose own network is there (scripts/compose.sh refuses too).
    String hostNetworks =
        Exec.run(Duration.ofSeconds(10), "ip", "-4", "-o", "addr", "show").output()
            + Exec.run(Duration.ofSeconds(10), "ip", "-4", "route", "show").output();
    org.junit.jupiter.api.Assumptions.assumeFalse(
        hostNetworks.contains(" 192.0.2.") || hostNetworks.contains("\n192.0.2."),
        "this host's own network is in 192.0.2.0/24, docker-compose.yml's network");
    Path deb = DebFile.find();
    env = new HashMap<>();
    env.put("D2J_DEB", Paths.root().relativize(deb).toString());
    env.put("D2J_COMPOSE_PROJECT", PROJECT);
    // minbaseTar() builds the cached tarball under the lock the other tests use.
    DebianRoots.minbaseTar();
    Exec.Result up = compose(Duration.ofMinutes(25), "up");
    assertThat(up.exitCode()).as(up.output()).isZero();
    env.put("DOCKER_HOST", compose(Duration.ofMinutes(1), "engine").output().strip());
  }

  @AfterAll
  static void down() {
    if (env != null) {
      compose(Duration.ofMinutes(5), "down");
    }
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
    String[] command = new String[args.length + 4];
    command[0] = "docker-compose";
    command[1] = "-p";
    command[2] = PROJECT;
    command[3] = "--project-directory=" + Paths.root();
    System.arraycopy(args, 0, command, 4, args.length);
    return Exec.run(Duration.ofMinutes(2), env, command);
  }

  @Test
  void dhclientsLease_appearsInBind_withAPtrAndDhcid() {
    String address = dig("d2j-client.example.org.", "A");
    assertThat(address).matches("192\\.0\\.2\\.1[0-9][0-9]");
    assertThat(dig("-x", address)).isEqualTo("d2j-client.example.org.");
    assertThat(dig("d2j-client.example.org.", "DHCID")).isNotEmpty();
  }

  /**
   * testkit's BindServer through Testcontainers against this engine (Ryuk off: its image cannot be
   * pulled), with the compose file's Debian bind9 image: the Docker path really runs here.
   */
  @Test
  void bindServer_dockerPath_servesAndTakesSignedUpdates() throws Exception {
    System.setProperty("DOCKER_HOST", env.get("DOCKER_HOST"));
    System.setProperty("d2j.named", "docker");
    System.setProperty("d2j.bind.image", "d2j/bind9:local");
    try {
      BindServer.assumeAvailable();
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
  void sighup_reachesTheD2_inItsContainer() {
    String before = dockerCompose("logs", "--no-color", "d2j-dhcp-ddns").output();
    assertThat(dockerCompose("kill", "-s", "HUP", "d2j-dhcp-ddns").exitCode()).isZero();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String logs = before;
    while (System.nanoTime() - deadline < 0) {
      logs = dockerCompose("logs", "--no-color", "d2j-dhcp-ddns").output();
      if (logs.length() > before.length()
          && logs.substring(before.length()).contains("DCTL_CONFIG_COMPLETE")) {
        break;
      }
      LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
    }
    assertThat(logs.substring(Math.min(before.length(), logs.length())))
        .contains("DCTL_CONFIG_COMPLETE");
    assertThat(dockerCompose("ps", "--services", "--filter", "status=running").output())
        .contains("d2j-dhcp-ddns");
  }
}
