package io.d2j.bench;

import io.d2j.testkit.BindServer;
import io.d2j.testkit.KnotServer;
import io.d2j.testkit.TestKey;
import io.d2j.testkit.ZoneServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Locale;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The DNS server a D2 under test updates, and how the benchmark sees what landed there: a {@link
 * NullDnsResponder} (arrival of each NCR's UPDATEs, timed) or a fresh real BIND or Knot from
 * test-zones/ (records read back). An NCR has landed once its reverse UPDATE did: D2s send it only
 * after the forward one succeeded (RFC 4703 §5.3 order).
 */
public sealed interface DnsSide extends AutoCloseable permits DnsSide.Null, DnsSide.Real {

  /** Which server, and whether UPDATEs are TSIG-signed. */
  enum Kind {
    NULL("null responder, no TSIG", false),
    NULL_TSIG("null responder, TSIG", true),
    BIND("BIND 9, TSIG", true),
    KNOT("Knot, TSIG", true);

    private final String label;
    private final boolean signed;

    Kind(String label, boolean signed) {
      this.label = label;
      this.signed = signed;
    }

    public String label() {
      return label;
    }

    public boolean signed() {
      return signed;
    }

    /** A real DNS server (its rate, not the D2's, is what is measured first). */
    public boolean real() {
      return this == BIND || this == KNOT;
    }
  }

  static DnsSide start(Kind kind, TestKey key) throws IOException {
    switch (kind) {
      case NULL:
        return new Null(NullDnsResponder.start(null, 2));
      case NULL_TSIG:
        return new Null(NullDnsResponder.start(key, 2));
      case BIND:
        return new Real(BindServer.start(key));
      case KNOT:
        return new Real(KnotServer.start(key));
    }
    throw new AssertionError(kind);
  }

  InetSocketAddress address();

  /** Whether NCR {@code i} of {@code batch} has landed. */
  boolean landed(NcrBatch batch, int i);

  /** How many NCRs of {@code batch} have landed. */
  int landedCount(NcrBatch batch);

  /** How often {@link #landedCount} may be asked without loading the server, in ms. */
  long pollMillis();

  @Override
  void close();

  /** The null responder: landing is the arrival of the reverse UPDATE, with its time. */
  record Null(NullDnsResponder responder) implements DnsSide {
    @Override
    public InetSocketAddress address() {
      return responder.socketAddress();
    }

    @Override
    public boolean landed(NcrBatch batch, int i) {
      if (batch.knownLanded(i)) {
        return true;
      }
      if (responder.seen(batch.reverseOwner(i)) && responder.seen(batch.forwardOwner(i))) {
        batch.markLanded(i);
        return true;
      }
      return false;
    }

    @Override
    public int landedCount(NcrBatch batch) {
      for (int i = 0; i < batch.count(); i++) {
        landed(batch, i);
      }
      return batch.knownLandedCount();
    }

    /** When NCR {@code i} landed ({@link System#nanoTime()}), or -1. */
    public long landedAt(NcrBatch batch, int i) {
      long fwd = responder.firstSeen(batch.forwardOwner(i));
      long rev = responder.firstSeen(batch.reverseOwner(i));
      return fwd < 0 || rev < 0 ? -1 : Math.max(fwd, rev);
    }

    @Override
    public long pollMillis() {
      return 50;
    }

    @Override
    public void close() {
      responder.close();
    }
  }

  /** A real server: landing is the PTR being answerable (read back by query or AXFR). */
  record Real(ZoneServer bind) implements DnsSide {
    @Override
    public InetSocketAddress address() {
      return bind.socketAddress();
    }

    @Override
    public boolean landed(NcrBatch batch, int i) {
      return !bind.query(batch.reverseOwner(i), Type.PTR).isEmpty();
    }

    @Override
    public int landedCount(NcrBatch batch) {
      String prefix = batch.stream().prefix() + "-";
      int n = 0;
      for (Record r : bind.axfr(NcrStream.REVERSE_ZONE)) {
        if (r instanceof PTRRecord
            && ((PTRRecord) r).getTarget().toString().toLowerCase(Locale.ROOT).startsWith(prefix)) {
          n++;
        }
      }
      return n;
    }

    @Override
    public long pollMillis() {
      return 500;
    }

    @Override
    public void close() {
      bind.close();
    }
  }
}
