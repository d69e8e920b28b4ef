package io.d2j.dhcp4.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.d2j.dhcp4.it.ControlChannel;
import io.d2j.dhcp4.kea.KeaDhcp4;
import io.d2j.keaconfig.KeaConfigReader;
import io.d2j.testkit.NetworkNamespace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kea 2.2's examples (the ones d2j-dhcp4 loads, and those it loads once features outside issue 12
 * are taken out: {@link KeaExamplesTest}) in a real kea-dhcp4 2.2 and in d2j-dhcp4's config-get
 * rendering ({@link EffectiveConfig}, what d2j's config-get answers): every key kea-dhcp4's
 * config-get shows that d2j-dhcp4 supports at that place must show the same value in d2j's.
 *
 * <p>Both read the same file, changed only where a test must: hook libraries, the SQL host back
 * end, the config back end and DHCPv4-over-DHCPv6 taken out, the lease file and the control socket
 * in a temp directory, no loggers. kea-dhcp4 runs in a network namespace holding the interfaces the
 * examples name (eth0, eth1, eth1961), once per example.
 *
 * <p>Not compared: the entries of {@code option-data}, {@code option-def}, {@code reservations},
 * {@code client-classes} (Kea rewrites them in its own canonical form: each option with code, name,
 * space and flags filled in, each reservation with every field); their presence is compared.
 */
class KeaConfigGetIT {

  private static final Set<String> ENTRIES_NOT_COMPARED =
      Set.of("option-data", "option-def", "reservations", "client-classes", "hooks-libraries");

  private static NetworkNamespace netns;
  private static final Map<String, String> TABLE = new TreeMap<>();

  @TempDir Path dir;

  @BeforeAll
  static void namespace() throws Exception {
    assumeTrue(KeaDhcp4.installed(), "kea-dhcp4 is not installed");
    NetworkNamespace.assumeAvailable();
    netns = NetworkNamespace.create("d2j-cfg");
    String[][] links = {
      {"eth0", "192.0.2.254/24"}, {"eth1", "10.0.0.254/8"}, {"eth1961", "172.16.0.254/16"}
    };
    for (int i = 0; i < links.length; i++) {
      netns.ip("link", "add", links[i][0], "type", "veth", "peer", "name", "peer" + i);
      netns.ip("link", "set", links[i][0], "up");
      netns.ip("link", "set", "peer" + i, "up");
      netns.ip("addr", "add", links[i][1], "dev", links[i][0]);
    }
    // with-ddns.json sends its NCRs from 192.0.2.1.
    netns.ip("addr", "add", "192.0.2.1/32", "dev", "eth0");
  }

  @AfterAll
  static void close() {
    if (netns != null) {
      netns.close();
    }
    StringBuilder out = new StringBuilder("config-get, kea-dhcp4 2.2 vs d2j-dhcp4:\n");
    TABLE.forEach((k, v) -> out.append(String.format("| %-30s | %s |%n", k, v)));
    System.out.print(out);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "advanced.json",
        "all-keys.json",
        "all-options.json",
        "backends.json",
        "classify.json",
        "classify2.json",
        "comments.json",
        "global-reservations.json",
        "ha-load-balancing-primary.json",
        "leases-expiration.json",
        "multiple-options.json",
        "reservations.json",
        "several-subnets.json",
        "shared-network.json",
        "single-subnet.json",
        "vendor-specific.json",
        "vivso.json",
        "with-ddns.json"
      })
  void configGet_showsKeasEffectiveValues_forEverySupportedKey(String name) throws Exception {
    Path example =
        Path.of(KeaConfigGetIT.class.getResource("/kea-examples/kea-2.2.0/" + name).toURI());
    ObjectNode root = (ObjectNode) KeaConfigReader.read(example).toJson();
    ObjectNode dhcp4 = (ObjectNode) root.get("Dhcp4");
    for (KeaExamplesTest.Outside f : KeaExamplesTest.Outside.values()) {
      f.strip(dhcp4);
    }
    dhcp4.remove(List.of("hooks-libraries", "loggers"));
    Path socket = dir.resolve("kea.sock");
    dhcp4.putObject("control-socket").put("socket-type", "unix").put("socket-name", "" + socket);
    ObjectNode db = dhcp4.has("lease-database") ? (ObjectNode) dhcp4.get("lease-database") : null;
    if (db == null) {
      db = dhcp4.putObject("lease-database").put("type", "memfile");
    }
    db.put("name", dir.resolve("leases4.csv").toString());
    String text = root.toString();

    JsonNode kea;
    try (KeaDhcp4 server = KeaDhcp4.startIn(netns, dir, text)) {
      JsonNode answer = ControlChannel.send(socket, "{\"command\": \"config-get\"}");
      assertThat(answer.path("result").asInt()).as(answer.toString()).isZero();
      kea = answer.get("arguments").get("Dhcp4");
    }
    JsonNode d2j =
        EffectiveConfig.render(Dhcp4ConfigParser.parse(KeaConfigReader.parse(text, name), dir))
            .get("Dhcp4");

    List<String> differences = new ArrayList<>();
    compare("/Dhcp4", Scope.GLOBAL, kea, d2j, differences);
    TABLE.put(name, differences.isEmpty() ? "same" : differences.size() + " differences");
    assertThat(differences).as("%s: kea-dhcp4 vs d2j-dhcp4 config-get", name).isEmpty();
  }

  /** The maps whose keys d2j-dhcp4's parser knows, and which of Kea's it leaves to others. */
  private enum Scope {
    GLOBAL,
    SUBNET,
    NETWORK,
    POOL,
    INNER;

    boolean supports(String key) {
      return switch (this) {
        case GLOBAL -> Dhcp4ConfigParser.GLOBAL_KEYS.contains(key) || ddns(key);
        case SUBNET -> SubnetParser.SUBNET_KEYS.contains(key) || ddns(key);
        case NETWORK -> SubnetParser.NETWORK_KEYS.contains(key) || ddns(key);
        case POOL -> SubnetParser.POOL_KEYS.contains(key);
        case INNER -> true;
      };
    }

    private static boolean ddns(String key) {
      return DdnsKeys.SCOPE_KEYS.contains(key);
    }

    Scope child(String key) {
      return switch (key) {
        case "subnet4" -> SUBNET;
        case "shared-networks" -> NETWORK;
        case "pools" -> POOL;
        default -> INNER;
      };
    }
  }

  private static void compare(
      String path, Scope scope, JsonNode kea, JsonNode d2j, List<String> out) {
    if (kea.isObject()) {
      if (!d2j.isObject()) {
        out.add(path + ": kea " + kea + ", d2j " + d2j);
        return;
      }
      kea.fieldNames()
          .forEachRemaining(
              key -> {
                if (!scope.supports(key)) {
                  return;
                }
                JsonNode mine = d2j.get(key);
                String at = path + "/" + key;
                if (mine == null) {
                  out.add(at + ": kea " + kea.get(key) + ", d2j shows nothing");
                } else if (ENTRIES_NOT_COMPARED.contains(key)) {
                  if (kea.get(key).size() != mine.size()) {
                    out.add(
                        at + ": kea has " + kea.get(key).size() + " entries, d2j " + mine.size());
                  }
                } else {
                  compare(at, scope.child(key), kea.get(key), mine, out);
                }
              });
    } else if (kea.isArray()) {
      if (!d2j.isArray() || d2j.size() != kea.size()) {
        out.add(path + ": kea " + kea + ", d2j " + d2j);
        return;
      }
      for (int i = 0; i < kea.size(); i++) {
        compare(path + "/" + i, scope, kea.get(i), d2j.get(i), out);
      }
    } else if (!same(kea, d2j)) {
      out.add(path + ": kea " + kea + ", d2j " + d2j);
    }
  }

  private static boolean same(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }
}
