package io.d2j.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.d2j.e2e.MultiLinkLan.Link;
import io.d2j.testkit.ChildProcess;
import io.d2j.testkit.NetworkNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Kea's {@code dhcp-socket-type: udp} does with a directly attached client: nothing. Its
 * sockets are bound to the interface addresses, so a DISCOVER to 255.255.255.255 never reaches it
 * (Kea's documentation: udp is for relayed traffic). d2j's udp mode serves such clients ({@link
 * D2jDhcp4UdpMultiLinkIT}); this test pins the difference down with the same configuration.
 */
@Timeout(120)
class KeaDhcp4UdpMultiLinkIT {

  @TempDir Path dir;

  @Test
  void keaUdpSockets_neverAnswerADirectlyAttachedClient() throws Exception {
    NetworkNamespace.assumeAvailable();
    assumeTrue(Files.isExecutable(Daemon.KEA_DHCP4), "kea-dhcp4 not installed");
    assumeTrue(Files.isExecutable(Udhcpc.BINARY), "udhcpc not installed");
    try (MultiLinkLan lan = MultiLinkLan.create()) {
      Path serverDir = Files.createDirectories(dir.resolve("server"));
      String config = MultiLinkContract.config("udp", serverDir);
      try (Daemon kea = Daemon.keaDhcp4(lan.server(), serverDir, config)) {
        NetworkNamespace ns = lan.addClient(Link.A, "02:00:5e:01:00:99");
        // Three DISCOVERs a second apart, then give up (-n): a server that hears them answers
        // the first in milliseconds.
        ChildProcess udhcpc =
            ChildProcess.start(
                ns.command(
                    List.of(
                        Udhcpc.BINARY.toString(),
                        "-f",
                        "-q",
                        "-n",
                        "-i",
                        DhcpLan.CLIENT_INTERFACE,
                        "-t",
                        "3",
                        "-T",
                        "1",
                        "-s",
                        "/bin/true")),
                dir,
                Map.of(),
                dir.resolve("udhcpc.log"));
        while (udhcpc.isAlive()) {
          Thread.sleep(200);
        }
        assertThat(udhcpc.log()).contains("no lease, failing").doesNotContain("obtained");
        assertThat(kea.log()).doesNotContain("DHCP4_LEASE_ALLOC");
      }
    }
  }
}
