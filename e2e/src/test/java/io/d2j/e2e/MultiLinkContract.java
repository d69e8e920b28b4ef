package io.d2j.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.d2j.e2e.MultiLinkLan.Link;
import io.d2j.testkit.Await;
import io.d2j.testkit.NetworkNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DHCPv4 server on a multi-homed host ({@link MultiLinkLan}: a default route on an uplink it does
 * not serve, and two served links): real dhclient, dhcpcd and udhcpc on each link get an address of
 * their own link's subnet, the replies leave by that link (never by the uplink), and, with raw
 * sockets, an OFFER to a client whose broadcast bit is clear (all three clear it) is a unicast to
 * its new address and its MAC (RFC 2131 §4.1), as tcpdump on the client's interface sees it. Link
 * A's subnet is selected by the interface's address, link B's by {@code "interface": "lanB"}.
 * Subclasses name the server and the socket type; kea-dhcp4 2.2 with raw sockets is the reference.
 */
@Timeout(300)
abstract class MultiLinkContract {

  @TempDir Path dir;

  private MultiLinkLan lan;
  private final List<AutoCloseable> running = new ArrayList<>();

  abstract Daemon startServer(NetworkNamespace ns, Path dir, String dhcp4Json) throws IOException;

  /** {@code raw} or {@code udp}. */
  abstract String socketType();

  /** Skips (with the reason) when the server of this subclass is missing. */
  abstract void assumeServerAvailable();

  @BeforeEach
  void needsPeers() {
    NetworkNamespace.assumeAvailable();
    for (Path p : List.of(Dhclient.BINARY, Dhcpcd.BINARY, Udhcpc.BINARY, Capture.BINARY)) {
      assumeTrue(
          Files.isExecutable(p),
          p
              + " not installed (scripts/install-deps.sh: isc-dhcp-client, dhcpcd5, udhcpc, tcpdump)");
    }
    assumeServerAvailable();
  }

  @AfterEach
  void stopAll() {
    for (int i = running.size() - 1; i >= 0; i--) {
      try {
        running.get(i).close();
      } catch (Exception e) {
        // Keep stopping the others.
      }
    }
    if (lan != null) {
      lan.close();
    }
  }

  @Test
  void clientsOnTwoLinks_eachGetAnAddressOfTheirLink_repliesLeaveByThatLink() throws Exception {
    lan = MultiLinkLan.create();
    Path serverDir = Files.createDirectories(dir.resolve("server"));
    Daemon server = startServer(lan.server(), serverDir, config(socketType(), serverDir));
    running.add(server);
    Capture uplink = Capture.start(lan.upstream(), "up0", dir.resolve("uplink"));
    running.add(uplink);

    int n = 0;
    for (Link link : Link.values()) {
      for (String kind : List.of("dhclient", "dhcpcd", "udhcpc")) {
        n++;
        String mac = String.format("02:00:5e:%02x:00:%02x", link.ordinal() + 1, n);
        NetworkNamespace ns = lan.addClient(link, mac);
        Path clientDir = dir.resolve(kind + "-" + link);
        Capture wire = Capture.start(ns, DhcpLan.CLIENT_INTERFACE, clientDir);
        running.add(wire);
        String address = obtain(kind, ns, clientDir);
        assertThat(address).as("%s on link %s (%s)", kind, link, server).startsWith(link.net + ".");
        assertOfferRouting(kind + " on link " + link, wire, address, mac);
      }
    }
    assertThat(uplink.messages())
        .as("DHCP seen on the uplink (replies must leave by the client's link)")
        .isEmpty();
  }

  private String obtain(String kind, NetworkNamespace ns, Path clientDir) throws Exception {
    switch (kind) {
      case "dhclient" -> {
        Dhclient c = new Dhclient(ns, clientDir, "request subnet-mask, routers;\n");
        running.add(c::stop);
        return c.obtain();
      }
      case "dhcpcd" -> {
        Dhcpcd c = new Dhcpcd(ns, clientDir, "ml-dhcpcd");
        running.add(c);
        return c.obtain();
      }
      default -> {
        Udhcpc c = new Udhcpc(ns, clientDir, List.of("-x", "hostname:ml-udhcpc"));
        running.add(c);
        return c.obtain();
      }
    }
  }

  /**
   * Raw sockets: the OFFER goes to the offered address and the client's MAC. UDP sockets: to
   * 255.255.255.255 and the link broadcast (a UDP socket cannot reach a client without an address
   * by unicast), but by the client's link all the same.
   */
  private void assertOfferRouting(String who, Capture wire, String address, String mac) {
    // tcpdump prints a moment after the client acted on the frame.
    List<Capture.Message> offers =
        Await.until(
            Duration.ofSeconds(10),
            "an OFFER in the capture of " + who,
            () -> {
              List<Capture.Message> seen =
                  wire.messages().stream()
                      .filter(m -> m.reply() && m.type().equals("Offer"))
                      .toList();
              return seen.isEmpty() ? Optional.empty() : Optional.of(seen);
            });
    Capture.Message offer = offers.get(offers.size() - 1);
    if (socketType().equals("raw")) {
      assertThat(offer)
          .as("%s: OFFER by unicast", who)
          .isEqualTo(new Capture.Message(mac, address, true, "Offer"));
    } else {
      assertThat(offer)
          .as("%s: OFFER by broadcast", who)
          .isEqualTo(new Capture.Message("ff:ff:ff:ff:ff:ff", "255.255.255.255", true, "Offer"));
    }
  }

  /** The same Kea-format file for both servers. */
  static String config(String socketType, Path serverDir) {
    return """
        {"Dhcp4": {
          "interfaces-config": {"interfaces": ["%s", "%s"], "dhcp-socket-type": "%s"},
          "valid-lifetime": 120, "renew-timer": 60, "rebind-timer": 90,
          "lease-database": {"type": "memfile", "persist": true, "name": "%s"},
          "subnet4": [
            {"id": 1, "subnet": "10.1.0.0/24", "pools": [{"pool": "10.1.0.100 - 10.1.0.150"}]},
            {"id": 2, "subnet": "10.2.0.0/24", "interface": "%s",
             "pools": [{"pool": "10.2.0.100 - 10.2.0.150"}]}],
          "loggers": [{"name": "kea-dhcp4", "severity": "INFO",
                       "output_options": [{"output": "stdout"}]}]
        }}
        """
        .formatted(
            Link.A.iface, Link.B.iface, socketType, serverDir.resolve("leases4.csv"), Link.B.iface);
  }
}
