package io.d2j.bench;

import io.d2j.testkit.TestKey;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;

/**
 * A DNS server on 127.0.0.1 that answers every UPDATE with NOERROR at once, so a D2 can be measured
 * without a real server's costs, over UDP and, on the same port, TCP (a batched UPDATE over 512
 * octets goes there). It records, per owner name of an UPDATE's update-section records (several
 * NCRs' in a batched UPDATE), when the first UPDATE for it arrived ({@link System#nanoTime()}),
 * which is how the benchmark counts NCRs that produced their UPDATEs and times them.
 *
 * <p>A reply is the request's header with QR set and RCODE NOERROR, and its zone section echoed
 * (RFC 2136 §3.8: the response may carry the zone section); prerequisite and update sections are
 * left out. With a key the reply is TSIG-signed over the request's MAC (RFC 8945 §5.3), as D2s
 * verify it. Example, for {@code h-1.example.org. AAAA}:
 *
 * <pre>
 * request:  id 4711, opcode UPDATE, ZOCOUNT 1 (example.org. SOA), PRCOUNT 1, UPCOUNT 2, ADCOUNT 1
 * reply:    id 4711, QR, opcode UPDATE, NOERROR, ZOCOUNT 1 (example.org. SOA), ADCOUNT 1 (TSIG)
 * recorded: "h-1.example.org." → arrival time
 * </pre>
 */
public final class NullDnsResponder implements AutoCloseable {

  private final DatagramChannel channel;

  /** The same port over TCP: a D2 sends an UPDATE over 512 octets (a batch) there. */
  private final ServerSocketChannel tcp;

  private final TSIG tsig;
  private final List<Thread> threads = new ArrayList<>();
  private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
  private final AtomicLong updates = new AtomicLong();
  private final AtomicLong unparsable = new AtomicLong();

  private NullDnsResponder(DatagramChannel channel, ServerSocketChannel tcp, TSIG tsig) {
    this.channel = channel;
    this.tcp = tcp;
    this.tsig = tsig;
  }

  /**
   * Starts answering on a free 127.0.0.1 port with {@code threads} threads; {@code key} null means
   * unsigned replies.
   */
  public static NullDnsResponder start(TestKey key, int threads) throws IOException {
    for (int attempt = 0; ; attempt++) {
      DatagramChannel channel = DatagramChannel.open();
      channel.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 8 << 20);
      channel.setOption(java.net.StandardSocketOptions.SO_SNDBUF, 8 << 20);
      channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      ServerSocketChannel tcp = ServerSocketChannel.open();
      try {
        tcp.bind(channel.getLocalAddress());
      } catch (IOException taken) {
        // The UDP port's number is taken over TCP: try another port.
        tcp.close();
        channel.close();
        if (attempt >= 20) {
          throw taken;
        }
        continue;
      }
      NullDnsResponder responder =
          new NullDnsResponder(channel, tcp, key == null ? null : key.tsig());
      for (int i = 0; i < threads; i++) {
        responder.daemon(responder::serve, "null-dns-" + i);
      }
      responder.daemon(responder::accept, "null-dns-tcp");
      return responder;
    }
  }

  private void daemon(Runnable body, String name) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    threads.add(t);
    t.start();
  }

  /** Accepts TCP connections, each served by a thread of its own (a D2 keeps one open). */
  private void accept() {
    while (tcp.isOpen()) {
      try {
        SocketChannel c = tcp.accept();
        Thread t = new Thread(() -> serveTcp(c), "null-dns-tcp-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        if (!tcp.isOpen()) {
          return;
        }
      }
    }
  }

  /** RFC 1035 §4.2.2 framing: a two-octet length before each message, in both directions. */
  private void serveTcp(SocketChannel c) {
    try (c) {
      ByteBuffer length = ByteBuffer.allocate(2);
      while (true) {
        length.clear();
        if (!readFully(c, length)) {
          return;
        }
        ByteBuffer message = ByteBuffer.allocate(length.flip().getShort() & 0xffff);
        if (!readFully(c, message)) {
          return;
        }
        message.flip();
        byte[] reply = answer(message, System.nanoTime());
        if (reply != null) {
          ByteBuffer out = ByteBuffer.allocate(2 + reply.length);
          out.putShort((short) reply.length).put(reply).flip();
          while (out.hasRemaining()) {
            c.write(out);
          }
        }
      }
    } catch (IOException e) {
      // the D2 closed or reset its connection
    }
  }

  private static boolean readFully(SocketChannel c, ByteBuffer into) throws IOException {
    while (into.hasRemaining()) {
      if (c.read(into) < 0) {
        return false;
      }
    }
    return true;
  }

  public InetSocketAddress socketAddress() {
    try {
      return (InetSocketAddress) channel.getLocalAddress();
    } catch (IOException e) {
      throw new IllegalStateException("null responder: no local address", e);
    }
  }

  /** UPDATE messages answered so far. */
  public long updates() {
    return updates.get();
  }

  /** Datagrams that were not DNS messages (not answered). */
  public long unparsable() {
    return unparsable.get();
  }

  /** When the first UPDATE for {@code owner} (lower case, absolute) arrived, or -1. */
  public long firstSeen(String owner) {
    Long at = firstSeen.get(owner);
    return at == null ? -1 : at;
  }

  public boolean seen(String owner) {
    return firstSeen.containsKey(owner);
  }

  private void serve() {
    ByteBuffer in = ByteBuffer.allocate(65535);
    while (channel.isOpen()) {
      try {
        in.clear();
        SocketAddress from = channel.receive(in);
        long now = System.nanoTime();
        in.flip();
        byte[] reply = answer(in, now);
        if (reply != null) {
          channel.send(ByteBuffer.wrap(reply), from);
        }
      } catch (AsynchronousCloseException e) {
        return;
      } catch (IOException e) {
        if (!channel.isOpen()) {
          return;
        }
      }
    }
  }

  private byte[] answer(ByteBuffer datagram, long now) {
    Message request;
    try {
      byte[] bytes = new byte[datagram.remaining()];
      datagram.get(bytes);
      request = new Message(bytes);
    } catch (IOException e) {
      unparsable.incrementAndGet();
      return null;
    }
    if (request.getHeader().getOpcode() == Opcode.UPDATE) {
      updates.incrementAndGet();
      // Every owner name: a batched UPDATE carries several NCRs' steps.
      for (Record r : request.getSection(Section.UPDATE)) {
        firstSeen.putIfAbsent(r.getName().toString().toLowerCase(Locale.ROOT), now);
      }
    }
    Message reply = new Message(request.getHeader().getID());
    reply.getHeader().setFlag(Flags.QR);
    reply.getHeader().setOpcode(request.getHeader().getOpcode());
    reply.getHeader().setRcode(Rcode.NOERROR);
    for (Record zone : request.getSection(Section.ZONE)) {
      reply.addRecord(zone, Section.ZONE);
    }
    if (tsig != null && request.getTSIG() != null) {
      tsig.apply(reply, request.getTSIG());
    }
    return reply.toWire(65535);
  }

  @Override
  public void close() {
    try {
      channel.close();
      tcp.close();
    } catch (IOException e) {
      // closing a datagram channel or a listening socket has nothing to flush
    }
    for (Thread t : threads) {
      try {
        t.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
