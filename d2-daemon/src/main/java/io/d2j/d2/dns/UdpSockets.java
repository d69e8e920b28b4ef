package io.d2j.d2.dns;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.SocketAddress;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The UDP sockets UPDATEs go out on: a few per address family, each shared by many exchanges and
 * replaced by a fresh one after {@link #EXCHANGES_PER_SOCKET} of them.
 *
 * <p>Why shared: with hundreds of exchanges in flight, a socket per exchange costs a bind, an
 * event-loop registration and a close for every UPDATE. Why still safe against off-path spoofing
 * (RFC 5452 §9.2): each socket sits on its own ephemeral port chosen by the kernel, a spoofed reply
 * must hit both that port and an outstanding message ID, and no socket ever sends the same ID twice
 * — so a late reply to an abandoned attempt can never be taken for a later one, as it could not
 * with one socket per exchange. Replacing sockets regularly keeps ports moving, as RFC 5452 §10
 * recommends.
 *
 * <p>A datagram is routed by its message ID (the first two octets) to the exchange that sent it;
 * the exchange checks the sender's address and port itself. Confined to one Vert.x context: every
 * method must be called there, and every callback runs there.
 */
final class UdpSockets {

  /** Sockets kept open per address family; exchanges are spread over them in turn. */
  static final int SOCKETS_PER_FAMILY = 8;

  /** Message IDs one socket sends before it is retired (closed once its last reply is in). */
  static final int EXCHANGES_PER_SOCKET = 1024;

  /** What an exchange is told about its socket. */
  interface Listener {
    /** A datagram carrying this exchange's message ID, from {@code sender} (not yet checked). */
    void datagram(SocketAddress sender, Buffer data);

    /** The socket failed; the exchange cannot get its reply on it. */
    void failed(Throwable cause);
  }

  /** One registered exchange: send on its socket, and release it when done. */
  interface Exchange {
    Future<Void> send(Buffer message, int port, String host);

    /** Stops routing replies to this exchange; idempotent. */
    void release();
  }

  private final Vertx vertx;
  private final List<Slot> inet4 = new ArrayList<>();
  private final List<Slot> inet6 = new ArrayList<>();
  private int turn;
  private boolean closed;

  UdpSockets(Vertx vertx) {
    this.vertx = vertx;
  }

  /** The warm-up datagram: a DNS header's worth of zeros (Netty sends no empty datagram). */
  private static final int WARM_UP_OCTETS = 12;

  /** How long {@link #warmUp} waits for its datagram before closing its socket anyway. */
  private static final long WARM_UP_TIMEOUT_MS = 2_000;

  /**
   * Runs the UDP path of Vert.x and Netty once, on a context of its own (issue 14): a socket bound
   * to an ephemeral port on 127.0.0.1 sends one datagram to itself and is closed once the datagram
   * is back (or after {@value #WARM_UP_TIMEOUT_MS} ms). What a daemon's first UPDATE would
   * otherwise pay for on its event loop after the NCR port is bound (the channel's set-up and
   * registration, the handler-mask annotations Netty reads reflectively, the resolver, the
   * allocator's first direct buffer, the write and read paths) is then paid for while the
   * configuration, logging and journal are being set up. Nothing leaves the host.
   *
   * @return completes once the socket is closed, never failed: true when the datagram came back
   */
  static Future<Boolean> warmUp(Vertx vertx) {
    Promise<Boolean> back = Promise.promise();
    DatagramSocket socket = vertx.createDatagramSocket(new DatagramSocketOptions());
    socket.handler(p -> back.tryComplete(true));
    socket.exceptionHandler(e -> back.tryComplete(false));
    socket
        .listen(0, "127.0.0.1")
        .compose(
            s ->
                s.send(
                    Buffer.buffer(new byte[WARM_UP_OCTETS]), s.localAddress().port(), "127.0.0.1"))
        .onFailure(e -> back.tryComplete(false));
    long timer = vertx.setTimer(WARM_UP_TIMEOUT_MS, t -> back.tryComplete(false));
    return back.future()
        .compose(
            came ->
                socket
                    .close()
                    .transform(
                        ar -> {
                          vertx.cancelTimer(timer);
                          return Future.succeededFuture(came);
                        }));
  }

  /**
   * Registers an exchange that will send a message with ID {@code id} and routes replies with that
   * ID to {@code listener} until {@link Exchange#release()}.
   */
  Exchange open(boolean ipv6, int id, Listener listener) {
    if (id < 0 || id > 0xFFFF) {
      throw new IllegalArgumentException("id: not a 16-bit message ID, got " + id);
    }
    if (closed) {
      throw new IllegalStateException("UDP sockets closed");
    }
    Slot slot = slotFor(ipv6 ? inet6 : inet4, ipv6, id);
    slot.register(id, listener);
    return new Exchange() {
      private boolean released;

      @Override
      public Future<Void> send(Buffer message, int port, String host) {
        return slot.bound.compose(s -> s.send(message, port, host));
      }

      @Override
      public void release() {
        if (!released) {
          released = true;
          slot.release(id);
        }
      }
    };
  }

  /** After {@link #close()}: {@link #open} refuses. */
  boolean isClosed() {
    return closed;
  }

  /** Open sockets (retired ones still waiting for replies included); for tests and statistics. */
  int openSockets() {
    return inet4.size() + inet6.size();
  }

  /** Closes every socket; exchanges still waiting are told their socket failed. */
  void close() {
    closed = true;
    for (Slot slot : concat(inet4, inet6)) {
      slot.fail(new IllegalStateException("DNS client closed"));
      slot.socket.close();
    }
    inet4.clear();
    inet6.clear();
  }

  /**
   * Opens the family's sockets now rather than at its first exchange (the D2 does so at start for
   * IPv4, so that its first UPDATE does not wait for the binds and Vert.x's resolver set-up).
   */
  void prime(boolean ipv6) {
    if (!closed) {
      fill(ipv6 ? inet6 : inet4, ipv6);
    }
  }

  private void fill(List<Slot> slots, boolean ipv6) {
    // Retired slots leave the list when their last exchange releases them (Slot#release).
    long active = slots.stream().filter(s -> !s.retired).count();
    for (long i = active; i < SOCKETS_PER_FAMILY; i++) {
      slots.add(new Slot(ipv6, slots));
    }
  }

  private Slot slotFor(List<Slot> slots, boolean ipv6, int id) {
    fill(slots, ipv6);
    int n = slots.size();
    for (int i = 0; i < n; i++) {
      Slot candidate = slots.get(Math.floorMod(turn + i, n));
      if (candidate.accepts(id)) {
        turn = Math.floorMod(turn + i + 1, n);
        return candidate;
      }
    }
    // Every open socket has sent this ID already or waits for it: a fresh socket has not.
    Slot fresh = new Slot(ipv6, slots);
    slots.add(fresh);
    return fresh;
  }

  private static List<Slot> concat(List<Slot> a, List<Slot> b) {
    List<Slot> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private final class Slot {
    private final DatagramSocket socket;
    private final Future<DatagramSocket> bound;
    private final List<Slot> family;
    private final Map<Integer, Listener> pending = new HashMap<>();
    private final BitSet sent = new BitSet(0x10000);
    private int uses;
    private boolean retired;

    Slot(boolean ipv6, List<Slot> family) {
      this.family = family;
      this.socket = vertx.createDatagramSocket(new DatagramSocketOptions().setIpV6(ipv6));
      socket.handler(this::route);
      socket.exceptionHandler(this::fail);
      this.bound = socket.listen(0, ipv6 ? "::" : "0.0.0.0");
      bound.onFailure(this::fail);
    }

    boolean accepts(int id) {
      return !retired && !sent.get(id);
    }

    void register(int id, Listener listener) {
      sent.set(id);
      pending.put(id, listener);
      if (++uses >= EXCHANGES_PER_SOCKET) {
        retired = true;
      }
    }

    void release(int id) {
      pending.remove(id);
      if (retired && pending.isEmpty() && family.remove(this)) {
        socket.close();
      }
    }

    private void route(DatagramPacket packet) {
      Buffer data = packet.data();
      if (data.length() < 2) {
        return; // not a DNS message; nobody waits for it
      }
      Listener listener = pending.get(data.getUnsignedShort(0));
      if (listener != null) {
        listener.datagram(packet.sender(), data);
      }
    }

    private void fail(Throwable cause) {
      // A socket that failed once is not trusted again: new exchanges get a fresh one.
      retired = true;
      for (Listener listener : List.copyOf(pending.values())) {
        listener.failed(cause); // each releases its ID; the last release closes the socket
      }
      if (pending.isEmpty() && family.remove(this)) {
        socket.close();
      }
    }
  }
}
