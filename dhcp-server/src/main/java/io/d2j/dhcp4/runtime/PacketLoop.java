package io.d2j.dhcp4.runtime;

import io.d2j.dhcp4.handler.HandlerChain;
import io.d2j.dhcp4.handler.PacketContext;
import io.d2j.dhcp4.lease.LeaseStore;
import io.d2j.dhcp4.packet.DhcpCodec;
import io.d2j.dhcp4.packet.DhcpFormatException;
import io.d2j.dhcp4.packet.DhcpPacket;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's socket and its one thread: receive, decode, run the chain, send. A plain JDK {@link
 * DatagramChannel} rather than Vert.x, as d2-daemon's NCR listener: the chain is synchronous and a
 * reply waits until its lease row is on disk (one sync per batch of queries, {@link #run()}), so
 * one thread that owns the whole exchange keeps allocation race-free without locks (two DISCOVERs
 * can never be offered the same address) and needs no hand-off. Nothing a datagram contains can
 * stop the loop: undecodable packets are counted and logged with the defect, and a handler that
 * throws loses only its query.
 *
 * <p>Bound to 0.0.0.0 so that broadcasts from directly connected clients arrive too.
 */
final class PacketLoop implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger("kea-dhcp4.packets");
  private static final int MAX_DATAGRAM = 65535;

  private final DatagramChannel channel;
  private final HandlerChain chain;
  private final Inet4Address serverId;
  private final List<Inet4Address> localAddresses;
  private final OptionalInt clientPort;
  private final Clock clock;
  private final Dhcp4Stats stats;

  /** Queries handled per batch at most: one lease-file sync covers them all (group commit). */
  static final int MAX_BATCH = 64;

  /**
   * The lease store, also held as a lock while the chain runs: allocation reads the store and then
   * writes it, and lease commands and timers must not slip in between (two clients would get one
   * address).
   */
  private final LeaseStore leaseLock;

  /** False while the service is stopped (on-fail stop-retry-exit waiting for the database). */
  private final BooleanSupplier serving;

  private final Thread thread;
  private volatile boolean closing;

  private PacketLoop(
      DatagramChannel channel,
      HandlerChain chain,
      Inet4Address serverId,
      List<Inet4Address> localAddresses,
      OptionalInt clientPort,
      Clock clock,
      Dhcp4Stats stats,
      LeaseStore leaseLock,
      BooleanSupplier serving) {
    this.leaseLock = leaseLock;
    this.serving = serving;
    this.channel = channel;
    this.chain = chain;
    this.serverId = serverId;
    this.localAddresses = List.copyOf(localAddresses);
    this.clientPort = clientPort;
    this.clock = clock;
    this.stats = stats;
    this.thread = new Thread(this::run, "d2j-dhcp4-packets");
  }

  static PacketLoop start(
      InetSocketAddress bind,
      HandlerChain chain,
      Inet4Address serverId,
      List<Inet4Address> localAddresses,
      OptionalInt clientPort,
      Clock clock,
      Dhcp4Stats stats,
      LeaseStore leaseLock,
      BooleanSupplier serving)
      throws IOException {
    DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
    try {
      ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      ch.setOption(StandardSocketOptions.SO_BROADCAST, true);
      ch.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
      ch.bind(bind);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    PacketLoop loop =
        new PacketLoop(
            ch, chain, serverId, localAddresses, clientPort, clock, stats, leaseLock, serving);
    loop.thread.start();
    return loop;
  }

  int port() throws IOException {
    return ((InetSocketAddress) channel.getLocalAddress()).getPort();
  }

  /**
   * Receives a batch (the first query blocking, then whatever else is already waiting, up to {@link
   * #MAX_BATCH}), runs the chain on each with the lease store's syncs deferred, makes the batch's
   * lease changes durable with one sync, and only then sends the replies. Under load this turns one
   * fsync per lease into one per batch; an idle server still answers each query at once.
   */
  private void run() {
    ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
    List<Outgoing> replies = new ArrayList<>();
    while (!closing) {
      replies.clear();
      leaseLock.deferSyncs();
      try {
        SocketAddress from = receive(buffer);
        if (from != null) {
          process(buffer, from, replies);
          // The rest of the batch is what is already queued: non-blocking reads, one mode switch
          // each way per batch; replies go out in blocking mode again.
          channel.configureBlocking(false);
          try {
            for (int n = 1; n < MAX_BATCH && (from = receive(buffer)) != null; n++) {
              process(buffer, from, replies);
            }
          } finally {
            channel.configureBlocking(true);
          }
        }
      } catch (ClosedChannelException e) {
        commit(replies);
        return;
      } catch (IOException e) {
        LOG.warn("DHCP4_PACKET_RECEIVE_FAIL {}", e.getMessage());
      }
      commit(replies);
    }
  }

  /** Runs the chain on the datagram in {@code buffer}; its reply, if any, joins the batch. */
  private void process(ByteBuffer buffer, SocketAddress from, List<Outgoing> replies) {
    buffer.flip();
    byte[] datagram = new byte[buffer.remaining()];
    buffer.get(datagram);
    try {
      Outgoing reply = handle(datagram, from);
      if (reply != null) {
        replies.add(reply);
      }
    } catch (RuntimeException e) {
      // A bug in a handler must cost one query, never the server.
      stats.increment("pkt4-receive-drop");
      LOG.error("DHCP4_PACKET_PROCESS_EXCEPTION query from {} failed: {}", from, e.toString(), e);
    }
  }

  /** Syncs the batch's lease changes, then sends its replies; none when the sync failed. */
  private void commit(List<Outgoing> replies) {
    try {
      leaseLock.commitDeferred();
    } catch (RuntimeException e) {
      replies.forEach(r -> stats.increment("pkt4-receive-drop"));
      LOG.error(
          "DHCP4_LEASE_SYNC_FAILED {} replies not sent: their leases are not durable: {}",
          replies.size(),
          e.toString());
      return;
    }
    for (Outgoing reply : replies) {
      send(reply);
    }
  }

  /**
   * The next datagram into {@code buffer} (waiting for one in blocking mode); null when none is
   * queued in non-blocking mode, or when a receive error was logged.
   */
  private SocketAddress receive(ByteBuffer buffer) throws ClosedChannelException {
    buffer.clear();
    try {
      return channel.receive(buffer);
    } catch (ClosedChannelException e) {
      throw e;
    } catch (IOException e) {
      LOG.warn("DHCP4_PACKET_RECEIVE_FAIL {}", e.getMessage());
      return null;
    }
  }

  /** A reply ready to go, and where. */
  private record Outgoing(DhcpPacket query, DhcpPacket reply, InetSocketAddress to) {}

  /** Runs the chain on one query; the reply to send once the batch is durable, or null. */
  private Outgoing handle(byte[] datagram, SocketAddress from) {
    stats.increment("pkt4-received");
    if (!serving.getAsBoolean()) {
      stats.increment("pkt4-receive-drop");
      LOG.debug("DHCP4_PACKET_DROP_0008 packet from {}: DHCP service is globally disabled", from);
      return null;
    }
    DhcpPacket query;
    try {
      query = DhcpCodec.decode(datagram);
    } catch (DhcpFormatException e) {
      stats.increment("pkt4-parse-failed");
      stats.increment("pkt4-receive-drop");
      LOG.info("DHCP4_PACKET_DROP_0001 failed to parse packet from {}: {}", from, e.getMessage());
      return null;
    }
    if (query.op() != DhcpPacket.BOOTREQUEST) {
      stats.increment("pkt4-receive-drop");
      LOG.info("DHCP4_PACKET_DROP_0001 packet from {} is a BOOTREPLY, not a request", from);
      return null;
    }
    HandlerChain.Result result;
    synchronized (leaseLock) {
      result = chain.run(query, new PacketContext(clock.instant(), serverId, localAddresses));
    }
    if (result instanceof HandlerChain.Silent s) {
      LOG.debug(
          "DHCP4_PACKET_NO_REPLY xid={} from {}: {} ({})",
          Integer.toHexString(query.xid()),
          from,
          s.reason(),
          s.handler());
      return null;
    }
    DhcpPacket reply = ((HandlerChain.Send) result).reply();
    return new Outgoing(query, reply, ReplyRouting.destination(query, reply, clientPort));
  }

  private void send(Outgoing out) {
    DhcpPacket query = out.query();
    DhcpPacket reply = out.reply();
    InetSocketAddress to = out.to();
    try {
      channel.send(
          ByteBuffer.wrap(DhcpCodec.encode(reply, DhcpCodec.replySizeLimit(query.options()))), to);
      stats.increment("pkt4-sent");
      LOG.debug(
          "DHCP4_PACKET_SEND {} xid={} yiaddr={} to {}",
          reply.messageType().orElseThrow(),
          Integer.toHexString(query.xid()),
          reply.yiaddr().getHostAddress(),
          to);
      reply
          .messageType()
          .ifPresent(
              t ->
                  stats.increment("pkt4-" + t.name().toLowerCase(java.util.Locale.ROOT) + "-sent"));
    } catch (IOException e) {
      LOG.warn("DHCP4_PACKET_SEND_FAIL to {}: {}", to, e.getMessage());
    }
  }

  @Override
  public void close() {
    closing = true;
    try {
      channel.close();
      thread.join(2000);
    } catch (IOException e) {
      LOG.warn("DHCP4_SHUTDOWN closing the socket: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
