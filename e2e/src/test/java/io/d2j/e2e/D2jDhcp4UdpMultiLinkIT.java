package io.d2j.e2e;

import io.d2j.testkit.NetworkNamespace;
import java.io.IOException;
import java.nio.file.Path;

/**
 * d2j-dhcp4 with {@code dhcp-socket-type: udp} on a multi-homed host: unlike kea-dhcp4 (whose UDP
 * sockets are bound to the interface addresses and never hear a broadcast DISCOVER, see {@link
 * KeaDhcp4UdpMultiLinkIT}), it serves directly attached clients, by broadcast on their link.
 */
class D2jDhcp4UdpMultiLinkIT extends MultiLinkContract {

  @Override
  Daemon startServer(NetworkNamespace ns, Path dir, String dhcp4Json) throws IOException {
    return Daemon.d2jDhcp4(ns, dir, dhcp4Json);
  }

  @Override
  String socketType() {
    return "udp";
  }

  @Override
  void assumeServerAvailable() {
    // bin/d2j-dhcp4 is this repository's.
  }
}
