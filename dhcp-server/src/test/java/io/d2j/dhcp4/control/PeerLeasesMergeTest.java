package io.d2j.dhcp4.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.dhcp4.lease.InMemoryLeaseStore;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.lease.LeaseState;
import io.d2j.dhcp4.lease.LeaseStore;
import io.d2j.keaconfig.KeaConfigReader;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The HA sync's merge of one partner lease (spec §6.10): added when absent, taken when the
 * partner's {@code cltt} is newer, else kept; and (d2j's addition) taken when it is the same lease
 * the partner has reclaimed and this server has not, so this server does not remove its name again.
 */
class PeerLeasesMergeTest {

  private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);
  private static final long CLTT = NOW.getEpochSecond() - 7200;

  private static final Dhcp4Config CONFIG =
      Dhcp4ConfigParser.parse(
          KeaConfigReader.parse(
              """
              {"Dhcp4": {"valid-lifetime": 3600,
                "subnet4": [{"id": 1, "subnet": "10.0.0.0/24",
                             "pools": [{"pool": "10.0.0.10-10.0.0.20"}]}]}}
              """,
              "kea.json"),
          Path.of("/tmp"));

  /** A lease as lease4-get-page returns it (cltt, not expire). */
  private static JsonNode partner(String hw, long cltt, int state, String hostname)
      throws Exception {
    return new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(
            """
            {"ip-address": "10.0.0.10", "hw-address": "%s", "valid-lft": 3600, "cltt": %d,
             "subnet-id": 1, "fqdn-fwd": %b, "fqdn-rev": %b, "hostname": "%s", "state": %d}
            """
                .formatted(hw, cltt, !hostname.isEmpty(), !hostname.isEmpty(), hostname, state));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          absent here                         | -                 | 0   | 0 | 0 | host.example.com. | ADDED   | 0
          partner's newer                     | 0a:0b:0c:0d:0e:0f | -10 | 0 | 0 | host.example.com. | UPDATED | 0
          ours newer                          | 0a:0b:0c:0d:0e:0f | 10  | 0 | 0 | host.example.com. | SKIPPED | 0
          same, both unreclaimed              | 0a:0b:0c:0d:0e:0f | 0   | 0 | 0 | host.example.com. | SKIPPED | 0
          same, reclaimed there only          | 0a:0b:0c:0d:0e:0f | 0   | 0 | 2 | ''                | UPDATED | 2
          same, reclaimed here only           | 0a:0b:0c:0d:0e:0f | 0   | 2 | 0 | host.example.com. | SKIPPED | 2
          same cltt, another client reclaimed | 0a:0b:0c:0d:0e:01 | 0   | 0 | 2 | ''                | SKIPPED | 0
          """)
  void merge(
      String name,
      String ownHw,
      long ownClttOffset,
      int ownState,
      int partnerState,
      String partnerHostname,
      PeerLeases.Merge expected,
      int stateAfter)
      throws Exception {
    LeaseStore store = new InMemoryLeaseStore();
    if (!ownHw.equals("-")) {
      Lease4 own =
          Lease4.assigned(
                  (java.net.Inet4Address) io.d2j.ncr.IpAddresses.parse("10.0.0.10"),
                  io.d2j.dhcp4.Octets.parseColonHex(ownHw),
                  io.d2j.dhcp4.Octets.EMPTY,
                  3600,
                  CLTT + ownClttOffset,
                  1)
              .withState(LeaseState.fromCode(ownState));
      store.add(own);
    }
    LeaseTarget target =
        new LeaseTarget() {
          @Override
          public Dhcp4Config config() {
            return CONFIG;
          }

          @Override
          public LeaseStore leases() {
            return store;
          }
        };
    assertThat(
            PeerLeases.merge(
                target, partner("0a:0b:0c:0d:0e:0f", CLTT, partnerState, partnerHostname), NOW))
        .isEqualTo(expected);
    assertThat(
            store
                .get((java.net.Inet4Address) io.d2j.ncr.IpAddresses.parse("10.0.0.10"))
                .orElseThrow()
                .state()
                .code())
        .isEqualTo(stateAfter);
  }
}
