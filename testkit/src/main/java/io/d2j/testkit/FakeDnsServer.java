package io.d2j.testkit;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;

/**
 * A scriptable DNS server on 127.0.0.1 (UDP and TCP on the same free port) for the faults a real
 * server will not produce on demand: silence, garbage, a reply with the wrong ID, a scripted
 * sequence of RCODEs, unsigned or badly signed replies, replies with QR clear or the wrong opcode.
 * It can also relay to a real server (a BIND), so a test gets the real server's answers and still
 * sees the exact bytes that were sent.
 *
 * <pre>{@code
 * try (FakeDnsServer dns = FakeDnsServer.start(key)) {     // signs replies with key
 *   dns.script(Reply.rcode(Rcode.YXDOMAIN), Reply.rcode(Rcode.NXDOMAIN));  // then NOERROR
 *   // point the D2 under test at dns.socketAddress()
 *   List<Received> got = dns.awaitReceived(3, Duration.ofSeconds(5));
 *   got.get(0).prerequisites();  // [h.example.org. 0 NONE ANY]
 * }
 * }</pre>
 *
 * <p>Each received datagram takes the next {@link Reply} of the script; once the script is used up,
 * the {@linkplain #otherwise fallback} (NOERROR unless set) answers. Every datagram is recorded in
 * arrival order, with its bytes and arrival time, before its reply is sent. Replies are sent from a
 * worker pool, so a held or relayed reply never stops the server from receiving.
 *
 * <p>Over TCP (RFC 1035 §4.2.2: each message preceded by its length in two octets) each message
 * takes the next reply of the same script and is recorded the same way, with {@link Received#tcp()}
 * set; a relayed TCP request is relayed over TCP, on a connection of its own. A connection may
 * carry any number of messages (read and answered one after another, so pipelined requests wait in
 * the socket); {@link Reply#hangUp()} closes it mid-stream, dropping whatever was sent after the
 * message it answers.
 */
public final class FakeDnsServer implements AutoCloseable {
  private static final int MAX_DATAGRAM = 65535;

  private final DatagramSocket socket;
  private final ServerSocket tcpSocket;
  private final Clock clock;
  private final Map<Name, TSIG> keys;
  private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final ExecutorService repliers =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "fake-dns-reply");
            t.setDaemon(true);
            return t;
          });
  private final Thread receiver;
  private final Thread acceptor;
  private volatile Reply fallback = Reply.rcode(0);
  private volatile boolean closed;

  private FakeDnsServer(
      DatagramSocket socket, ServerSocket tcpSocket, Clock clock, List<TestKey> keys) {
    this.socket = socket;
    this.tcpSocket = tcpSocket;
    this.clock = clock;
    this.keys =
        keys.stream().collect(Collectors.toUnmodifiableMap(FakeDnsServer::keyName, TestKey::tsig));
    this.receiver = new Thread(this::receiveLoop, "fake-dns-receive");
    this.receiver.setDaemon(true);
    this.acceptor = new Thread(this::acceptLoop, "fake-dns-tcp-accept");
    this.acceptor.setDaemon(true);
  }

  private static Name keyName(TestKey key) {
    try {
      return Name.fromString(key.name());
    } catch (TextParseException e) {
      throw new IllegalArgumentException("name: not a domain name (" + key.name() + ")", e);
    }
  }

  /**
   * Starts a server that answers NOERROR, signing replies to requests signed with one of {@code
   * keys} (a request signed with another key gets an unsigned reply).
   */
  public static FakeDnsServer start(TestKey... keys) {
    return start(Clock.systemUTC(), keys);
  }

  /**
   * As {@link #start(TestKey...)}, with {@code clock} stamping arrivals ({@link Received#at()}).
   */
  public static FakeDnsServer start(Clock clock, TestKey... keys) {
    return startOn(InetAddress.getLoopbackAddress(), clock, keys);
  }

  /**
   * As {@link #start(Clock, TestKey...)}, on another loopback address, e.g. {@code ::1} to test DNS
   * servers configured by IPv6 address.
   *
   * @throws IllegalArgumentException for an address that is not loopback: tests send nowhere else
   */
  public static FakeDnsServer startOn(InetAddress loopback, Clock clock, TestKey... keys) {
    if (!loopback.isLoopbackAddress()) {
      throw new IllegalArgumentException("address: " + loopback + " is not a loopback address");
    }
    // TCP on the UDP port's number: a client sends both to the one configured port.
    for (int tries = 0; ; tries++) {
      DatagramSocket socket;
      try {
        socket = new DatagramSocket(0, loopback);
        // Room for a burst of requests from hundreds of exchanges in flight (the kernel caps
        // this at net.core.rmem_max); the default drops some when the receive thread is slow.
        socket.setReceiveBufferSize(4 * 1024 * 1024);
      } catch (SocketException e) {
        throw new UncheckedIOException("cannot bind a UDP socket on " + loopback, e);
      }
      ServerSocket tcp;
      try {
        tcp = new ServerSocket();
        tcp.bind(new InetSocketAddress(loopback, socket.getLocalPort()));
      } catch (IOException e) {
        socket.close();
        if (tries < 20) {
          continue;
        }
        throw new UncheckedIOException("cannot bind TCP and UDP on one port of " + loopback, e);
      }
      FakeDnsServer server = new FakeDnsServer(socket, tcp, clock, List.of(keys));
      server.receiver.start();
      server.acceptor.start();
      return server;
    }
  }

  public InetAddress address() {
    return socket.getLocalAddress();
  }

  public int port() {
    return socket.getLocalPort();
  }

  public InetSocketAddress socketAddress() {
    return new InetSocketAddress(address(), port());
  }

  /** Appends replies for the next datagrams, one each, in order. */
  public FakeDnsServer script(Reply... replies) {
    script.addAll(Arrays.asList(replies));
    return this;
  }

  /** Sets the reply for datagrams that arrive once the script is used up. */
  public FakeDnsServer otherwise(Reply reply) {
    this.fallback = Objects.requireNonNull(reply, "reply");
    return this;
  }

  /** Everything received so far, in arrival order. */
  public List<Received> received() {
    return List.copyOf(received);
  }

  /**
   * Waits until at least {@code count} datagrams arrived and returns all received so far.
   *
   * @throws AssertionError {@code timed out after PT5S waiting for: 3 datagrams at /127.0.0.1:4711
   *     (got 2)}
   */
  public List<Received> awaitReceived(int count, Duration timeout) {
    try {
      Await.until(
          timeout,
          count + " datagrams at " + socketAddress(),
          () -> {
            if (received.size() < count) {
              throw new IllegalStateException("got " + received.size());
            }
            return true;
          });
    } catch (AssertionError e) {
      throw new AssertionError(
          e.getMessage() + " (got " + received.size() + ": " + received + ")", e);
    }
    return received();
  }

  private void receiveLoop() {
    byte[] buf = new byte[MAX_DATAGRAM];
    while (!closed) {
      DatagramPacket packet = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(packet);
      } catch (IOException e) {
        if (closed) {
          return;
        }
        continue;
      }
      byte[] raw = Arrays.copyOf(packet.getData(), packet.getLength());
      Received r =
          Received.parse(
              raw,
              clock.instant(),
              System.nanoTime(),
              (InetSocketAddress) packet.getSocketAddress(),
              keys::get);
      received.add(r);
      Reply reply = Optional.ofNullable(script.poll()).orElse(fallback);
      repliers.execute(() -> answer(reply, r));
    }
  }

  private void acceptLoop() {
    while (!closed) {
      Socket conn;
      try {
        conn = tcpSocket.accept();
      } catch (IOException e) {
        if (closed) {
          return;
        }
        continue;
      }
      repliers.execute(() -> serveTcp(conn));
    }
  }

  /** Serves one TCP connection: length-prefixed messages in, length-prefixed replies out. */
  private void serveTcp(Socket conn) {
    try (conn;
        DataInputStream in = new DataInputStream(conn.getInputStream());
        DataOutputStream out = new DataOutputStream(conn.getOutputStream())) {
      while (!closed) {
        int length;
        try {
          length = in.readUnsignedShort();
        } catch (java.io.EOFException e) {
          return;
        }
        byte[] raw = new byte[length];
        in.readFully(raw);
        Received r =
            Received.parse(
                raw,
                clock.instant(),
                System.nanoTime(),
                (InetSocketAddress) conn.getRemoteSocketAddress(),
                keys::get,
                true);
        received.add(r);
        Reply reply = Optional.ofNullable(script.poll()).orElse(fallback);
        Reply answer = reply instanceof Reply.HangUp h ? h.first() : reply;
        for (byte[] message : Replies.render(answer, r, keys)) {
          out.writeShort(message.length);
          out.write(message);
          out.flush();
        }
        if (reply instanceof Reply.HangUp) {
          conn.setSoLinger(true, 0); // a reset, as a server that drops the connection sends
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      if (!closed) {
        System.err.println("FakeDnsServer " + socketAddress() + ": TCP: " + e);
      }
    }
  }

  private void answer(Reply reply, Received request) {
    try {
      for (byte[] datagram : Replies.render(reply, request, keys)) {
        if (closed) {
          return;
        }
        socket.send(new DatagramPacket(datagram, datagram.length, request.from()));
      }
    } catch (IOException | RuntimeException e) {
      if (!closed) {
        System.err.println("FakeDnsServer " + socketAddress() + ": cannot answer: " + e);
      }
    }
  }

  /** Stops receiving and answering; held replies are never sent. */
  @Override
  public void close() {
    closed = true;
    socket.close();
    try {
      tcpSocket.close();
    } catch (IOException e) {
      // closing anyway
    }
    repliers.shutdownNow();
    try {
      receiver.join(TimeUnit.SECONDS.toMillis(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "FakeDnsServer[" + socketAddress() + ", received " + received.size() + "]";
  }

  /** What to do with one received datagram. Build with the static factories. */
  public sealed interface Reply
      permits Reply.Answer, Reply.Silent, Reply.Garbage, Reply.Held, Reply.Relay, Reply.HangUp {

    /** A well-formed UPDATE response with {@code rcode}, signed like the request. */
    static Reply rcode(int rcode) {
      return new Answer(rcode, Fault.NONE);
    }

    /** No answer at all: the client times out. */
    static Reply silent() {
      return new Silent();
    }

    /** These bytes instead of a DNS message. */
    static Reply garbage(byte[] bytes) {
      return new Garbage(bytes, false);
    }

    /**
     * The request's message ID (two octets) followed by {@code tail}: a reply mangled after its
     * header's first field, which a client that routes replies by ID still attributes to the
     * request.
     */
    static Reply garbageAfterId(byte[] tail) {
      return new Garbage(tail, true);
    }

    /** A response with the request's ID + 1, then the right one with {@code rcode}. */
    static Reply wrongIdThen(int rcode) {
      return new Answer(rcode, Fault.WRONG_ID_FIRST);
    }

    /** A response without TSIG, even to a signed request. */
    static Reply unsigned(int rcode) {
      return new Answer(rcode, Fault.UNSIGNED);
    }

    /** A signed response whose MAC has one bit flipped. */
    static Reply badMac(int rcode) {
      return new Answer(rcode, Fault.BAD_MAC);
    }

    /** A response with TC set: the client should resend over TCP (RFC 1035 §4.2.1). */
    static Reply truncated(int rcode) {
      return new Answer(rcode, Fault.TRUNCATED);
    }

    /** A "response" with the QR flag clear. */
    static Reply notAResponse(int rcode) {
      return new Answer(rcode, Fault.QR_CLEAR);
    }

    /** A response with opcode QUERY instead of UPDATE. */
    static Reply wrongOpcode(int rcode) {
      return new Answer(rcode, Fault.WRONG_OPCODE);
    }

    /** Forwards the request's bytes to {@code upstream} and its answer's bytes back, unchanged. */
    static Reply relayTo(InetSocketAddress upstream) {
      return new Relay(upstream);
    }

    /** {@code then}, once {@code release} is opened; never, if the server closes first. */
    static Reply heldUntil(Gate release, Reply then) {
      return new Held(release, then);
    }

    /**
     * Over TCP: no answer, and the connection is closed at once (with a reset), so requests the
     * client pipelined behind this one are never read. Over UDP: no answer.
     */
    static Reply hangUp() {
      return new HangUp(new Silent());
    }

    /** Over TCP: {@code first}'s answer, then the connection is closed. Over UDP: {@code first}. */
    static Reply answerThenHangUp(Reply first) {
      return new HangUp(first);
    }

    /** How an {@link Answer} departs from a correct response. */
    enum Fault {
      NONE,
      WRONG_ID_FIRST,
      UNSIGNED,
      BAD_MAC,
      QR_CLEAR,
      WRONG_OPCODE,
      TRUNCATED
    }

    record Answer(int rcode, Fault fault) implements Reply {
      public Answer {
        if (rcode < 0 || rcode > 15) {
          throw new IllegalArgumentException("rcode: must be 0..15 (no EDNS), got " + rcode);
        }
        Objects.requireNonNull(fault, "fault");
      }

      int opcode() {
        return fault == Fault.WRONG_OPCODE ? Opcode.QUERY : Opcode.UPDATE;
      }
    }

    record Silent() implements Reply {}

    /** Raw bytes; a class rather than a record so the array is copied in and out. */
    final class Garbage implements Reply {
      private final byte[] bytes;
      private final boolean afterId;

      Garbage(byte[] bytes, boolean afterId) {
        this.bytes = bytes.clone();
        this.afterId = afterId;
      }

      public byte[] bytes() {
        return bytes.clone();
      }

      /** Whether the request's ID goes first. */
      public boolean afterId() {
        return afterId;
      }

      @Override
      public String toString() {
        return "Garbage[" + (afterId ? "ID + " : "") + bytes.length + " octets]";
      }
    }

    record Held(Gate release, Reply then) implements Reply {
      public Held {
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(then, "then");
      }
    }

    record HangUp(Reply first) implements Reply {
      public HangUp {
        Objects.requireNonNull(first, "first");
      }
    }

    record Relay(InetSocketAddress upstream) implements Reply {
      public Relay {
        Objects.requireNonNull(upstream, "upstream");
      }
    }
  }

  /** Names of the replies that were scripted but not used yet, for failure messages. */
  public List<String> pendingScript() {
    List<String> out = new ArrayList<>();
    script.forEach(r -> out.add(r.toString()));
    return out;
  }
}
