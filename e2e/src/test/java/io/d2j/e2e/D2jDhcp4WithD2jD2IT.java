package io.d2j.e2e;

import io.d2j.testkit.NetworkNamespace;
import java.io.IOException;
import java.nio.file.Path;

/** Issue scenario 1: dhclient → d2j-dhcp4 → d2j-dhcp-ddns → BIND, d2j in both seats. */
class D2jDhcp4WithD2jD2IT extends DdnsChainContract {

  @Override
  Daemon startDhcp4(NetworkNamespace ns, Path dir, String dhcp4Json) throws IOException {
    return Daemon.d2jDhcp4(ns, dir, dhcp4Json);
  }

  @Override
  Daemon startD2(NetworkNamespace ns, Path dir, String dhcpDdnsJson) throws IOException {
    return Daemon.d2jD2(ns, dir, dhcpDdnsJson);
  }

  @Override
  void assumeSeatsAvailable() {
    // Both seats are this repository's bin/ scripts.
  }

  @Override
  boolean runsOtherClients() {
    return true;
  }
}
