package io.d2j.d2.journal;

import io.d2j.d2.log.D2Log;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads the segments of a journal directory at open: which NCRs are there, which are done, where
 * each segment's sound records end. Damage is logged and stepped over, never fatal: a torn last
 * record is what a crash in the middle of a write leaves behind, and everything before it is
 * intact.
 */
final class Recovery {

  final TreeMap<Long, Segment> segments = new TreeMap<>();

  /** Done NCRs, as offsets from {@link #base}: the reader skips them. */
  final BitSet done = new BitSet();

  /** The first sequence number of the oldest segment (1 for an empty journal). */
  long base = 1;

  /** The sequence number the next appended NCR gets. */
  long nextSeq = 1;

  int pending;

  static Recovery scan(Path dir) throws IOException {
    Recovery r = new Recovery();
    List<Long> firsts = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.forEach(
          f -> {
            long first = Segment.parseName(f.getFileName().toString());
            if (first > 0) {
              firsts.add(first);
            }
          });
    }
    firsts.sort(null);
    if (!firsts.isEmpty()) {
      r.base = firsts.get(0);
    }
    BitSet seen = new BitSet();
    long maxSeq = 0;
    for (long first : firsts) {
      Segment s = new Segment(first, dir);
      s.sealed = true;
      r.segments.put(first, s);
      maxSeq = Math.max(maxSeq, Math.max(first, r.read(s, seen)));
    }
    r.nextSeq = maxSeq + 1;
    for (Segment s : r.segments.values()) {
      Long next = r.segments.higherKey(s.firstSeq);
      int from = (int) (s.firstSeq - r.base);
      int to = next == null ? (int) (r.nextSeq - r.base) : (int) (next - r.base);
      BitSet live = seen.get(from, to);
      live.andNot(r.done.get(from, to));
      s.live = live.cardinality();
      r.pending += s.live;
    }
    return r;
  }

  /** Reads one segment; returns the largest sequence number in it (0 if none). */
  private long read(Segment s, BitSet seen) throws IOException {
    long size = Files.size(s.file);
    long max = 0;
    try (SegmentReader in = new SegmentReader(s.file)) {
      while (true) {
        SegmentReader.Result res = in.next(size);
        if (res instanceof SegmentReader.Read read) {
          JournalRecord rec = read.record();
          if (rec.seq() < s.firstSeq && rec.isNcr()) {
            D2Log.DHCP_DDNS_JOURNAL_CORRUPT_RECORD_SEQ.log(s.file, read.end(), rec.seq());
            continue;
          }
          if (rec.seq() >= s.firstSeq) {
            max = Math.max(max, rec.seq());
          }
          if (rec.seq() >= base) {
            (rec.isNcr() ? seen : done).set((int) (rec.seq() - base));
          }
        } else if (res instanceof SegmentReader.Damaged d) {
          D2Log.DHCP_DDNS_JOURNAL_CORRUPT_RECORD.log(s.file, d.offset());
        } else if (res instanceof SegmentReader.Torn t) {
          D2Log.DHCP_DDNS_JOURNAL_TORN_TAIL.log(s.file, t.offset(), t.reason(), size - t.offset());
          s.end = t.offset();
          return max;
        } else {
          s.end = size;
          return max;
        }
      }
    }
  }
}
