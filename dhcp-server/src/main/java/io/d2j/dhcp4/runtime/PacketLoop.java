package io.d2j.dhcp4.runtime;

import io.d2j.dhcp4.handler.PacketContext;
import io.d2j.dhcp4.packet.DhcpCodec;
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
import java.util.List;
import java.util.Locale;
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
  private final QueryBatch<SocketAddress> batch;
  private final Inet4Address serverId;
  private final List<Inet4Address> localAddresses;
  private final OptionalInt clientPort;
  private final Clock clock;
  private final Dhcp4Stats stats;

  /** Queries handled per batch at most: one lease-file sync covers them all (group commit). */
  static final int MAX_BATCH = 64;

  /** False while the service is stopped (on-fail stop-retry-exit waiting for the database). */
  private final BooleanSupplier serving;

  private final Thread thread;
  private volatile boolean closing;

  private PacketLoop(
      DatagramChannel channel,
      QueryBatch<SocketAddress> batch,
      Inet4Address serverId,
      List<Inet4Address> localAddresses,
      OptionalInt clientPort,
      Clock clock,
      Dhcp4Stats stats,
      BooleanSupplier serving) {
    this.serving = serving;
    this.channel = channel;
    this.batch = batch;
    this.serverId = serverId;
    this.localAddresses = List.copyOf(localAddresses);
    this.clientPort = clientPort;
    this.clock = clock;
    this.stats = stats;
    this.thread = new Thread(this::run, "d2j-dhcp4-packets");
  }

  static PacketLoop start(
      InetSocketAddress bind,
      QueryBatch<SocketAddress> batch,
      Inet4Address serverId,
      List<Inet4Address> localAddresses,
      OptionalInt clientPort,
      Clock clock,
      Dhcp4Stats stats,
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
        new PacketLoop(ch, batch, serverId, localAddresses, clientPort, clock, stats, serving);
    loop.thread.start();
    return loop;
  }

  int port() throws IOException {
    return ((InetSocketAddress) channel.getLocalAddress()).getPort();
  }

  /**
   * Receives a batch (the first query blocking, then whatever else is already waiting, up to {@link
   * #MAX_BATCH}), runs the chain on each with the lease store's syncs deferred, makes the batch's
   * lease changes durable with one sync, and only then fires the lease events and sends the replies
   * ({@link QueryBatch}). Under load this turns one fsync per lease into one per batch; an idle
   * server still answers each query at once.
   */
  private void run() {
    ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
    while (!closing) {
      batch.begin();
      try {
        SocketAddress from = receive(buffer);
        if (from != null) {
          process(buffer, from);
          // The rest of the batch is what is already queued: non-blocking reads, one mode switch
          // each way per batch; replies go out in blocking mode again.
          channel.configureBlocking(false);
          try {
            for (int n = 1; n < MAX_BATCH && (from = receive(buffer)) != null; n++) {
              process(buffer, from);
            }
          } finally {
            channel.configureBlocking(true);
          }
        }
      } catch (ClosedChannelException e) {
        commit();
        return;
      } catch (IOException e) {
        LOG.warn("DHCP4_PACKET_RECEIVE_FAIL {}", e.getMessage());
      }
      commit();
    }
  }

  /** Runs the chain on the datagram in {@code buffer}; its reply, if any, joins the batch. */
  private void process(ByteBuffer buffer, SocketAddress from) {
    buffer.flip();
    if (!serving.getAsBoolean()) {
      stats.increment("pkt4-received");
      stats.increment("pkt4-receive-drop");
      LOG.debug("DHCP4_PACKET_DROP_0008 packet from {}: DHCP service is globally disabled", from);
      return;
    }
    byte[] datagram = new byte[buffer.remaining()];
    buffer.get(datagram);
    batch.add(datagram, from, from, new PacketContext(clock.instant(), serverId, localAddresses));
  }

  /** Syncs the batch's lease changes, fires its lease events, then sends its replies. */
  private void commit() {
    for (QueryBatch.Answer<SocketAddress> answer : batch.commit()) {
      send(
          new Outgoing(
              answer.query(),
              answer.reply(),
              ReplyRouting.destination(answer.query(), answer.reply(), clientPort)));
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
          .ifPresent(t -> stats.increment("pkt4-" + t.name().toLowerCase(Locale.ROOT) + "-sent"));
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
