package io.d2j.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.d2j.testkit.NetworkNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The reference: kea-dhcp4 2.2 with raw sockets passes the same contract, from the same file. */
class KeaDhcp4RawMultiLinkIT extends MultiLinkContract {

  @Override
  Daemon startServer(NetworkNamespace ns, Path dir, String dhcp4Json) throws IOException {
    return Daemon.keaDhcp4(ns, dir, dhcp4Json);
  }

  @Override
  String socketType() {
    return "raw";
  }

  @Override
  void assumeServerAvailable() {
    assumeTrue(Files.isExecutable(Daemon.KEA_DHCP4), "kea-dhcp4 not installed (kea-dhcp4-server)");
  }
}
