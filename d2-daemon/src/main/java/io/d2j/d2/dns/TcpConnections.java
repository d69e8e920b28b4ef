package io.d2j.d2.dns;

import io.d2j.d2.domain.DnsServer;
import io.d2j.d2.transaction.UpdateOutcome;
import io.d2j.keacontrol.time.Scheduler;
import io.d2j.tsig.dnsjava.ReplyCheck;
import io.d2j.tsig.dnsjava.SignedRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * UPDATE exchanges over TCP (RFC 1035 §4.2.2: each message preceded by its length in two octets,
 * big-endian) on one kept-open, pipelined connection per DNS server (RFC 7766 §6.2.1): an exchange
 * writes its request on the server's connection without waiting for earlier replies, and each reply
 * is routed to its exchange by message ID, in whatever order the server answers. The reply is then
 * judged by the same {@link SignedRequest#check} as over UDP, so TSIG is verified exactly as there.
 *
 * <p>An exchange's time-out first bounds the connect (when it needs a new connection) and starts
 * again in full when its request is written, as a UDP exchange's starts when its datagram is sent.
 *
 * <p>Connections are opened on demand and kept while they are used. A connection is closed by d2j
 * when it has been idle (nothing outstanding) for {@link #IDLE}, shorter than the idle timeouts of
 * BIND (30 s), Knot (10 s) and PowerDNS (5 s), so that d2j, not the server, normally ends it. A
 * connection is <em>retired</em> (takes no new exchange and is closed once its outstanding ones are
 * answered or timed out) when one of its exchanges times out (a reply that comes later must not be
 * taken for a later exchange with the same ID, and a connection that did not answer is suspect) and
 * when a new exchange's ID is already outstanding on it; the next exchange opens a new connection.
 *
 * <p>When a connection closes or fails with exchanges unanswered (the server closed it as a request
 * was written, or hung up mid-stream), each of them is written once more on a new connection, still
 * within its own time-out: resending an RFC 4703 step is what a retry does anyway, and costs none
 * of the transaction's tries. A second close before its reply, or a connection that cannot be
 * opened, ends the exchange as {@link UpdateOutcome.IoFailed}.
 *
 * <p>Confined to the event loop the client runs on (the connections' handlers run there too).
 */
final class TcpConnections {

  /** How long a connection stays open with nothing outstanding. */
  static final Duration IDLE = Duration.ofSeconds(3);

  private final Scheduler scheduler;
  private final NetClient client;
  private final Duration idle;
  private final Runnable onConnect;

  /** Per server address, the connection new exchanges go to. */
  private final Map<InetSocketAddress, Connection> current = new HashMap<>();

  /** Every connection not yet closed, current or retired. */
  private final Set<Connection> live = new HashSet<>();

  private boolean closed;

  /**
   * @param onConnect runs for every connection d2j opens (statistics)
   */
  TcpConnections(Scheduler scheduler, NetClient client, Duration idle, Runnable onConnect) {
    this.scheduler = scheduler;
    this.client = client;
    this.idle = idle;
    this.onConnect = onConnect;
  }

  /** Connections open or being opened now. */
  int openConnections() {
    return live.size();
  }

  /**
   * One exchange: {@code request} to {@code server}; {@code timeout} for the connect and the reply.
   */
  Future<UpdateOutcome> exchange(SignedRequest request, DnsServer server, Duration timeout) {
    Exchange x = new Exchange(request, server.socketAddress(), timeout);
    if (request.length() > 0xffff) {
      x.finish(
          new UpdateOutcome.NotBuilt("message of " + request.length() + " octets exceeds 65535"));
      return x.promise.future();
    }
    if (closed) {
      x.finish(new UpdateOutcome.IoFailed("DNS client closed"));
      return x.promise.future();
    }
    // Bounds the connect; restarted when the request is written (as over UDP, where it starts
    // once the datagram is sent), so a slow connect does not eat the server's time to answer.
    x.timer = scheduler.schedule(timeout, x::timedOut);
    place(x);
    return x.promise.future();
  }

  /** Closes every connection; exchanges still waiting end with {@link UpdateOutcome.IoFailed}. */
  void close() {
    closed = true;
    for (Connection c : new ArrayList<>(live)) {
      c.close("DNS client closed");
    }
  }

  /** Puts {@code x} on its server's current connection, or on a new one. */
  private void place(Exchange x) {
    Connection c = current.get(x.server);
    if (c != null && c.outstanding.containsKey(x.request.id())) {
      c.retire(); // the ID would be ambiguous on this connection
      c = null;
    }
    if (c == null) {
      c = new Connection(x.server);
      current.put(x.server, c);
      live.add(c);
      c.connect();
    }
    c.add(x);
  }

  /** One request waiting for its reply, possibly across two connections. */
  private final class Exchange {
    final SignedRequest request;
    final InetSocketAddress server;
    final Duration timeout;
    final Promise<UpdateOutcome> promise = Promise.promise();
    Scheduler.Timer timer;
    Connection connection;
    boolean resent;

    Exchange(SignedRequest request, InetSocketAddress server, Duration timeout) {
      this.request = request;
      this.server = server;
      this.timeout = timeout;
    }

    /** The request is on the wire: the server has its whole time-out from now. */
    void written() {
      if (timer != null) {
        timer.cancel();
      }
      timer = scheduler.schedule(timeout, this::timedOut);
    }

    void timedOut() {
      Connection c = connection;
      finish(new UpdateOutcome.TimedOut());
      if (c != null) {
        c.retire();
      }
    }

    void finish(UpdateOutcome outcome) {
      if (promise.future().isComplete()) {
        return;
      }
      if (timer != null) {
        timer.cancel();
      }
      if (connection != null) {
        connection.remove(this);
      }
      promise.complete(outcome);
    }
  }

  /** One TCP connection to one server, and the exchanges written (or to be written) on it. */
  private final class Connection {
    final InetSocketAddress server;

    /** By message ID, in the order they were added (written in that order once connected). */
    final Map<Integer, Exchange> outstanding = new LinkedHashMap<>();

    NetSocket socket;
    boolean retired;
    boolean gone;
    Buffer pending = Buffer.buffer();
    Scheduler.Timer idleTimer;

    Connection(InetSocketAddress server) {
      this.server = server;
    }

    void connect() {
      onConnect.run();
      client
          .connect(server.getPort(), server.getAddress().getHostAddress())
          .onSuccess(this::connected)
          .onFailure(e -> fail("TCP: cannot connect: " + e, false));
    }

    private void connected(NetSocket s) {
      socket = s;
      if (gone) {
        s.close();
        return;
      }
      s.handler(this::onData);
      s.exceptionHandler(e -> lost("TCP: " + e));
      s.closeHandler(v -> lost("TCP: connection closed before a reply"));
      for (Exchange x : outstanding.values()) {
        write(x);
      }
      idleIfEmpty();
    }

    void add(Exchange x) {
      x.connection = this;
      outstanding.put(x.request.id(), x);
      if (idleTimer != null) {
        idleTimer.cancel();
        idleTimer = null;
      }
      if (socket != null) {
        write(x);
      }
    }

    private void write(Exchange x) {
      byte[] wire = x.request.wire();
      Buffer out = Buffer.buffer(wire.length + 2);
      out.appendUnsignedShort(wire.length).appendBytes(wire);
      socket.write(out);
      x.written();
    }

    void remove(Exchange x) {
      if (outstanding.get(x.request.id()) == x) {
        outstanding.remove(x.request.id());
        x.connection = null;
        if (retired && outstanding.isEmpty()) {
          close(null);
        } else {
          idleIfEmpty();
        }
      }
    }

    private void idleIfEmpty() {
      if (outstanding.isEmpty() && socket != null && !gone && idleTimer == null) {
        idleTimer = scheduler.schedule(idle, () -> close(null));
      }
    }

    /** No new exchanges; closed once the outstanding ones are done. */
    void retire() {
      if (current.get(server) == this) {
        current.remove(server);
      }
      retired = true;
      if (outstanding.isEmpty()) {
        close(null);
      }
    }

    private void onData(Buffer data) {
      pending.appendBuffer(data);
      int at = 0;
      while (pending.length() - at >= 2) {
        int length = pending.getUnsignedShort(at);
        if (pending.length() - at < 2 + length) {
          break;
        }
        byte[] message = pending.getBytes(at + 2, at + 2 + length);
        at += 2 + length;
        deliver(message);
        if (gone) {
          return;
        }
      }
      pending = at == 0 ? pending : pending.getBuffer(at, pending.length());
    }

    private void deliver(byte[] message) {
      if (message.length < 2) {
        return; // no ID to route by
      }
      int id = ((message[0] & 0xff) << 8) | (message[1] & 0xff);
      Exchange x = outstanding.get(id);
      if (x == null) {
        return; // a reply to an exchange that timed out, or nobody's: never ends another's wait
      }
      ReplyCheck check = x.request.check(message);
      if (check instanceof ReplyCheck.Valid v) {
        x.finish(new UpdateOutcome.Answered(v.reply().getHeader().getRcode()));
      } else if (check instanceof ReplyCheck.Invalid inv) {
        x.finish(new UpdateOutcome.BadResponse(inv.reason() + ": " + inv.detail()));
      }
    }

    /** The connection broke: unanswered exchanges get one more connection each. */
    private void lost(String why) {
      fail(why, true);
    }

    private void fail(String why, boolean resend) {
      if (gone) {
        return;
      }
      List<Exchange> left = detach();
      if (socket != null) {
        socket.close();
      }
      for (Exchange x : left) {
        if (resend && !x.resent && !closed) {
          x.resent = true;
          place(x);
        } else {
          x.finish(new UpdateOutcome.IoFailed(why));
        }
      }
    }

    /** Closes the connection; whatever is still outstanding fails with {@code why}. */
    void close(String why) {
      fail(why == null ? "TCP: connection closed" : why, false);
    }

    /** Marks the connection gone and hands back its exchanges, no longer on it. */
    private List<Exchange> detach() {
      gone = true;
      live.remove(this);
      if (current.get(server) == this) {
        current.remove(server);
      }
      if (idleTimer != null) {
        idleTimer.cancel();
        idleTimer = null;
      }
      if (socket != null) {
        socket.handler(null);
        socket.closeHandler(null);
        socket.exceptionHandler(null);
      }
      List<Exchange> left = new ArrayList<>(outstanding.values());
      outstanding.clear();
      left.forEach(x -> x.connection = null);
      return left;
    }
  }
}
