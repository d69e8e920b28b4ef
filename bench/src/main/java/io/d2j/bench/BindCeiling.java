package io.d2j.bench;

import io.d2j.testkit.BindServer;
import io.d2j.testkit.TestKey;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DHCIDRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * BIND's own ceiling for the benchmark's mix, no D2 in between: the two TSIG-signed UPDATEs a D2
 * sends for a fresh check-with-dhcid ADD (RFC 4703 §5.3), forward = prerequisite "name not in use"
 * + add AAAA + add DHCID, then reverse = delete the PTR and DHCID RRsets + add PTR + add DHCID, one
 * name per UPDATE, with {@code window} UPDATEs outstanding (as a D2 with that many transactions
 * would have) sent from {@code clients} UDP sockets in turn: one socket is one pipelining client,
 * several are that many concurrent clients, each its own source port (BIND 9.18 spreads UDP clients
 * over its per-CPU listeners by address and port, so one socket would keep its receiving on one
 * thread). Replies are matched by ID and only their RCODE is read, so the clients cost next to
 * nothing. The figure is NCRs (both UPDATEs answered NOERROR) per second; the benchmark tries a few
 * windows with one and with several clients and keeps the best.
 */
public final class BindCeiling {

  /**
   * NCR/s at the best window and client count, those two, UPDATEs not answered NOERROR, seconds
   * measured.
   */
  public record Result(double ncrPerSecond, int window, int clients, long failed, double seconds) {}

  /** One UPDATE on its way: NCR index and which of its two UPDATEs. */
  private record Job(int ncr, boolean forward) {}

  private BindCeiling() {}

  /**
   * The best of {@code windows} times {@code clientCounts}, each measured for {@code seconds}
   * against one fresh BIND.
   */
  public static Result best(TestKey key, int[] windows, int[] clientCounts, double seconds)
      throws IOException, InterruptedException {
    Result best = null;
    try (BindServer bind = BindServer.start(key)) {
      for (int c : clientCounts) {
        for (int w : windows) {
          if (c > w) {
            continue;
          }
          Result r = measure(bind, key, w, c, seconds, "ceiling" + c + "x" + w);
          System.out.printf(
              "    BIND ceiling, %2d client(s), window %3d: %.0f NCR/s, %d failed%n",
              c, w, r.ncrPerSecond(), r.failed());
          if (best == null || r.ncrPerSecond() > best.ncrPerSecond()) {
            best = r;
          }
        }
      }
    }
    return best;
  }

  static Result measure(
      BindServer bind, TestKey key, int window, int clients, double seconds, String prefix)
      throws IOException, InterruptedException {
    NcrStream stream = new NcrStream(prefix, 0xcafe);
    TSIG tsig = key.tsig();
    Semaphore permits = new Semaphore(window);
    Map<Integer, Job> outstanding = new ConcurrentHashMap<>();
    Queue<Job> reverses = new ConcurrentLinkedQueue<>();
    AtomicLong done = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    List<DatagramChannel> channels = new ArrayList<>();
    List<Thread> receivers = new ArrayList<>();
    try {
      for (int c = 0; c < clients; c++) {
        DatagramChannel channel = DatagramChannel.open();
        channels.add(channel);
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        channel.connect(bind.socketAddress());
        Thread receiver =
            new Thread(
                () -> receive(channel, stop, outstanding, reverses, done, failed, permits),
                "bind-ceiling-receiver-" + c);
        receiver.setDaemon(true);
        receiver.start();
        receivers.add(receiver);
      }
      long start = System.nanoTime();
      long end = start + (long) (seconds * 1e9);
      int nextNcr = 0;
      int nextId = 0;
      while (System.nanoTime() - end < 0) {
        if (!permits.tryAcquire(2, TimeUnit.SECONDS)) {
          failed.addAndGet(outstanding.size()); // unanswered for 2 s: count them, carry on
          outstanding.clear();
          permits.release(window);
          continue;
        }
        Job job = reverses.poll();
        if (job == null) {
          job = new Job(nextNcr++, true);
        }
        Message m = job.forward() ? forward(stream, job.ncr()) : reverse(stream, job.ncr());
        nextId = (nextId + 1) & 0xffff;
        m.getHeader().setID(nextId);
        tsig.apply(m, null);
        outstanding.put(nextId, job);
        channels.get(nextId % clients).write(ByteBuffer.wrap(m.toWire()));
      }
      long counted = done.get();
      double elapsed = (System.nanoTime() - start) / 1e9;
      return new Result(counted / elapsed, window, clients, failed.get(), elapsed);
    } finally {
      stop.set(true);
      for (DatagramChannel channel : channels) {
        channel.close();
      }
      for (Thread receiver : receivers) {
        receiver.join(1000);
      }
    }
  }

  /** One client socket's answers: an answered forward UPDATE queues its NCR's reverse one. */
  private static void receive(
      DatagramChannel channel,
      AtomicBoolean stop,
      Map<Integer, Job> outstanding,
      Queue<Job> reverses,
      AtomicLong done,
      AtomicLong failed,
      Semaphore permits) {
    ByteBuffer in = ByteBuffer.allocate(65535);
    while (!stop.get()) {
      try {
        in.clear();
        channel.receive(in);
      } catch (IOException e) {
        return;
      }
      int id = ((in.get(0) & 0xff) << 8) | (in.get(1) & 0xff);
      int rcode = in.get(3) & 0x0f;
      Job job = outstanding.remove(id);
      if (job == null) {
        continue;
      }
      if (rcode != 0) {
        failed.incrementAndGet();
      } else if (job.forward()) {
        reverses.add(new Job(job.ncr(), false));
      } else {
        done.incrementAndGet();
      }
      permits.release();
    }
  }

  private static Message forward(NcrStream stream, int i) throws TextParseException {
    Name name = Name.fromString(stream.forwardOwner(i));
    Update u = new Update(Name.fromString(NcrStream.FORWARD_ZONE));
    u.absent(name);
    u.add(new AAAARecord(name, DClass.IN, 3600, stream.address(i)));
    u.add(new DHCIDRecord(name, DClass.IN, 3600, stream.ncr(i).dhcid().bytes()));
    return u;
  }

  private static Message reverse(NcrStream stream, int i) throws TextParseException {
    Name ptr = Name.fromString(stream.reverseOwner(i));
    Update u = new Update(Name.fromString(NcrStream.REVERSE_ZONE));
    u.delete(ptr, Type.PTR);
    u.delete(ptr, Type.DHCID);
    u.add(new PTRRecord(ptr, DClass.IN, 3600, Name.fromString(stream.forwardOwner(i))));
    u.add(new DHCIDRecord(ptr, DClass.IN, 3600, stream.ncr(i).dhcid().bytes()));
    return u;
  }
}
