package io.d2j.bench;

import io.d2j.testkit.TestKey;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.DatagramChannel;
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
 * without a real server's costs. It records, per owner name of an UPDATE's first update-section
 * record, when the first UPDATE for it arrived ({@link System#nanoTime()}), which is how the
 * benchmark counts NCRs that produced their UPDATEs and times them.
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
  private final TSIG tsig;
  private final List<Thread> threads = new ArrayList<>();
  private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
  private final AtomicLong updates = new AtomicLong();
  private final AtomicLong unparsable = new AtomicLong();

  private NullDnsResponder(DatagramChannel channel, TSIG tsig) {
    this.channel = channel;
    this.tsig = tsig;
  }

  /**
   * Starts answering on a free 127.0.0.1 port with {@code threads} threads; {@code key} null means
   * unsigned replies.
   */
  public static NullDnsResponder start(TestKey key, int threads) throws IOException {
    DatagramChannel channel = DatagramChannel.open();
    channel.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 8 << 20);
    channel.setOption(java.net.StandardSocketOptions.SO_SNDBUF, 8 << 20);
    channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    NullDnsResponder responder = new NullDnsResponder(channel, key == null ? null : key.tsig());
    for (int i = 0; i < threads; i++) {
      Thread t = new Thread(responder::serve, "null-dns-" + i);
      t.setDaemon(true);
      responder.threads.add(t);
      t.start();
    }
    return responder;
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
      List<Record> update = request.getSection(Section.UPDATE);
      if (!update.isEmpty()) {
        firstSeen.putIfAbsent(update.get(0).getName().toString().toLowerCase(Locale.ROOT), now);
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
    } catch (IOException e) {
      // closing a datagram channel has nothing to flush
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
