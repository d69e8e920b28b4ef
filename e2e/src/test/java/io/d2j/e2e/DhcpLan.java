package io.d2j.e2e;

import io.d2j.testkit.NetworkNamespace;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One DHCP LAN made of network namespaces: a server namespace holding a bridge {@code br0}
 * (192.0.2.1/24) and one namespace per client, each joined to the bridge by a veth pair whose
 * client end is {@code eth0} with a chosen MAC. The DHCP server, the D2 and BIND all run in the
 * server namespace and talk over its own 127.0.0.1; nothing touches the host's interfaces.
 *
 * <p>The server namespace routes 255.255.255.255 to {@code br0}: a server that answers an
 * unconfigured client by limited broadcast (RFC 2131 §4.1) sends it where that route points, as on
 * a one-interface server host.
 */
final class DhcpLan implements AutoCloseable {
  static final String SERVER_ADDRESS = "192.0.2.1";
  static final String BRIDGE = "br0";
  static final String CLIENT_INTERFACE = "eth0";

  private final NetworkNamespace server;
  private final List<NetworkNamespace> clients = new ArrayList<>();

  private DhcpLan(NetworkNamespace server) {
    this.server = server;
  }

  static DhcpLan create() throws IOException {
    DhcpLan lan = new DhcpLan(NetworkNamespace.create("d2j-e2e-srv"));
    try {
      NetworkNamespace s = lan.server;
      s.ip("link", "add", BRIDGE, "type", "bridge");
      s.ip("addr", "add", SERVER_ADDRESS + "/24", "dev", BRIDGE);
      s.ip("link", "set", BRIDGE, "up");
      s.ip("route", "add", "255.255.255.255/32", "dev", BRIDGE);
    } catch (IOException | RuntimeException e) {
      lan.close();
      throw e;
    }
    return lan;
  }

  NetworkNamespace server() {
    return server;
  }

  /** A new client namespace whose {@code eth0} (MAC {@code mac}, up, no address) is on the LAN. */
  NetworkNamespace addClient(String mac) throws IOException {
    NetworkNamespace client = NetworkNamespace.create("d2j-e2e-cli");
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
        CLIENT_INTERFACE,
        "address",
        mac,
        "netns",
        client.name());
    server.ip("link", "set", port, "master", BRIDGE);
    server.ip("link", "set", port, "up");
    client.ip("link", "set", CLIENT_INTERFACE, "up");
    return client;
  }

  /** Deletes every namespace; the veth pairs and the bridge go with them. Stop processes first. */
  @Override
  public void close() {
    for (NetworkNamespace client : clients) {
      client.close();
    }
    server.close();
  }
}
