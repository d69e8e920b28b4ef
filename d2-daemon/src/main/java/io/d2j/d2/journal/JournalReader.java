package io.d2j.d2.journal;

import io.d2j.d2.log.D2Log;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.ncr.NcrFormatException;
import io.d2j.ncr.NcrJsonCodec;
import java.io.IOException;
import java.time.Instant;
import java.util.BitSet;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the journal's pending NCRs back in sequence order, as the caller has room for them: first
 * those a previous run left, then those appended since, up to what is durable. This is how NCRs
 * that arrived while the in-memory queue was full reach it, so memory never holds the backlog.
 *
 * <p>Not thread-safe: one reader, confined to the caller's thread (the D2 event loop).
 */
public final class JournalReader implements AutoCloseable {

  /**
   * An NCR read back, with the sequence number to mark done and, when the journal recorded it, the
   * time it was accepted.
   */
  public record Pending(long seq, NameChangeRequest ncr, Optional<Instant> acceptedAt) {}

  private final Journal journal;
  private final NcrJsonCodec codec;
  private final long base;
  private final BitSet doneAtOpen;
  private Segment segment;
  private SegmentReader in;

  JournalReader(Journal journal, NcrJsonCodec codec, long base, BitSet doneAtOpen) {
    this.journal = journal;
    this.codec = codec;
    this.base = base;
    this.doneAtOpen = doneAtOpen;
  }

  /** The next pending NCR, or empty when every durable one has been read. */
  public Optional<Pending> next() throws IOException {
    while (true) {
      if (segment == null && !advance(Long.MIN_VALUE)) {
        return Optional.empty();
      }
      boolean wasActive = journal.isActive(segment);
      SegmentReader.Result r = in.next(segment.end);
      if (r instanceof SegmentReader.Read read) {
        JournalRecord rec = read.record();
        if (rec.isNcr()
            && rec.seq() >= segment.firstSeq
            && !(rec.seq() >= base && doneAtOpen.get((int) (rec.seq() - base)))) {
          Optional<Instant> at =
              rec.type() == JournalRecord.NCR_AT
                  ? Optional.of(Instant.ofEpochMilli(rec.acceptedAtMillis()))
                  : Optional.empty();
          NameChangeRequest known = journal.takeWritten(rec.seq());
          if (known != null) {
            return Optional.of(new Pending(rec.seq(), known, at));
          }
          try {
            return Optional.of(new Pending(rec.seq(), codec.decode(rec.json()), at));
          } catch (NcrFormatException e) {
            D2Log.DHCP_DDNS_JOURNAL_CORRUPT_RECORD_NOT_NCR.log(
                segment.file, rec.seq(), e.getMessage());
          }
        }
      } else if (r instanceof SegmentReader.Damaged) {
        continue; // logged at open
      } else if (wasActive) {
        // At the durable end of the segment being written: nothing more yet.
        return Optional.empty();
      } else if (!advance(segment.firstSeq)) {
        return Optional.empty();
      }
    }
  }

  /** Moves to the segment after {@code afterFirstSeq}; false when there is none. */
  private boolean advance(long afterFirstSeq) throws IOException {
    Map.Entry<Long, Segment> e =
        journal.segmentAtOrAfter(
            afterFirstSeq == Long.MIN_VALUE ? Long.MIN_VALUE : afterFirstSeq + 1);
    if (e == null) {
      return false;
    }
    close();
    segment = e.getValue();
    in = new SegmentReader(segment.file);
    return true;
  }

  @Override
  public void close() throws IOException {
    if (in != null) {
      in.close();
      in = null;
    }
  }
}
