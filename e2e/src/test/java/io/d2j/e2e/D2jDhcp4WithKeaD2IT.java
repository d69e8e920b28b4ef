package io.d2j.e2e;

import io.d2j.testkit.KeaD2Server;
import io.d2j.testkit.NetworkNamespace;
import java.io.IOException;
import java.nio.file.Path;

/** Issue scenario 2: dhclient → d2j-dhcp4 → Kea's kea-dhcp-ddns 2.2 → BIND. */
class D2jDhcp4WithKeaD2IT extends DdnsChainContract {

  @Override
  Daemon startDhcp4(NetworkNamespace ns, Path dir, String dhcp4Json) throws IOException {
    return Daemon.d2jDhcp4(ns, dir, dhcp4Json);
  }

  @Override
  Daemon startD2(NetworkNamespace ns, Path dir, String dhcpDdnsJson) throws IOException {
    return Daemon.keaD2(ns, dhcpDdnsJson);
  }

  @Override
  void assumeSeatsAvailable() {
    KeaD2Server.assumeAvailable();
  }
}
