package io.d2j.d2.journal;

import io.d2j.d2.log.D2Log;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.ncr.NcrJsonCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The append-only journal of accepted NCRs: an NCR counts as accepted once its record is durable
 * here. A directory of segment files; a writer thread takes appends and done marks in batches and
 * syncs once per batch (group commit), completing each append's future only after that sync.
 *
 * <p>Compaction: a segment whose NCRs are all done, and every segment before it, is deleted. Only
 * whole files ever disappear and existing files are never rewritten: every open starts a new
 * segment, so a crash between any two steps leaves a journal that reads correctly (a done record
 * whose NCR's segment is gone is ignored; an NCR whose done record is lost is replayed once more,
 * which RFC 4703's update steps make harmless).
 *
 * <p>Memory stays bounded whatever the backlog: NCRs waiting are read back from disk by the {@link
 * JournalReader} as the caller has room; the journal itself keeps per-segment counts and one bit
 * per NCR that was already done at open.
 *
 * <p>Thread-safe: {@link #append} and {@link #markDone} from any thread.
 */
public final class Journal implements AutoCloseable {

  /** Default size at which a segment is sealed and a new one started. */
  public static final long SEGMENT_BYTES = 8L * 1024 * 1024;

  private static final int MAX_BATCH = 4096;

  /**
   * At most this many written NCRs are kept for the reader: enough for a full in-memory queue and a
   * batch, while a backlog beyond it stays on disk only (and is decoded when read back).
   */
  static final int WRITTEN_KEPT = 4096;

  private sealed interface Op permits Append, Done, Stop {}

  /** {@code acceptedAt} null: acceptance time not recorded. */
  private record Append(NameChangeRequest ncr, Instant acceptedAt, CompletableFuture<Long> durable)
      implements Op {}

  private record Done(long seq) implements Op {}

  private record Stop() implements Op {}

  private final Path dir;
  private final NcrJsonCodec codec;
  private final Syncer syncer;
  private final long segmentBytes;
  private final BlockingQueue<Op> ops = new ArrayBlockingQueue<>(65536);

  /**
   * NCRs just made durable, by sequence number, until the reader takes them: the reader, on the D2
   * event loop, then skips decoding their JSON again (profiled: that decode was the event loop's
   * largest cost after the DNS exchange itself). The record on disk is the same NCR.
   */
  private final Map<Long, NameChangeRequest> written = new ConcurrentHashMap<>();

  private final Thread writer;

  /** Guarded by {@code this}. */
  private final TreeMap<Long, Segment> segments;

  private final BitSet doneAtOpen;
  private final long base;
  private final int pendingAtOpen;

  /** Writer thread only. */
  private Segment active;

  private FileChannel out;
  private long nextSeq;

  private volatile boolean closed;

  /** Holds an exclusive lock for the journal's lifetime: one daemon per journal directory. */
  private final FileChannel lockFile;

  private Journal(
      Path dir,
      NcrJsonCodec codec,
      Syncer syncer,
      long segmentBytes,
      Recovery r,
      FileChannel lockFile) {
    this.dir = dir;
    this.lockFile = lockFile;
    this.codec = codec;
    this.syncer = syncer;
    this.segmentBytes = segmentBytes;
    this.segments = r.segments;
    this.doneAtOpen = r.done;
    this.base = r.base;
    this.pendingAtOpen = r.pending;
    this.nextSeq = r.nextSeq;
    this.writer = new Thread(this::writeLoop, "d2j-journal-writer");
    this.writer.setDaemon(true);
  }

  /**
   * Opens (creating if need be) the journal in {@code dir}, reads what a previous run left and
   * deletes the segments whose NCRs are all done.
   */
  public static Journal open(Path dir, NcrJsonCodec codec, Syncer syncer, long segmentBytes)
      throws IOException {
    Files.createDirectories(dir);
    FileChannel lockFile =
        FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = lockFile.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      lock = null; // held by this very JVM
    } catch (IOException | RuntimeException e) {
      lockFile.close();
      throw e;
    }
    if (lock == null) {
      lockFile.close();
      throw new IOException(dir + " is in use by another process");
    }
    Recovery r;
    try {
      r = Recovery.scan(dir);
    } catch (IOException | RuntimeException e) {
      lockFile.close();
      throw e;
    }
    Journal j = new Journal(dir, codec, syncer, segmentBytes, r, lockFile);
    synchronized (j) {
      j.deleteDonePrefix();
    }
    try {
      j.roll();
    } catch (IOException | RuntimeException e) {
      lockFile.close();
      throw e;
    }
    D2Log.DHCP_DDNS_JOURNAL_OPENED.log(dir, r.pending, r.segments.size());
    j.writer.start();
    return j;
  }

  /** The journal's directory. */
  public Path directory() {
    return dir;
  }

  /** NCRs the previous run left not done, found at open. */
  public int pendingAtOpen() {
    return pendingAtOpen;
  }

  /** NCRs in the journal not yet done (on disk; some may also be in memory). */
  public synchronized long pending() {
    long n = 0;
    for (Segment s : segments.values()) {
      n += s.live;
    }
    return n;
  }

  /**
   * Appends an NCR. The future completes with its sequence number once the record is durable, or
   * exceptionally when it could not be written. Blocks while the writer is far behind (back
   * pressure: the kernel's receive buffer holds the datagrams meanwhile).
   */
  public CompletableFuture<Long> append(NameChangeRequest ncr, Instant acceptedAt) {
    return enqueue(ncr, Objects.requireNonNull(acceptedAt, "acceptedAt"));
  }

  /**
   * As {@link #append(NameChangeRequest, Instant)} without recording when the NCR was accepted
   * (read back, its age is unknown and counts from the replay).
   */
  public CompletableFuture<Long> append(NameChangeRequest ncr) {
    return enqueue(ncr, null);
  }

  private CompletableFuture<Long> enqueue(NameChangeRequest ncr, Instant acceptedAt) {
    CompletableFuture<Long> durable = new CompletableFuture<>();
    if (closed) {
      durable.completeExceptionally(new IOException("journal closed"));
      return durable;
    }
    put(new Append(ncr, acceptedAt, durable));
    return durable;
  }

  /** Records that the NCR {@code seq} is finished (completed, failed or dropped). */
  public void markDone(long seq) {
    if (!closed) {
      put(new Done(seq));
    }
  }

  /** A reader of the pending NCRs in sequence order, from the oldest; one per run. */
  public JournalReader reader() {
    return new JournalReader(this, codec, base, doneAtOpen);
  }

  /** The NCR appended as {@code seq} in this run, if still kept; the reader's shortcut. */
  NameChangeRequest takeWritten(long seq) {
    return written.remove(seq);
  }

  synchronized Map.Entry<Long, Segment> segmentAtOrAfter(long firstSeq) {
    return segments.ceilingEntry(firstSeq);
  }

  synchronized boolean isActive(Segment s) {
    return !s.sealed;
  }

  private void put(Op op) {
    try {
      ops.put(op);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while appending to the journal", e);
    }
  }

  private void writeLoop() {
    List<Op> batch = new ArrayList<>();
    while (true) {
      batch.clear();
      try {
        batch.add(ops.take());
      } catch (InterruptedException e) {
        return;
      }
      ops.drainTo(batch, MAX_BATCH - 1);
      boolean stop = batch.get(batch.size() - 1) instanceof Stop;
      writeBatch(batch);
      if (stop) {
        return;
      }
    }
  }

  /** Writes a batch, syncs once, then publishes it: futures, live counts, compaction. */
  private void writeBatch(List<Op> batch) {
    List<CompletableFuture<Long>> futures = new ArrayList<>();
    List<Long> seqs = new ArrayList<>();
    List<NameChangeRequest> ncrs = new ArrayList<>();
    List<Long> dones = new ArrayList<>();
    try {
      List<ByteBuffer> bufs = new ArrayList<>();
      for (Op op : batch) {
        if (op instanceof Append a) {
          long seq = nextSeq++;
          // Encoded here, not by the caller: the receive thread only decodes and hands over.
          String json = codec.encode(a.ncr());
          bufs.add(
              (a.acceptedAt() == null
                      ? JournalRecord.ncr(seq, json)
                      : JournalRecord.ncrAt(seq, a.acceptedAt().toEpochMilli(), json))
                  .encode());
          futures.add(a.durable());
          seqs.add(seq);
          ncrs.add(a.ncr());
        } else if (op instanceof Done d) {
          bufs.add(JournalRecord.done(d.seq()).encode());
          dones.add(d.seq());
        }
      }
      ByteBuffer[] array = bufs.toArray(new ByteBuffer[0]);
      long remaining = 0;
      for (ByteBuffer b : array) {
        remaining += b.remaining();
      }
      while (remaining > 0) {
        remaining -= out.write(array);
      }
      // Only appends wait for the disk. A done mark lost in a crash costs one harmless replay of
      // its NCR, so a batch of done marks alone leaves the disk to the DNS server.
      if (!futures.isEmpty()) {
        syncer.sync(out);
      }
      active.end = out.position();
    } catch (IOException | RuntimeException e) {
      D2Log.DHCP_DDNS_JOURNAL_WRITE_FAILED.log(active.file, futures.size(), e.toString());
      futures.forEach(f -> f.completeExceptionally(e));
      // Part of the batch may be in the file: start a new segment, so that the next batches do not
      // follow unreadable bytes (readers stop at the sealed segment's last sound record).
      try {
        roll();
      } catch (IOException | RuntimeException again) {
        D2Log.DHCP_DDNS_JOURNAL_COMPACTION_FAILED.log(dir, again.toString());
      }
      return;
    }
    synchronized (this) {
      active.live += seqs.size();
      for (long seq : dones) {
        Map.Entry<Long, Segment> e = segments.floorEntry(seq);
        if (e != null && e.getValue().live > 0) {
          e.getValue().live--;
        }
      }
    }
    for (int i = 0; i < futures.size(); i++) {
      if (written.size() < WRITTEN_KEPT) {
        written.put(seqs.get(i), ncrs.get(i));
      }
      futures.get(i).complete(seqs.get(i));
    }
    try {
      if (active.end >= segmentBytes) {
        roll();
      }
      synchronized (this) {
        deleteDonePrefix();
      }
    } catch (IOException | RuntimeException e) {
      D2Log.DHCP_DDNS_JOURNAL_COMPACTION_FAILED.log(dir, e.toString());
    }
  }

  /**
   * Seals the active segment (if any) and starts a new one named after the next seq. A segment that
   * filled up with done records only holds no NCR, so the next seq is bumped past its name: gaps in
   * the numbering are harmless, two segments of one name are not.
   */
  private void roll() throws IOException {
    FileChannel old = out;
    if (active != null) {
      nextSeq = Math.max(nextSeq, active.firstSeq + 1);
    }
    Segment s = new Segment(nextSeq, dir);
    FileChannel ch =
        FileChannel.open(
            s.file,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE,
            StandardOpenOption.APPEND);
    syncDirectory();
    synchronized (this) {
      if (active != null) {
        active.sealed = true;
      }
      segments.put(s.firstSeq, s);
      active = s;
      out = ch;
    }
    if (old != null) {
      old.close();
    }
  }

  /** Deletes, oldest first, the sealed segments with no live NCR, up to the first that has one. */
  private void deleteDonePrefix() {
    while (!segments.isEmpty()) {
      Segment s = segments.firstEntry().getValue();
      if (!s.sealed || s.live > 0) {
        return;
      }
      try {
        Files.deleteIfExists(s.file);
      } catch (IOException e) {
        D2Log.DHCP_DDNS_JOURNAL_COMPACTION_FAILED.log(s.file, e.toString());
        return;
      }
      segments.pollFirstEntry();
      D2Log.DHCP_DDNS_JOURNAL_SEGMENT_DELETED.log(s.file);
    }
  }

  /** A new segment must survive a crash as a directory entry, not only as data. */
  private void syncDirectory() throws IOException {
    if (syncer == Syncer.NONE) {
      return;
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }

  /** Writes what is queued, then stops the writer. Appends after this fail. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    put(new Stop());
    try {
      writer.join(10_000);
      out.close();
      lockFile.close();
      for (Op op : ops) {
        if (op instanceof Append a) {
          a.durable().completeExceptionally(new IOException("journal closed"));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      D2Log.DHCP_DDNS_JOURNAL_CLOSE.log(dir, e.toString());
    }
  }
}
