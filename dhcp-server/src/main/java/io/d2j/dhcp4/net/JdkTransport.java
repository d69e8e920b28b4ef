package io.d2j.dhcp4.net;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fallback where {@link NativeTransport} cannot run (not Linux, or JNA's native library cannot
 * load): one JDK UDP socket on 0.0.0.0. It cannot tell the interface a query came in on nor choose
 * the one a reply leaves by, so it serves relays, and direct clients only on a host whose route for
 * 255.255.255.255 leads to them (one served link).
 */
public final class JdkTransport implements Transport {

  private static final Logger LOG = LoggerFactory.getLogger("kea-dhcp4.packets");

  private final DatagramChannel channel;
  private final ByteBuffer buffer = ByteBuffer.allocate(PktinfoSocket.MAX_DATAGRAM);

  private JdkTransport(DatagramChannel channel) {
    this.channel = channel;
  }

  public static JdkTransport open(int port) throws IOException {
    DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
    try {
      ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      ch.setOption(StandardSocketOptions.SO_BROADCAST, true);
      ch.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
      ch.bind(new InetSocketAddress(port));
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    return new JdkTransport(ch);
  }

  @Override
  public boolean receive(List<Inbound> into, int max) {
    try {
      Inbound first = next();
      if (first == null) {
        return channel.isOpen();
      }
      into.add(first);
      channel.configureBlocking(false);
      try {
        Inbound more;
        while (into.size() < max && (more = next()) != null) {
          into.add(more);
        }
      } finally {
        channel.configureBlocking(true);
      }
      return true;
    } catch (ClosedChannelException e) {
      return false;
    } catch (IOException e) {
      LOG.warn("DHCP4_PACKET_RECEIVE_FAIL {}", e.getMessage());
      return channel.isOpen();
    }
  }

  private Inbound next() throws IOException {
    buffer.clear();
    SocketAddress from = channel.receive(buffer);
    if (!(from instanceof InetSocketAddress source)
        || !(source.getAddress() instanceof Inet4Address address)) {
      return null;
    }
    buffer.flip();
    byte[] payload = new byte[buffer.remaining()];
    buffer.get(payload);
    return new Inbound(payload, Optional.empty(), 0, address, source.getPort(), null, new byte[0]);
  }

  @Override
  public void send(Outbound reply) throws IOException {
    channel.send(ByteBuffer.wrap(reply.payload()), new InetSocketAddress(reply.to(), reply.port()));
  }

  @Override
  public int port() {
    try {
      return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    } catch (IOException e) {
      return 0;
    }
  }

  @Override
  public String describe() {
    return "one JDK UDP socket on 0.0.0.0:" + port() + " (no per-interface I/O)";
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.warn("DHCP4_SHUTDOWN closing the socket: {}", e.getMessage());
    }
  }
}
