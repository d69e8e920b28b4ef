package io.d2j.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.d2j.testkit.NetworkNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Issue scenario 3 with real clients: dhclient → Kea's kea-dhcp4 2.2 → d2j-dhcp-ddns → BIND. (The
 * perfdhcp variant on loopback is d2-daemon's KeaDhcp4AckIT.)
 */
class KeaDhcp4WithD2jD2IT extends DdnsChainContract {

  @Override
  Daemon startDhcp4(NetworkNamespace ns, Path dir, String dhcp4Json) throws IOException {
    return Daemon.keaDhcp4(ns, dir, dhcp4Json);
  }

  @Override
  Daemon startD2(NetworkNamespace ns, Path dir, String dhcpDdnsJson) throws IOException {
    return Daemon.d2jD2(ns, dir, dhcpDdnsJson);
  }

  @Override
  void assumeSeatsAvailable() {
    assumeTrue(Files.isExecutable(Daemon.KEA_DHCP4), "kea-dhcp4 not installed (kea-dhcp4-server)");
  }
}
