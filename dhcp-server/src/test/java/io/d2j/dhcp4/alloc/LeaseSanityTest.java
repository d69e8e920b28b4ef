package io.d2j.dhcp4.alloc;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.dhcp4.lease.InMemoryLeaseStore;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.keaconfig.KeaConfigReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** sanity-checks.lease-checks on loaded leases whose subnet id no longer fits their address. */
class LeaseSanityTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          none    | 9 9        |
          warn    | 9 9        | DHCPSRV_LEASE_SANITY_FAIL lease 10.0.0.10 has subnet-id 9, but its address lies in subnet 1;DHCPSRV_LEASE_SANITY_FAIL lease 10.9.0.10 has subnet-id 9, and no subnet holds its address
          fix     | 1 9        | DHCPSRV_LEASE_SANITY_FIXED lease 10.0.0.10 has subnet-id 9, but its address lies in subnet 1: moved to it;DHCPSRV_LEASE_SANITY_FAIL lease 10.9.0.10 has subnet-id 9, and no subnet holds its address: kept
          fix-del | 1 gone     | DHCPSRV_LEASE_SANITY_FIXED lease 10.0.0.10 has subnet-id 9, but its address lies in subnet 1: moved to it;DHCPSRV_LEASE_SANITY_FAIL_DISCARD lease 10.9.0.10 has subnet-id 9, and no subnet holds its address: deleted
          del     | gone gone  | DHCPSRV_LEASE_SANITY_FAIL_DISCARD lease 10.0.0.10 has subnet-id 9, but its address lies in subnet 1: deleted;DHCPSRV_LEASE_SANITY_FAIL_DISCARD lease 10.9.0.10 has subnet-id 9, and no subnet holds its address: deleted
          """)
  void misplacedLeases_areHandledAsLeaseChecksSays(String mode, String after, String report) {
    Dhcp4Config config =
        Dhcp4ConfigParser.parse(
            KeaConfigReader.parse(
                """
                {"Dhcp4": {"sanity-checks": {"lease-checks": "%s"},
                  "subnet4": [{"id": 1, "subnet": "10.0.0.0/24"}, {"id": 2, "subnet": "10.1.0.0/24"}]}}
                """
                    .formatted(mode),
                "test.json"),
            Path.of("/tmp"));
    InMemoryLeaseStore store = new InMemoryLeaseStore();
    store.add(lease("10.0.0.10", 9));
    store.add(lease("10.9.0.10", 9));
    store.add(lease("10.1.0.10", 2));

    List<String> lines =
        LeaseSanity.check(config, store).stream().map(LeaseSanity.Finding::toString).toList();

    assertThat(String.join(";", lines)).isEqualTo(report == null ? "" : report);
    String[] expected = after.split(" ");
    assertThat(subnetOf(store, "10.0.0.10")).isEqualTo(expected[0]);
    assertThat(subnetOf(store, "10.9.0.10")).isEqualTo(expected[1]);
    assertThat(subnetOf(store, "10.1.0.10")).isEqualTo("2");
  }

  private static Lease4 lease(String address, long subnet) {
    return Lease4.assigned(
        Fixtures.ip(address), Fixtures.mac('a'), io.d2j.dhcp4.Octets.EMPTY, 3600, 1000, subnet);
  }

  private static String subnetOf(InMemoryLeaseStore store, String address) {
    return store.get(Fixtures.ip(address)).map(l -> Long.toString(l.subnetId())).orElse("gone");
  }
}
