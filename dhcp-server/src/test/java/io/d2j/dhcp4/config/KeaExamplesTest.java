package io.d2j.dhcp4.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.d2j.keaconfig.ConfigException;
import io.d2j.keaconfig.KeaConfigReader;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kea 2.2's own example DHCPv4 configurations (doc/examples/kea4, unchanged copies; see
 * src/test/resources/kea-examples/README.md). Each either loads as it is, or is refused at a
 * setting of a feature this project leaves to other work (listed per file), and then loads once the
 * settings of those features alone are taken out: nothing else stands in its way.
 */
class KeaExamplesTest {

  /** Features outside issue 12, and the settings that ask for them. */
  enum Outside {
    /** MySQL/PostgreSQL host back ends. */
    SQL_HOSTS,
    /** Kea's configuration back end. */
    CONFIG_BACKEND,
    /** Hook libraries other than lease_cmds (which d2j serves itself) and ha (parsed). */
    OTHER_HOOKS,
    /** DHCPv4-over-DHCPv6 (RFC 7341). */
    DHCP4O6;

    /** Whether a refusal at {@code path} is about this feature. */
    boolean covers(String path) {
      return switch (this) {
        case SQL_HOSTS -> path.startsWith("/Dhcp4/hosts-database");
        case CONFIG_BACKEND ->
            path.startsWith("/Dhcp4/config-control") || path.startsWith("/Dhcp4/server-tag");
        case OTHER_HOOKS -> path.startsWith("/Dhcp4/hooks-libraries/");
        case DHCP4O6 -> path.startsWith("/Dhcp4/dhcp4o6-port") || path.contains("/4o6-");
      };
    }

    /** Takes this feature's settings out of a {@code Dhcp4} map. */
    void strip(ObjectNode dhcp4) {
      switch (this) {
        case SQL_HOSTS -> dhcp4.remove(List.of("hosts-database", "hosts-databases"));
        case CONFIG_BACKEND -> dhcp4.remove(List.of("config-control", "server-tag"));
        case OTHER_HOOKS -> otherHooks(dhcp4);
        case DHCP4O6 -> {
          dhcp4.remove("dhcp4o6-port");
          everyMap(
              dhcp4, m -> m.remove(List.of("4o6-interface", "4o6-interface-id", "4o6-subnet")));
        }
      }
    }

    private static void otherHooks(ObjectNode dhcp4) {
      JsonNode hooks = dhcp4.get("hooks-libraries");
      if (hooks instanceof ArrayNode list) {
        for (Iterator<JsonNode> it = list.iterator(); it.hasNext(); ) {
          String library = it.next().path("library").asText();
          boolean isHa = library.endsWith("/libdhcp_ha.so");
          boolean isLeaseCmds = library.endsWith("/libdhcp_lease_cmds.so");
          if (!isHa && !isLeaseCmds) {
            it.remove();
          }
        }
      }
    }

    private static void everyMap(JsonNode n, java.util.function.Consumer<ObjectNode> f) {
      if (n instanceof ObjectNode o) {
        f.accept(o);
        o.elements().forEachRemaining(c -> everyMap(c, f));
      } else if (n instanceof ArrayNode a) {
        a.elements().forEachRemaining(c -> everyMap(c, f));
      }
    }
  }

  /** file -> what happened, printed as a table once every example has run. */
  private static final Map<String, String> TABLE = new ConcurrentSkipListMap<>();

  @AfterAll
  static void printTable() {
    StringBuilder out = new StringBuilder("Kea 2.2 doc/examples/kea4 in d2j-dhcp4:\n");
    out.append(String.format("| %-30s | %s |%n", "example", "d2j-dhcp4"));
    TABLE.forEach((file, outcome) -> out.append(String.format("| %-30s | %s |%n", file, outcome)));
    System.out.print(out);
  }

  private static Path example(String name) throws URISyntaxException {
    return Path.of(KeaExamplesTest.class.getResource("/kea-examples/kea-2.2.0/" + name).toURI());
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          advanced.json                  | loads
          all-keys.json                  | SQL_HOSTS CONFIG_BACKEND DHCP4O6
          all-keys-netconf.json          | SQL_HOSTS CONFIG_BACKEND DHCP4O6
          all-options.json               | loads
          backends.json                  | loads
          classify.json                  | loads
          classify2.json                 | loads
          comments.json                  | loads
          config-backend.json            | CONFIG_BACKEND OTHER_HOOKS
          dhcpv4-over-dhcpv6.json        | DHCP4O6
          global-reservations.json       | loads
          ha-load-balancing-primary.json | loads
          hooks-radius.json              | OTHER_HOOKS
          hooks.json                     | OTHER_HOOKS
          leases-expiration.json         | loads
          multiple-options.json          | loads
          mysql-reservations.json        | SQL_HOSTS
          pgsql-reservations.json        | SQL_HOSTS
          reservations.json              | loads
          several-subnets.json           | loads
          shared-network.json            | loads
          single-subnet.json             | loads
          vendor-specific.json           | loads
          vivso.json                     | loads
          with-ddns.json                 | loads
          """)
  void example_loads_orOnlyFeaturesOutsideThisWorkStopIt(String name, String outcome)
      throws Exception {
    Path file = example(name);
    if (outcome.equals("loads")) {
      Dhcp4Config config = Dhcp4ConfigParser.read(file);
      assertThat(config.subnets()).isNotEmpty();
      // Every warning names its path.
      assertThat(config.warnings()).allMatch(w -> w.startsWith("/"));
      TABLE.put(name, "loads (" + config.warnings().size() + " warnings)");
      return;
    }
    Set<Outside> features =
        Arrays.stream(outcome.split(" ")).map(Outside::valueOf).collect(Collectors.toSet());
    assertThatThrownBy(() -> Dhcp4ConfigParser.read(file))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(features)
                    .as("the refusal %s is about one of %s", e.getMessage(), features)
                    .anyMatch(
                        f -> f.covers(e.getMessage().substring(0, e.getMessage().indexOf(':')))));
    ObjectNode root = (ObjectNode) KeaConfigReader.read(file).toJson();
    ObjectNode dhcp4 = (ObjectNode) root.get("Dhcp4");
    features.forEach(f -> f.strip(dhcp4));
    assertThatCode(
            () ->
                Dhcp4ConfigParser.parse(
                    KeaConfigReader.parse(root.toString(), name + " without " + features),
                    file.getParent()))
        .as("%s loads once %s are taken out", name, features)
        .doesNotThrowAnyException();
    TABLE.put(
        name, "refused only for " + new java.util.TreeSet<>(features) + "; loads without them");
  }
}
