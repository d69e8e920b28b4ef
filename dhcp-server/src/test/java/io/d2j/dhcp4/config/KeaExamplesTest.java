package io.d2j.dhcp4.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.keaconfig.ConfigException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kea 2.2's own example DHCPv4 configurations (doc/examples/kea4, unchanged copies; see
 * src/test/resources/kea-examples/README.md): those inside d2j's subset load as they are, and each
 * of the others is refused at the first setting outside it, by JSON path and position, never loaded
 * with something silently ignored.
 */
class KeaExamplesTest {

  private static Path example(String name) throws URISyntaxException {
    return Path.of(KeaExamplesTest.class.getResource("/kea-examples/kea-2.2.0/" + name).toURI());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "backends.json",
        "leases-expiration.json",
        "multiple-options.json",
        "single-subnet.json",
        "with-ddns.json"
      })
  void exampleInsideTheSubset_loadsUnchanged(String name) throws Exception {
    Dhcp4Config config = Dhcp4ConfigParser.read(example(name));

    assertThat(config.subnets()).isNotEmpty();
    // Every warning names its path: accepted settings d2j does not act on yet (loggers, DDNS).
    assertThat(config.warnings()).allMatch(w -> w.startsWith("/"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          advanced.json                  | /Dhcp4/sanity-checks: 'sanity-checks' is not supported by d2j-dhcp4 yet | 47:22
          all-options.json               | /Dhcp4/option-def: 'option-def' is not supported by d2j-dhcp4 yet | 1605:19
          classify.json                  | /Dhcp4/client-classes: 'client-classes' is not supported by d2j-dhcp4 yet | 20:21
          classify2.json                 | /Dhcp4/client-classes: 'client-classes' is not supported by d2j-dhcp4 yet | 21:21
          comments.json                  | /Dhcp4/option-def: 'option-def' is not supported by d2j-dhcp4 yet | 17:18
          config-backend.json            | /Dhcp4/server-tag: 'server-tag' is not supported by d2j-dhcp4 yet | 12:19
          dhcpv4-over-dhcpv6.json        | /Dhcp4/dhcp4o6-port: 'dhcp4o6-port' is not supported by d2j-dhcp4 yet | 30:19
          global-reservations.json       | /Dhcp4/host-reservation-identifiers: 'host-reservation-identifiers' is not supported by d2j-dhcp4 yet | 49:35
          ha-load-balancing-primary.json | /Dhcp4/client-classes: 'client-classes' is not supported by d2j-dhcp4 yet | 42:23
          hooks-radius.json              | /Dhcp4/host-reservation-identifiers: 'host-reservation-identifiers' is not supported by d2j-dhcp4 yet | 85:35
          hooks.json                     | /Dhcp4/hooks-libraries/0/library: Kea hook libraries cannot be loaded by d2j-dhcp4; name a d2j plugin as "d2j:NAME", got '/opt/lib/security.so' | 37:20
          mysql-reservations.json        | /Dhcp4/host-reservation-identifiers: 'host-reservation-identifiers' is not supported by d2j-dhcp4 yet | 47:5
          pgsql-reservations.json        | /Dhcp4/host-reservation-identifiers: 'host-reservation-identifiers' is not supported by d2j-dhcp4 yet | 46:5
          reservations.json              | /Dhcp4/host-reservation-identifiers: 'host-reservation-identifiers' is not supported by d2j-dhcp4 yet | 44:33
          several-subnets.json           | /Dhcp4/echo-client-id: 'echo-client-id' is not supported by d2j-dhcp4 yet | 33:21
          shared-network.json            | /Dhcp4/shared-networks/0/match-client-id: 'match-client-id' is not supported by d2j-dhcp4 yet | 50:32
          vendor-specific.json           | /Dhcp4/option-def: 'option-def' is not supported by d2j-dhcp4 yet | 6:23
          vivso.json                     | /Dhcp4/option-def: 'option-def' is not supported by d2j-dhcp4 yet | 11:23
          all-keys.json                  | /Dhcp4/authoritative: 'authoritative' is not supported by d2j-dhcp4 yet | 17:26
          all-keys-netconf.json          | /Dhcp4/authoritative: 'authoritative' is not supported by d2j-dhcp4 yet | 17:26
          """)
  void exampleOutsideTheSubset_isRefusedAtItsFirstUnsupportedSetting(
      String name, String message, String position) throws Exception {
    Path file = example(name);

    assertThatThrownBy(() -> Dhcp4ConfigParser.read(file))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message + " (" + file + ":" + position + ")");
  }
}
