package io.d2j.d2.dns;

import io.d2j.d2.domain.DnsServer;
import io.d2j.d2.stats.D2Stats;
import io.d2j.d2.transaction.UpdateOutcome;
import io.d2j.keacontrol.stats.Statistics;
import io.d2j.keacontrol.time.Scheduler;
import io.d2j.ncr.IpAddresses;
import io.d2j.tsig.TsigKeySpec;
import io.d2j.tsig.dnsjava.ReplyCheck;
import io.d2j.tsig.dnsjava.SignedRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.SocketAddress;
import java.net.Inet6Address;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;

/**
 * Sends one UPDATE message to one server and reports the {@link UpdateOutcome}: only sending;
 * building the message is {@link UpdateMessages}' part (through {@link DnsUpdateSender}), taking
 * turns at a server {@link ServerGates}', signing {@link Signers}'. UDP exchanges share a few
 * sockets on kernel-chosen ephemeral ports that are replaced regularly ({@link UdpSockets}); each
 * attempt carries a fresh message ID that its socket has never sent before, so a late reply to an
 * earlier attempt can never be taken for this one (RFC 5452 §9.2). A reply from another address or
 * port is ignored and the wait goes on, as Kea does; a signed request requires a reply whose TSIG
 * verifies.
 *
 * <p>TCP (RFC 1035 §4.2.2, on one kept-open, pipelined connection per server: {@link
 * TcpConnections}): with {@code force-tcp}, for a rendered UPDATE over 512 octets (no EDNS is sent;
 * a batch of many names is usually larger), and as the resend when a UDP reply has TC set. The same
 * signed request goes out, and its reply is checked the same way.
 *
 * <p>Never blocks: must be called on a Vert.x context; the future completes on that context.
 */
public final class DnsUpdateClient {

  private final Scheduler scheduler;
  private final Statistics stats;

  private final Signers signers;

  private final NetClient tcpClient;
  private final TcpConnections tcp;
  private final UdpSockets udp;

  /** Per DNS server, the UPDATEs outstanding there and those waiting for a turn. */
  private final ServerGates gates = new ServerGates();

  /**
   * Runs Vert.x's and Netty's UDP path once on {@code vertx}, off any daemon's event loop, so that
   * a daemon starting on it meanwhile sends its first UPDATE without paying for that path's first
   * use (see UdpSockets#warmUp; issue 14). Any thread; the future completes (never failed) when its
   * loopback socket is closed, with true when its datagram came back.
   */
  public static Future<Boolean> warmUp(Vertx vertx) {
    return UdpSockets.warmUp(vertx);
  }

  /**
   * @param scheduler runs the time-outs, on the context the client is used from
   * @param clock the time TSIG signs with
   */
  public DnsUpdateClient(Vertx vertx, Scheduler scheduler, Statistics stats, Clock clock) {
    this(vertx, scheduler, stats, clock, TcpConnections.IDLE);
  }

  /** As above, with {@code tcpIdle} as the time a TCP connection stays open unused (tests). */
  DnsUpdateClient(
      Vertx vertx, Scheduler scheduler, Statistics stats, Clock clock, Duration tcpIdle) {
    this.scheduler = scheduler;
    this.stats = stats;
    this.signers = new Signers(clock);
    this.tcpClient = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true));
    this.tcp =
        new TcpConnections(
            scheduler, tcpClient, tcpIdle, () -> stats.increment(D2Stats.UPDATE_TCP_CONNECTIONS));
    this.udp = new UdpSockets(vertx);
  }

  /**
   * How many UPDATEs may be outstanding at one server at once ({@code max-updates-per-server}); a
   * smaller limit applies as outstanding ones finish. Call on the context.
   */
  public void maxUpdatesPerServer(int limit) {
    gates.limit(limit);
  }

  /** UPDATEs waiting for a turn at their server (not yet sent). Call on the context. */
  public int waitingUpdates() {
    return gates.waiting();
  }

  /**
   * Does now, before any NCR, what the first UPDATE would otherwise wait for: opens the IPv4 UDP
   * sockets and builds and tries the TSIG signer of each of {@code keys} (which loads the JDK's
   * HMAC provider and dnsjava's tables). The D2 calls it at start, on the event loop, while the
   * rest of start-up goes on (issue 14). Call on the context.
   */
  public void prime(java.util.Collection<TsigKeySpec> keys) {
    udp.prime(false);
    byte[] probe = new UpdateWire("d2j-prime.invalid.").toWire(0);
    signers.sign(Optional.empty(), probe);
    for (TsigKeySpec key : keys) {
      signers.sign(Optional.of(key), probe);
    }
  }

  /** UDP sockets open now (shared by exchanges; see {@link UdpSockets}). Call on the context. */
  public int openUdpSockets() {
    return udp.openSockets();
  }

  /** TCP connections to DNS servers open (or opening) now. Call on the context. */
  public int openTcpConnections() {
    return tcp.openConnections();
  }

  /**
   * Closes the sockets; exchanges still waiting end with {@link UpdateOutcome.IoFailed}. Call on
   * the context the client is used from.
   */
  public void close() {
    udp.close();
    tcp.close();
    tcpClient.close();
  }

  /** Sends {@code update} to {@code server}, signed with the server's key if it has one. */
  public Future<UpdateOutcome> send(Message update, DnsServer server, Duration timeout) {
    return send(update.toWire(), server, timeout, false);
  }

  /**
   * As {@link #send(Message, DnsServer, Duration)}, for a message already rendered ({@code update}:
   * a complete UPDATE without TSIG, its ID in the first two octets; kept, not copied); over TCP
   * first when {@code forceTcp}. When the server already has its share of UPDATEs outstanding, this
   * one waits its turn here (in order); it is signed, and its timeout starts, when it goes out.
   */
  public Future<UpdateOutcome> send(
      byte[] update, DnsServer server, Duration timeout, boolean forceTcp) {
    Promise<UpdateOutcome> done = Promise.promise();
    gates.run(
        server.socketAddress(),
        turn ->
            exchange(update, server, timeout, forceTcp)
                .onComplete(
                    ar -> {
                      turn.done();
                      done.handle(ar);
                    }));
    return done.future();
  }

  private Future<UpdateOutcome> exchange(
      byte[] update, DnsServer server, Duration timeout, boolean forceTcp) {
    Optional<TsigKeySpec> key = server.key();
    SignedRequest request;
    try {
      request = signers.sign(key, update);
    } catch (RuntimeException e) {
      return Future.succeededFuture(new UpdateOutcome.NotBuilt("cannot sign or render: " + e));
    }
    if (udp.isClosed()) {
      // Shutting down: a retry timer that fires now finds nothing to send on (tried, not failed).
      return Future.succeededFuture(new UpdateOutcome.IoFailed("DNS client closed"));
    }
    count(key, D2Stats.UPDATE_SENT);
    stats.increment(key.isPresent() ? D2Stats.UPDATE_SIGNED : D2Stats.UPDATE_UNSIGNED);

    if (Transport.first(forceTcp, request.length()) == Transport.TCP) {
      return overTcp(request, server, timeout, key);
    }
    Promise<UpdateOutcome> promise = Promise.promise();
    Scheduler.Timer[] timer = {null};
    UdpSockets.Exchange[] exchange = {null};
    int id = request.id();
    UdpSockets.Listener listener =
        new UdpSockets.Listener() {
          @Override
          public void datagram(SocketAddress sender, Buffer data) {
            if (!fromServer(sender.hostAddress(), sender.port(), server)) {
              return; // not our server: keep waiting (Kea ignores it too)
            }
            ReplyCheck check = request.check(data.getBytes());
            if (check instanceof ReplyCheck.Valid v && v.reply().getHeader().getFlag(Flags.TC)) {
              // Truncated: the whole answer needs TCP (RFC 1035 §4.2.1). Resend the same request.
              if (timer[0] != null) {
                timer[0].cancel();
              }
              exchange[0].release();
              overTcp(request, server, timeout, key).onComplete(promise);
            } else if (check instanceof ReplyCheck.Valid v) {
              finish(
                  promise,
                  exchange[0],
                  timer,
                  key,
                  new UpdateOutcome.Answered(v.reply().getHeader().getRcode()));
            } else if (check instanceof ReplyCheck.Invalid inv) {
              if (inv.reason() == ReplyCheck.Reason.ID_MISMATCH) {
                return; // cannot happen (routed by ID), but a stray reply never ends the wait
              }
              finish(
                  promise,
                  exchange[0],
                  timer,
                  key,
                  new UpdateOutcome.BadResponse(inv.reason() + ": " + inv.detail()));
            }
          }

          @Override
          public void failed(Throwable cause) {
            finish(promise, exchange[0], timer, key, new UpdateOutcome.IoFailed(cause.toString()));
          }
        };
    exchange[0] = udp.open(server.address() instanceof Inet6Address, id, listener);
    exchange[0]
        .send(Buffer.buffer(request.wire()), server.port(), hostOf(server))
        .onSuccess(
            v -> {
              if (!promise.future().isComplete()) {
                timer[0] =
                    scheduler.schedule(
                        timeout,
                        () ->
                            finish(promise, exchange[0], timer, key, new UpdateOutcome.TimedOut()));
              }
            })
        .onFailure(
            e ->
                finish(promise, exchange[0], timer, key, new UpdateOutcome.IoFailed(e.toString())));
    return promise.future();
  }

  private void finish(
      Promise<UpdateOutcome> promise,
      UdpSockets.Exchange exchange,
      Scheduler.Timer[] timer,
      Optional<TsigKeySpec> key,
      UpdateOutcome outcome) {
    // Confined to the socket's context, so the check and the completion cannot interleave.
    if (promise.future().isComplete()) {
      return;
    }
    if (timer[0] != null) {
      timer[0].cancel();
    }
    exchange.release();
    // Count before completing: the transaction reacts to the completion at once, and whoever
    // watches ncr-completed/ncr-failed must already see this exchange's counter.
    countOutcome(key, outcome);
    promise.complete(outcome);
  }

  private Future<UpdateOutcome> overTcp(
      SignedRequest request, DnsServer server, Duration timeout, Optional<TsigKeySpec> key) {
    stats.increment(D2Stats.UPDATE_TCP);
    return tcp.exchange(request, server, timeout)
        .map(
            outcome -> {
              countOutcome(key, outcome);
              return outcome;
            });
  }

  private void countOutcome(Optional<TsigKeySpec> key, UpdateOutcome outcome) {
    if (outcome instanceof UpdateOutcome.Answered) {
      count(key, D2Stats.UPDATE_SUCCESS);
    } else if (outcome instanceof UpdateOutcome.TimedOut) {
      count(key, D2Stats.UPDATE_TIMEOUT);
    } else {
      count(key, D2Stats.UPDATE_ERROR);
    }
  }

  private void count(Optional<TsigKeySpec> key, String stat) {
    stats.increment(stat);
    key.ifPresent(k -> stats.increment(D2Stats.perKey(k.name(), stat)));
  }

  private static boolean fromServer(String host, int port, DnsServer server) {
    if (port != server.port()) {
      return false;
    }
    String literal = strip(host);
    // Netty reports the sender as the JDK spells it: equal text is the common case, no parse.
    return literal.equals(hostOf(server)) || parsesTo(literal, server.address());
  }

  private static boolean parsesTo(String literal, java.net.InetAddress address) {
    try {
      return unmapped(IpAddresses.parse(literal)).equals(unmapped(address));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** ::ffff:a.b.c.d as a.b.c.d: Netty reports replies to mapped addresses as plain IPv4. */
  private static java.net.InetAddress unmapped(java.net.InetAddress a) {
    byte[] b = a.getAddress();
    if (b.length == 16) {
      boolean mapped = b[10] == (byte) 0xff && b[11] == (byte) 0xff;
      for (int i = 0; i < 10 && mapped; i++) {
        mapped = b[i] == 0;
      }
      if (mapped) {
        try {
          return java.net.InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16));
        } catch (java.net.UnknownHostException e) {
          throw new IllegalStateException("4 octets are an IPv4 address", e);
        }
      }
    }
    return a;
  }

  private static String hostOf(DnsServer server) {
    return server.address().getHostAddress();
  }

  private static String strip(String host) {
    // Netty may render IPv6 senders with a scope or brackets.
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    int pct = h.indexOf('%');
    return pct >= 0 ? h.substring(0, pct) : h;
  }
}
