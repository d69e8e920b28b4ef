package io.d2j.dhcp4.it;

import io.d2j.dhcp4.packet.DhcpCodec;
import io.d2j.dhcp4.packet.DhcpFormatException;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpPacket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A relay agent with two helper addresses on loopback, as an operator puts one in front of an HA
 * pair: every query that reaches its port goes to both servers (hops + 1, nothing else changed),
 * and every reply the servers send back to it (their {@code -P} is this port, giaddr 127.0.0.1)
 * goes on to the client that asked. It remembers which server answered which query, so a test can
 * tell who served the clients and whether a query was answered by both.
 */
final class TwoServerRelay implements AutoCloseable {

  /** One query (by xid and message type) and which servers answered it: bit 0 and bit 1. */
  private static final class Exchange {
    final DhcpMessageType type;
    int answeredBy;

    Exchange(DhcpMessageType type) {
      this.type = type;
    }
  }

  /** Queries relayed in a period and how they were answered. */
  record Counts(int queries, int answered, int byServer1, int byServer2, int byBoth) {
    double answeredShare() {
      return queries == 0 ? 1 : (double) answered / queries;
    }

    @Override
    public String toString() {
      return "%d queries, %d answered (%d by server1, %d by server2, %d by both)"
          .formatted(queries, answered, byServer1, byServer2, byBoth);
    }
  }

  /** An ACK that went through: the address, the client's MAC, the server (1 or 2), when. */
  record Ack(String address, String mac, int server, long nanos) {}

  private final DatagramChannel channel;
  private final InetSocketAddress[] servers;
  private final Thread loop;
  private final List<Exchange> exchanges = new ArrayList<>();
  private final Map<Long, Exchange> byKey = new HashMap<>();
  private final Map<Integer, SocketAddress> clientOf = new HashMap<>();
  private final List<Ack> acks = new ArrayList<>();

  /** A relay on a free loopback port; {@link #helpers} says where the servers listen. */
  TwoServerRelay() throws IOException {
    channel = DatagramChannel.open(StandardProtocolFamily.INET);
    channel.bind(new InetSocketAddress(LoopbackRelay.LOOPBACK, 0));
    servers = new InetSocketAddress[2];
    loop = new Thread(this::run, "two-server-relay");
    loop.setDaemon(true);
  }

  /** The port clients send to, and the servers' {@code -P}. */
  int port() throws IOException {
    return ((InetSocketAddress) channel.getLocalAddress()).getPort();
  }

  /** Sets the servers' {@code -p} ports and starts relaying. */
  TwoServerRelay helpers(int server1Port, int server2Port) {
    servers[0] = new InetSocketAddress(LoopbackRelay.LOOPBACK, server1Port);
    servers[1] = new InetSocketAddress(LoopbackRelay.LOOPBACK, server2Port);
    loop.start();
    return this;
  }

  /** A mark in the relay's record: {@link #since} counts from it. */
  synchronized int mark() {
    return exchanges.size();
  }

  /** DISCOVERs and REQUESTs relayed since {@code mark} and how they were answered. */
  synchronized Counts since(int mark) {
    int queries = 0;
    int answered = 0;
    int[] by = new int[4];
    for (Exchange e : exchanges.subList(mark, exchanges.size())) {
      if (e.type == DhcpMessageType.DISCOVER || e.type == DhcpMessageType.REQUEST) {
        queries++;
        answered += e.answeredBy == 0 ? 0 : 1;
        by[e.answeredBy]++;
      }
    }
    return new Counts(queries, answered, by[1], by[2], by[3]);
  }

  /** Every ACK relayed so far, in order. */
  synchronized List<Ack> acks() {
    return List.copyOf(acks);
  }

  private void run() {
    ByteBuffer buf = ByteBuffer.allocate(1500);
    while (channel.isOpen()) {
      try {
        buf.clear();
        SocketAddress from = channel.receive(buf);
        byte[] datagram = Arrays.copyOf(buf.array(), buf.position());
        if (datagram.length < 240) {
          continue;
        }
        DhcpPacket packet = DhcpCodec.decode(datagram);
        Optional<DhcpMessageType> type = packet.messageType();
        if (datagram[0] == 1 && type.isPresent()) {
          relayQuery(datagram, packet.xid(), type.get(), from);
        } else if (datagram[0] == 2 && type.isPresent()) {
          relayReply(datagram, packet, type.get(), from);
        }
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException | DhcpFormatException | RuntimeException e) {
        // A datagram that is not DHCP: a relay drops it.
      }
    }
  }

  private void relayQuery(byte[] datagram, int xid, DhcpMessageType type, SocketAddress from)
      throws IOException {
    synchronized (this) {
      Exchange e = new Exchange(type);
      exchanges.add(e);
      byKey.put(key(xid, type), e);
      clientOf.put(xid, from);
    }
    datagram[3]++; // hops
    for (InetSocketAddress server : servers) {
      channel.send(ByteBuffer.wrap(datagram), server);
    }
  }

  private void relayReply(
      byte[] datagram, DhcpPacket reply, DhcpMessageType type, SocketAddress from)
      throws IOException {
    int xid = reply.xid();
    DhcpMessageType query =
        type == DhcpMessageType.OFFER ? DhcpMessageType.DISCOVER : DhcpMessageType.REQUEST;
    SocketAddress client;
    synchronized (this) {
      Exchange e = byKey.get(key(xid, query));
      int server = servers[0].equals(from) ? 1 : servers[1].equals(from) ? 2 : 0;
      if (e != null && server != 0) {
        e.answeredBy |= 1 << (server - 1);
      }
      if (type == DhcpMessageType.ACK) {
        acks.add(
            new Ack(
                reply.yiaddr().getHostAddress(),
                reply.hardwareAddress().toColonHex(),
                server,
                System.nanoTime()));
      }
      client = clientOf.get(xid);
    }
    if (client != null) {
      channel.send(ByteBuffer.wrap(datagram), client);
    }
  }

  private static long key(int xid, DhcpMessageType type) {
    return ((long) xid << 8) | type.ordinal();
  }

  @Override
  public void close() throws IOException {
    channel.close();
    try {
      loop.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
