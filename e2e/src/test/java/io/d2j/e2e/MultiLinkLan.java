package io.d2j.e2e;

import io.d2j.testkit.NetworkNamespace;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A multi-homed DHCP server host made of network namespaces, as production has it: the server
 * namespace holds an {@code uplink} (a veth to an upstream namespace, 198.51.100.2/24) that carries
 * the default route and is not served, and two served links, {@code lanA} (10.1.0.1/24) and {@code
 * lanB} (10.2.0.1/24), each a bridge (the link's switch) to which every client namespace of that
 * link is joined by a veth pair whose client end is {@code eth0} with a chosen MAC and no address.
 * A limited broadcast that the server leaves to routing goes out by the uplink: the mistake this
 * layout exists to catch. Nothing touches the host's interfaces.
 */
final class MultiLinkLan implements AutoCloseable {
  static final String UPLINK = "uplink";

  /** One served link: its interface in the server namespace, subnet and server address. */
  enum Link {
    A("lanA", "10.1.0"),
    B("lanB", "10.2.0");

    final String iface;
    final String net;

    Link(String iface, String net) {
      this.iface = iface;
      this.net = net;
    }

    String serverAddress() {
      return net + ".1";
    }
  }

  private final NetworkNamespace server;
  private final NetworkNamespace upstream;
  private final List<NetworkNamespace> clients = new ArrayList<>();

  private MultiLinkLan(NetworkNamespace server, NetworkNamespace upstream) {
    this.server = server;
    this.upstream = upstream;
  }

  static MultiLinkLan create() throws IOException {
    NetworkNamespace s = NetworkNamespace.create("d2j-ml-srv");
    NetworkNamespace up;
    try {
      up = NetworkNamespace.create("d2j-ml-up");
    } catch (IOException e) {
      s.close();
      throw e;
    }
    MultiLinkLan lan = new MultiLinkLan(s, up);
    try {
      s.ip("link", "add", UPLINK, "type", "veth", "peer", "name", "up0", "netns", up.name());
      s.ip("addr", "add", "198.51.100.2/24", "dev", UPLINK);
      s.ip("link", "set", UPLINK, "up");
      up.ip("addr", "add", "198.51.100.1/24", "dev", "up0");
      up.ip("link", "set", "up0", "up");
      s.ip("route", "add", "default", "via", "198.51.100.1");
      for (Link link : Link.values()) {
        s.ip("link", "add", link.iface, "type", "bridge");
        s.ip("addr", "add", link.serverAddress() + "/24", "dev", link.iface);
        s.ip("link", "set", link.iface, "up");
      }
    } catch (IOException | RuntimeException e) {
      lan.close();
      throw e;
    }
    return lan;
  }

  NetworkNamespace server() {
    return server;
  }

  /** The namespace at the far end of the uplink (to watch that no reply leaves that way). */
  NetworkNamespace upstream() {
    return upstream;
  }

  /**
   * A new client namespace whose {@code eth0} (MAC {@code mac}, up, no address) is on {@code link}.
   */
  NetworkNamespace addClient(Link link, String mac) throws IOException {
    NetworkNamespace client = NetworkNamespace.create("d2j-ml-cli");
    clients.add(client);
    String port = "p" + clients.size();
    server.ip(
        "link",
        "add",
        port,
        "type",
        "veth",
        "peer",
        "name",
        DhcpLan.CLIENT_INTERFACE,
        "address",
        mac,
        "netns",
        client.name());
    server.ip("link", "set", port, "master", link.iface);
    server.ip("link", "set", port, "up");
    client.ip("link", "set", DhcpLan.CLIENT_INTERFACE, "up");
    return client;
  }

  /** Deletes every namespace with its interfaces. Stop processes first. */
  @Override
  public void close() {
    clients.forEach(NetworkNamespace::close);
    upstream.close();
    server.close();
  }
}
