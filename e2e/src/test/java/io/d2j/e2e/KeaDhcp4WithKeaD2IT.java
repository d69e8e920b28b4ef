package io.d2j.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.d2j.testkit.KeaD2Server;
import io.d2j.testkit.NetworkNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The reference: Kea 2.2 in both seats (kea-dhcp4 → kea-dhcp-ddns → BIND) passes the same contract,
 * so what the contract asserts is Kea's behaviour, not d2j's idea of it.
 */
class KeaDhcp4WithKeaD2IT extends DdnsChainContract {

  @Override
  Daemon startDhcp4(NetworkNamespace ns, Path dir, String dhcp4Json) throws IOException {
    return Daemon.keaDhcp4(ns, dir, dhcp4Json);
  }

  @Override
  Daemon startD2(NetworkNamespace ns, Path dir, String dhcpDdnsJson) throws IOException {
    return Daemon.keaD2(ns, dhcpDdnsJson);
  }

  @Override
  void assumeSeatsAvailable() {
    assumeTrue(Files.isExecutable(Daemon.KEA_DHCP4), "kea-dhcp4 not installed (kea-dhcp4-server)");
    KeaD2Server.assumeAvailable();
  }

  @Override
  boolean runsOtherClients() {
    return true;
  }
}
