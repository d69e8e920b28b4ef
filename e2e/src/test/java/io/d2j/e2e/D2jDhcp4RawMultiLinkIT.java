package io.d2j.e2e;

import io.d2j.testkit.NetworkNamespace;
import java.io.IOException;
import java.nio.file.Path;

/** d2j-dhcp4 with {@code dhcp-socket-type: raw} on a multi-homed host. */
class D2jDhcp4RawMultiLinkIT extends MultiLinkContract {

  @Override
  Daemon startServer(NetworkNamespace ns, Path dir, String dhcp4Json) throws IOException {
    return Daemon.d2jDhcp4(ns, dir, dhcp4Json);
  }

  @Override
  String socketType() {
    return "raw";
  }

  @Override
  void assumeServerAvailable() {
    // bin/d2j-dhcp4 is this repository's.
  }
}
