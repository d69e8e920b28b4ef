package io.d2j.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.d2j.d2.config.D2ConfigParser;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.keaconfig.KeaConfigReader;
import io.d2j.testkit.TestZones;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cheap check of {@code docker-compose.yml} and the image files, without an engine (the full
 * run, {@code ComposeIT}, needs root and Docker, and builds images for minutes): docker-compose
 * accepts the file, every build finds its Dockerfile and every file it copies in its context (not
 * cut by {@code .dockerignore}), every mounted file exists, the mounted configurations load with
 * the daemons' own parsers, and the addresses, ports and socket paths agree across the compose
 * file, the configurations, the Dockerfile's health checks and {@code test-zones/}.
 */
class ComposeFilesTest {
  private static final Pattern COPY = Pattern.compile("(?m)^COPY\\s+(.+)$");
  private static final Pattern HEALTH_SOCKET =
      Pattern.compile("d2j-healthcheck\",\\s*\"([^\"]+)\"\\]");

  private static JsonNode compose;
  private static JsonNode d2;
  private static JsonNode dhcp4;

  @TempDir static Path temp;

  @BeforeAll
  static void read() throws IOException {
    compose =
        new ObjectMapper(new YAMLFactory())
            .readTree(Paths.root().resolve("docker-compose.yml").toFile());
    d2 = config("d2j-dhcp-ddns.conf").at("/DhcpDdns");
    dhcp4 = config("d2j-dhcp4.conf").at("/Dhcp4");
  }

  private static JsonNode config(String name) throws IOException {
    return KeaConfigReader.read(Paths.packaging().resolve("compose").resolve(name)).toJson();
  }

  private static JsonNode service(String name) {
    JsonNode service = compose.at("/services/" + name);
    assertThat(service.isMissingNode()).as("service " + name).isFalse();
    return service;
  }

  private static String address(String service) {
    return service(service).at("/networks/d2jnet/ipv4_address").asText();
  }

  @Test
  void dockerCompose_acceptsTheFile() {
    assumeTrue(
        Exec.which("docker-compose").isPresent(),
        "docker-compose not installed (apt-get install docker-compose)");
    Exec.Result result =
        Exec.run(
            Duration.ofMinutes(1),
            "docker-compose",
            "-f",
            Paths.root().resolve("docker-compose.yml").toString(),
            "config",
            "-q");
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void everyImage_isAVariable_withALocalDefault() {
    compose
        .get("services")
        .fields()
        .forEachRemaining(
            e ->
                assertThat(e.getValue().get("image").asText())
                    .as(e.getKey())
                    .matches("\\$\\{D2J_[A-Z0-9]+_IMAGE:-d2j/[a-z0-9-]+:local\\}"));
  }

  @Test
  void everyBuild_findsItsDockerfile_andEveryFileItCopies() throws IOException {
    List<String> checked = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : iterable(compose.get("services"))) {
      JsonNode build = e.getValue().get("build");
      Path context = Paths.root().resolve(build.get("context").asText()).normalize();
      Path dockerfile = context.resolve(build.get("dockerfile").asText());
      assertThat(dockerfile).as(e.getKey()).isRegularFile();
      Matcher copy = COPY.matcher(Files.readString(dockerfile));
      while (copy.find()) {
        List<String> words = List.of(copy.group(1).trim().split("\\s+"));
        if (words.get(0).startsWith("--from=")) {
          continue;
        }
        for (String source : words.subList(0, words.size() - 1)) {
          assertThat(context.resolve(source)).as(dockerfile + ": COPY " + source).exists();
          assertThat(ignored(context, source)).as(dockerfile + ": COPY " + source).isFalse();
          checked.add(source);
        }
      }
    }
    assertThat(checked).contains(".", "packaging/container/d2j-healthcheck");
    assertThat(Paths.packaging().resolve("container/d2j-healthcheck")).isExecutable();
    // D2J_DEB: the package this build made reaches the root context, the rest of target/ not.
    assertThat(ignored(Paths.root(), "dist/target/d2j_0.1.0~SNAPSHOT_all.deb")).isFalse();
    assertThat(ignored(Paths.root(), "d2-daemon/target/classes")).isTrue();
    assertThat(ignored(Paths.root(), ".git")).isTrue();
  }

  /** {@code .dockerignore}'s answer for a path: the last pattern that matches it decides. */
  private static boolean ignored(Path context, String path) throws IOException {
    Path file = context.resolve(".dockerignore");
    if (!Files.exists(file) || ".".equals(path)) {
      return false;
    }
    boolean ignored = false;
    for (String line : Files.readAllLines(file)) {
      String pattern = line.strip();
      if (pattern.isEmpty() || pattern.startsWith("#")) {
        continue;
      }
      boolean negated = pattern.startsWith("!");
      String glob = negated ? pattern.substring(1) : pattern;
      if (matches(glob, path) || glob.startsWith("**/") && matches(glob.substring(3), path)) {
        ignored = !negated;
      }
    }
    return ignored;
  }

  /** Docker's rule: a pattern matching a directory excludes everything below it. */
  private static boolean matches(String glob, String path) {
    var matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
    for (Path p = Path.of(path); p != null; p = p.getParent()) {
      if (matcher.matches(p)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void everyMountedFile_exists() {
    for (Map.Entry<String, JsonNode> e : iterable(compose.get("services"))) {
      JsonNode volumes = e.getValue().path("volumes");
      for (JsonNode volume : volumes) {
        String source = volume.asText().split(":")[0];
        if (source.startsWith("./")) {
          assertThat(Paths.root().resolve(source).normalize()).as(e.getKey()).exists();
        }
      }
    }
  }

  @Test
  void theMountedConfigurations_loadWithTheDaemonsParsers() throws IOException {
    // The D2's key file comes from BIND's first start (a shared volume): a stand-in here.
    Path secret = temp.resolve("d2j-key.secret");
    Files.writeString(secret, "c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0MTI=\n");
    String d2Text =
        Files.readString(Paths.packaging().resolve("compose/d2j-dhcp-ddns.conf"))
            .replace("/etc/d2j/tsig/d2j-key.secret", secret.toString());
    assertThat(d2.at("/tsig-keys/0/secret-file").asText())
        .as("the D2 reads the key BIND's start made, mounted at /etc/d2j/tsig")
        .isEqualTo("/etc/d2j/tsig/d2j-key.secret");
    assertThat(service("d2j-dhcp-ddns").get("volumes").toString()).contains("tsig:/etc/d2j/tsig");
    assertThat(service("bind").get("volumes").toString()).contains("tsig:/d2j/tsig");
    D2ConfigParser.parse(KeaConfigReader.parse(d2Text, "d2j-dhcp-ddns.conf"), temp);
    Dhcp4ConfigParser.parse(
        KeaConfigReader.read(Paths.packaging().resolve("compose/d2j-dhcp4.conf")), temp);
  }

  @Test
  void addressesPortsAndSockets_agree() throws IOException {
    String subnet = compose.at("/networks/d2jnet/ipam/config/0/subnet").asText();
    assertThat(compose.at("/networks/d2jnet/internal").asBoolean()).isTrue();
    // Not the test zones' 192.0.2.0/24, which a build host may use for its own network.
    assertThat(within("192.0.2.1", subnet)).isFalse();
    for (String service : List.of("bind", "d2j-dhcp-ddns", "d2j-dhcp4")) {
      assertThat(within(address(service), subnet)).as(service).isTrue();
    }
    // d2j-dhcp4 serves the compose network and sends its NCRs to the D2's address and port ...
    assertThat(dhcp4.at("/subnet4/0/subnet").asText()).isEqualTo(subnet);
    assertThat(dhcp4.at("/interfaces-config/interfaces").toString()).isEqualTo("[\"eth0\"]");
    String[] pool = dhcp4.at("/subnet4/0/pools/0/pool").asText().split("\\s*-\\s*");
    assertThat(within(pool[0], subnet) && within(pool[1], subnet)).isTrue();
    String dockerRange = compose.at("/networks/d2jnet/ipam/config/0/ip_range").asText();
    assertThat(within(pool[0], dockerRange) || within(pool[1], dockerRange))
        .as("the pool stays out of the range Docker hands out")
        .isFalse();
    assertThat(dhcp4.at("/dhcp-ddns/server-ip").asText()).isEqualTo(address("d2j-dhcp-ddns"));
    assertThat(d2.get("ip-address").asText()).isEqualTo(address("d2j-dhcp-ddns"));
    assertThat(dhcp4.at("/dhcp-ddns/server-port").asInt()).isEqualTo(d2.get("port").asInt());
    // ... which takes them from d2j-dhcp4 (allowed-senders) and updates BIND.
    List<String> senders = new ArrayList<>();
    d2.at("/user-context/d2j/allowed-senders").forEach(n -> senders.add(n.asText()));
    assertThat(senders).anyMatch(s -> within(address("d2j-dhcp4"), s));
    for (String scope : List.of("forward-ddns", "reverse-ddns")) {
      assertThat(d2.at("/" + scope + "/ddns-domains/0/dns-servers/0/ip-address").asText())
          .isEqualTo(address("bind"));
    }
    // The reverse domain is the network's, served from test-zones/.
    String[] octets = subnet.split("/")[0].split("\\.");
    String reverse = octets[2] + "." + octets[1] + "." + octets[0] + ".in-addr.arpa.";
    assertThat(subnet).endsWith("/24");
    assertThat(d2.at("/reverse-ddns/ddns-domains/0/name").asText()).isEqualTo(reverse);
    assertThat(TestZones.zones())
        .contains(reverse, d2.at("/forward-ddns/ddns-domains/0/name").asText());
    assertThat(Paths.root().resolve("test-zones").resolve(reverse + "db")).isRegularFile();
    assertThat(Files.readString(Paths.root().resolve("test-zones/named.conf.template")))
        .contains("zone \"" + reverse + "\"");
    // The images' health checks ask the sockets the configurations open.
    Matcher health =
        HEALTH_SOCKET.matcher(Files.readString(Paths.packaging().resolve("container/Dockerfile")));
    List<String> sockets = new ArrayList<>();
    while (health.find()) {
      sockets.add(health.group(1));
    }
    assertThat(sockets)
        .containsExactly(
            d2.at("/control-socket/socket-name").asText(),
            dhcp4.at("/control-socket/socket-name").asText());
  }

  /**
   * Is the IPv4 address (or prefix's first address) inside the prefix (or equal to the address)?
   */
  static boolean within(String address, String prefix) {
    String[] parts = prefix.split("/");
    int length = parts.length == 2 ? Integer.parseInt(parts[1]) : 32;
    long mask = length == 0 ? 0 : (0xffffffffL << (32 - length)) & 0xffffffffL;
    return (toLong(address.split("/")[0]) & mask) == (toLong(parts[0]) & mask);
  }

  private static long toLong(String address) {
    long value = 0;
    for (String octet : address.split("\\.")) {
      value = value << 8 | Integer.parseInt(octet);
    }
    return value;
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
    return node::fields;
  }
}
