package io.d2j.dhcp4.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.dhcp4.lease.OnFail;
import io.d2j.dhcp4.lease.PgAccess;
import io.d2j.dhcp4.lease.Reconnect;
import io.d2j.keaconfig.ConfigException;
import io.d2j.keaconfig.KeaConfigReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code lease-database}: Kea 2.2's keys, defaults, ranges and texts, by path and position. */
class LeaseDatabaseParserTest {

  private static Dhcp4Config parse(String leaseDatabase) {
    return Dhcp4ConfigParser.parse(
        KeaConfigReader.parse(
            "{\"Dhcp4\": {\"lease-database\": " + leaseDatabase + "}}", "kea.json"),
        Path.of("/etc/kea"));
  }

  @Test
  void postgresql_everyKey() {
    Dhcp4Config c =
        parse(
            """
            {"type": "postgresql", "name": "kea", "host": "192.0.2.7", "port": 5433,
             "user": "keauser", "password": "secret", "connect-timeout": 9,
             "max-reconnect-tries": 5, "reconnect-wait-time": 2500,
             "on-fail": "serve-retry-continue"}""");
    assertThat(c.leaseDatabase())
        .isEqualTo(
            new LeaseDatabase.Postgresql(
                new PgAccess(
                    "192.0.2.7",
                    5433,
                    "kea",
                    Optional.of("keauser"),
                    Optional.of("secret"),
                    Duration.ofSeconds(9)),
                new Reconnect(5, Duration.ofMillis(2500), OnFail.SERVE_RETRY_CONTINUE)));
    assertThat(c.warnings()).isEmpty();
  }

  @Test
  void postgresql_keaDefaults() {
    Dhcp4Config c = parse("{\"type\": \"postgresql\", \"name\": \"kea\"}");
    assertThat(c.leaseDatabase())
        .isEqualTo(
            new LeaseDatabase.Postgresql(
                new PgAccess(
                    "localhost",
                    5432,
                    "kea",
                    Optional.empty(),
                    Optional.empty(),
                    Duration.ofSeconds(5)),
                new Reconnect(0, Duration.ZERO, OnFail.STOP_RETRY_EXIT)));
    assertThat(((LeaseDatabase.Postgresql) c.leaseDatabase()).reconnect().enabled()).isFalse();
  }

  @Test
  void postgresql_portZero_isTheDefaultPort() {
    Dhcp4Config c = parse("{\"type\": \"postgresql\", \"name\": \"kea\", \"port\": 0}");
    assertThat(((LeaseDatabase.Postgresql) c.leaseDatabase()).access().port()).isEqualTo(5432);
  }

  @Test
  void postgresql_memfileKeys_areIgnoredWithAWarning() {
    Dhcp4Config c =
        parse(
            "{\"type\": \"postgresql\", \"name\": \"kea\", \"lfc-interval\": 3600,"
                + " \"readonly\": false}");
    assertThat(c.warnings())
        .containsExactlyInAnyOrder(
            "/Dhcp4/lease-database/lfc-interval: 'lfc-interval' applies to memfile; ignored for"
                + " postgresql",
            "/Dhcp4/lease-database/readonly: 'readonly' applies to memfile; ignored for"
                + " postgresql");
  }

  @Test
  void password_neverAppearsInTheSettingsText() {
    Dhcp4Config c =
        parse(
            "{\"type\": \"postgresql\", \"name\": \"kea\", \"user\": \"u\", \"password\": \"s3\"}");
    String text = c.leaseDatabase().toString();
    assertThat(text).doesNotContain("s3");
    assertThat(((LeaseDatabase.Postgresql) c.leaseDatabase()).access().redacted())
        .isEqualTo(
            "connect-timeout=5 host=localhost name=kea password=***** port=5432 type=postgresql"
                + " user=u");
  }

  @Test
  void memfile_asBefore() {
    Dhcp4Config c =
        parse(
            "{\"type\": \"memfile\", \"name\": \"l.csv\", \"lfc-interval\": 0, \"persist\": false}");
    assertThat(c.leaseDatabase())
        .isEqualTo(new LeaseDatabase.Memfile(false, Path.of("/etc/kea/l.csv"), Duration.ZERO, 0));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          no type          | {"name": "kea"} | /Dhcp4/lease-database: missing mandatory 'type' (kea.json:1:30)
          unknown type     | {"type": "cql"} | /Dhcp4/lease-database/type: unknown backend database type: cql (kea.json:1:39)
          mysql            | {"type": "mysql", "name": "kea"} | /Dhcp4/lease-database/type: lease database type 'mysql' is not supported by d2j-dhcp4 yet; use memfile or postgresql (kea.json:1:39)
          no name          | {"type": "postgresql"} | /Dhcp4/lease-database: must specify a name for the database (kea.json:1:30)
          blank name       | {"type": "postgresql", "name": ""} | /Dhcp4/lease-database/name: must specify a name for the database (kea.json:1:61)
          port too big     | {"type": "postgresql", "name": "k", "port": 65536} | /Dhcp4/lease-database/port: port value: 65536 is out of range, expected value: 0..65535 (kea.json:1:74)
          negative port    | {"type": "postgresql", "name": "k", "port": -1} | /Dhcp4/lease-database/port: port value: -1 is out of range, expected value: 0..65535 (kea.json:1:74)
          port as string   | {"type": "postgresql", "name": "k", "port": "5432"} | /Dhcp4/lease-database/port: expected an integer, got string (kea.json:1:74)
          timeout negative | {"type": "postgresql", "name": "k", "connect-timeout": -1} | /Dhcp4/lease-database/connect-timeout: connect-timeout value: -1 is out of range, expected value: 0..4294967295 (kea.json:1:85)
          timeout zero     | {"type": "postgresql", "name": "k", "connect-timeout": 0} | /Dhcp4/lease-database/connect-timeout: database connection timeout (0) must be an integer greater than 0 (kea.json:1:85)
          timeout too big  | {"type": "postgresql", "name": "k", "connect-timeout": 2147483648} | /Dhcp4/lease-database/connect-timeout: database connection timeout (2147483648) must be an integer greater than 0 (kea.json:1:85)
          tries negative   | {"type": "postgresql", "name": "k", "max-reconnect-tries": -1} | /Dhcp4/lease-database/max-reconnect-tries: max-reconnect-tries cannot be less than zero (kea.json:1:89)
          wait negative    | {"type": "postgresql", "name": "k", "reconnect-wait-time": -1} | /Dhcp4/lease-database/reconnect-wait-time: reconnect-wait-time -1 must be in range 0...MAX_UINT32 (4294967295) (kea.json:1:89)
          wait too big     | {"type": "postgresql", "name": "k", "reconnect-wait-time": 4294967296} | /Dhcp4/lease-database/reconnect-wait-time: reconnect-wait-time 4294967296 must be in range 0...MAX_UINT32 (4294967295) (kea.json:1:89)
          bad on-fail      | {"type": "postgresql", "name": "k", "on-fail": "retry"} | /Dhcp4/lease-database/on-fail: on-fail must be stop-retry-exit, serve-retry-exit or serve-retry-continue, got 'retry' (kea.json:1:77)
          unix socket host | {"type": "postgresql", "name": "k", "host": "/var/run/postgresql"} | /Dhcp4/lease-database/host: '/var/run/postgresql' is a unix-socket directory; d2j-dhcp4 connects over TCP only: use an address or host name (kea.json:1:74)
          tls              | {"type": "postgresql", "name": "k", "trust-anchor": "/etc/ca.pem"} | /Dhcp4/lease-database/trust-anchor: 'trust-anchor' is not supported by d2j-dhcp4 yet (kea.json:1:82)
          unknown key      | {"type": "postgresql", "name": "k", "pool-size": 4} | /Dhcp4/lease-database/pool-size: 'pool-size' is not supported by d2j-dhcp4 yet (kea.json:1:79)
          memfile sql key  | {"type": "memfile", "host": "h"} | /Dhcp4/lease-database/host: 'host' is not supported by d2j-dhcp4 yet (kea.json:1:58)
          lfc negative     | {"type": "memfile", "lfc-interval": -1} | /Dhcp4/lease-database/lfc-interval: lfc-interval value: -1 is out of range, expected value: 0..4294967295 (kea.json:1:66)
          """)
  void invalidLeaseDatabase_isRejectedWithKeasText(String what, String json, String message) {
    assertThatThrownBy(() -> parse(json))
        .as(what)
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }
}
