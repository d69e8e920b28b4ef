package io.d2j.bench;

import io.d2j.testkit.BindServer;
import io.d2j.testkit.TestKey;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DHCIDRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * BIND's own ceiling for the benchmark's mix, no D2 in between: {@code workers} threads each send,
 * for one NCR after another, the two TSIG-signed UPDATEs a D2 sends for a fresh check-with-dhcid
 * ADD (RFC 4703 §5.3): forward = prerequisite "name not in use" + add AAAA + add DHCID; reverse =
 * delete the PTR and DHCID RRsets + add PTR + add DHCID. The figure is NCRs (UPDATE pairs both
 * answered NOERROR) per second.
 */
public final class BindCeiling {

  /** NCR/s, UPDATEs answered otherwise than NOERROR, and the seconds measured. */
  public record Result(double ncrPerSecond, long failed, double seconds) {}

  private BindCeiling() {}

  public static Result measure(TestKey key, int workers, double seconds)
      throws IOException, InterruptedException {
    try (BindServer bind = BindServer.start(key)) {
      NcrStream stream = new NcrStream("ceiling", 0xcafe);
      AtomicInteger next = new AtomicInteger();
      AtomicLong done = new AtomicLong();
      AtomicLong failed = new AtomicLong();
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> threads = new ArrayList<>();
      long start = System.nanoTime();
      for (int w = 0; w < workers; w++) {
        Thread t =
            new Thread(
                () -> {
                  SimpleResolver resolver = new SimpleResolver(bind.socketAddress());
                  resolver.setTSIGKey(key.tsig());
                  resolver.setTimeout(Duration.ofSeconds(2));
                  while (!stop.get()) {
                    int i = next.getAndIncrement();
                    try {
                      if (send(resolver, forward(stream, i))
                          && send(resolver, reverse(stream, i))) {
                        done.incrementAndGet();
                      } else {
                        failed.incrementAndGet();
                      }
                    } catch (IOException e) {
                      failed.incrementAndGet();
                    }
                  }
                },
                "bind-ceiling-" + w);
        threads.add(t);
        t.start();
      }
      Thread.sleep((long) (seconds * 1000));
      long counted = done.get();
      double elapsed = (System.nanoTime() - start) / 1e9;
      stop.set(true);
      for (Thread t : threads) {
        t.join(TimeUnit.SECONDS.toMillis(5));
      }
      return new Result(counted / elapsed, failed.get(), elapsed);
    }
  }

  private static boolean send(SimpleResolver resolver, Message update) throws IOException {
    return resolver.send(update).getRcode() == Rcode.NOERROR;
  }

  private static Message forward(NcrStream stream, int i) throws TextParseException {
    Name name = Name.fromString(stream.forwardOwner(i));
    Update u = new Update(Name.fromString(NcrStream.FORWARD_ZONE));
    u.absent(name);
    u.add(new org.xbill.DNS.AAAARecord(name, DClass.IN, 3600, stream.address(i)));
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
