package io.d2j.dhcp4.runtime;

import io.d2j.dhcp4.alloc.Ingress;
import io.d2j.dhcp4.handler.PacketContext;
import io.d2j.dhcp4.net.Inbound;
import io.d2j.dhcp4.net.ListenPlan;
import io.d2j.dhcp4.net.Outbound;
import io.d2j.dhcp4.net.Transport;
import io.d2j.dhcp4.packet.DhcpCodec;
import io.d2j.dhcp4.packet.DhcpPacket;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's one packet thread: receive a batch from the {@link Transport}, run the chain on each
 * query ({@link QueryBatch}), sync once, then send the replies by the interface each query came in
 * on. Not Vert.x, as d2-daemon's NCR listener: the chain is synchronous and a reply waits until its
 * lease row is on disk, so one thread that owns the whole exchange keeps allocation race-free
 * without locks (two DISCOVERs can never be offered the same address) and needs no hand-off.
 * Nothing a datagram contains can stop the loop: undecodable packets are counted and logged with
 * the defect, and a handler that throws loses only its query.
 */
final class PacketLoop implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger("kea-dhcp4.packets");

  /** Queries handled per batch at most: one lease-file sync covers them all (group commit). */
  static final int MAX_BATCH = 64;

  private static final Inet4Address BROADCAST = ReplyRouting.BROADCAST;

  /** Where a query came in when the transport cannot tell (the JDK fallback). */
  record Fallback(Inet4Address serverId, List<Inet4Address> addresses) {}

  private final Transport transport;
  private final QueryBatch<Inbound> batch;
  private final Optional<Inet4Address> configuredServerId;
  private final Optional<Fallback> fallback;
  private final OptionalInt clientPort;
  private final Clock clock;
  private final Dhcp4Stats stats;

  /** False while the service is stopped (on-fail stop-retry-exit waiting for the database). */
  private final BooleanSupplier serving;

  private final Thread thread;
  private volatile boolean closing;

  private PacketLoop(
      Transport transport,
      QueryBatch<Inbound> batch,
      Optional<Inet4Address> configuredServerId,
      Optional<Fallback> fallback,
      OptionalInt clientPort,
      Clock clock,
      Dhcp4Stats stats,
      BooleanSupplier serving) {
    this.serving = serving;
    this.transport = transport;
    this.batch = batch;
    this.configuredServerId = configuredServerId;
    this.fallback = fallback;
    this.clientPort = clientPort;
    this.clock = clock;
    this.stats = stats;
    this.thread = new Thread(this::run, "d2j-dhcp4-packets");
  }

  /**
   * Starts the packet thread.
   *
   * @param configuredServerId option 54 from the global option-data, which wins everywhere
   * @param fallback the server identifier and addresses of a transport that does not know the
   *     ingress interface
   */
  static PacketLoop start(
      Transport transport,
      QueryBatch<Inbound> batch,
      Optional<Inet4Address> configuredServerId,
      Optional<Fallback> fallback,
      OptionalInt clientPort,
      Clock clock,
      Dhcp4Stats stats,
      BooleanSupplier serving) {
    PacketLoop loop =
        new PacketLoop(
            transport, batch, configuredServerId, fallback, clientPort, clock, stats, serving);
    loop.thread.start();
    return loop;
  }

  int port() {
    return transport.port();
  }

  /**
   * Receives a batch (waiting for the first query, then whatever else is already queued, up to
   * {@link #MAX_BATCH}), runs the chain on each with the lease store's syncs deferred, makes the
   * batch's lease changes durable with one sync, and only then fires the lease events and sends the
   * replies ({@link QueryBatch}). Under load this turns one fsync per lease into one per batch; an
   * idle server still answers each query at once.
   */
  private void run() {
    List<Inbound> received = new ArrayList<>();
    while (!closing) {
      received.clear();
      if (!transport.receive(received, MAX_BATCH)) {
        return;
      }
      List<QueryBatch.Query<Inbound>> queries = new ArrayList<>(received.size());
      for (Inbound in : received) {
        if (!serving.getAsBoolean()) {
          stats.increment("pkt4-received");
          stats.increment("pkt4-receive-drop");
          LOG.debug("DHCP4_PACKET_DROP_0008 packet {}: DHCP service is globally disabled", in);
          continue;
        }
        PacketContext context = context(in);
        if (context == null) {
          stats.increment("pkt4-receive-drop");
          continue;
        }
        queries.add(new QueryBatch.Query<>(in.payload(), in, in, context));
      }
      for (QueryBatch.Answer<Inbound> answer : batch.process(queries)) {
        send(answer);
      }
    }
  }

  /** The context of a query: server identifier and ingress for its interface. */
  private PacketContext context(Inbound in) {
    if (in.via().isPresent()) {
      ListenPlan.Served via = in.via().get();
      Ingress ingress =
          new Ingress(
              Optional.of(via.nic().name()), via.addresses(), BROADCAST.equals(in.destination()));
      return new PacketContext(
          clock.instant(),
          configuredServerId.orElse(via.serverId(in.destination())),
          ingress,
          in.source(),
          in.destination() == null ? DhcpPacket.ANY : in.destination());
    }
    if (fallback.isEmpty()) {
      return null;
    }
    return new PacketContext(
        clock.instant(),
        configuredServerId.orElse(fallback.get().serverId()),
        Ingress.addresses(fallback.get().addresses()),
        in.source(),
        in.destination() == null ? DhcpPacket.ANY : in.destination());
  }

  private void send(QueryBatch.Answer<Inbound> answer) {
    DhcpPacket query = answer.query();
    DhcpPacket reply = answer.reply();
    Inbound in = answer.origin();
    boolean raw = in.via().map(ListenPlan.Served::packetSocket).orElse(false);
    InetSocketAddress to = ReplyRouting.destination(query, reply, clientPort, raw);
    byte[] clientMac =
        query.htype() == 1 && query.hlen() == 6
            ? query.hardwareAddress().toByteArray()
            : new byte[0];
    Outbound out =
        new Outbound(
            DhcpCodec.encode(reply, DhcpCodec.replySizeLimit(query.options())),
            in,
            (Inet4Address) to.getAddress(),
            to.getPort(),
            query.relayed(),
            clientMac);
    try {
      transport.send(out);
      stats.increment("pkt4-sent");
      LOG.debug(
          "DHCP4_PACKET_SEND {} xid={} yiaddr={} to {}{}",
          reply.messageType().orElseThrow(),
          Integer.toHexString(query.xid()),
          reply.yiaddr().getHostAddress(),
          out,
          in.via().map(v -> " on " + v.nic().name()).orElse(""));
      reply
          .messageType()
          .ifPresent(t -> stats.increment("pkt4-" + t.name().toLowerCase(Locale.ROOT) + "-sent"));
    } catch (IOException | RuntimeException e) {
      LOG.warn("DHCP4_PACKET_SEND_FAIL to {}: {}", out, e.getMessage());
    }
  }

  @Override
  public void close() {
    closing = true;
    transport.close();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
