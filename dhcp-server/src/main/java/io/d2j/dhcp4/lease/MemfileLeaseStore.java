package io.d2j.dhcp4.lease;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.log.Dhcp4Log;
import java.io.IOException;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Kea's memfile lease store: every lease in memory, every change appended to a lease4 CSV file in
 * Kea 2.2's format (spec §5), so Kea's tools and a Kea server can read the file and d2j can take
 * over a Kea server's file.
 *
 * <p>At open the store replays, as Kea does, a finished cleanup output ({@code NAME.completed}) if
 * there is one, else the previous cleanup result ({@code NAME.2}) and the rotated file ({@code
 * NAME.1}), and then the live file; the last row for an address wins and a row with valid_lifetime
 * 0 deletes it. Unreadable rows are skipped with a warning (at most {@code maxRowErrors} of them, 0
 * = no limit, Kea's {@code max-row-errors}); a last line cut short by a crash is one of them.
 *
 * <p>Cleanup ({@link #compact}) does in-process what Kea's {@code kea-lfc} does in a child: the
 * leases in memory are the cleaned set, so they are written to {@code NAME.output}, which is synced
 * and renamed to {@code NAME.completed}; the {@code .1}/{@code .2} files are deleted and {@code
 * .completed} is renamed over the live file. Recovery after a crash at any step is the load rule
 * above. No {@code .1}/{@code .2} files are left behind: nothing needs a rotated copy, since no
 * second process reads it. The store compacts at open when the files need it (LFC leftovers, a
 * header of another Kea version, a torn last line), so appends always match the header.
 *
 * <p>A deferral ({@link #deferSyncs()}) that fails to sync is taken back whole: its rows are cut
 * from the file (truncated to where the deferral began) and its changes undone in memory, newest
 * first, so that memory holds what a restart would load. Rows of another thread's change, synced
 * meanwhile, made the deferral's earlier rows durable too: those stay, in memory and on disk; a
 * caller that wants all or nothing keeps other writers out for the deferral (the packet thread
 * holds the store's monitor from {@code deferSyncs} to {@code commitDeferred}).
 */
public final class MemfileLeaseStore implements LeaseStore {

  private final Path file;
  private final FsyncPolicy fsync;
  private final Clock clock;
  private final InMemoryLeaseStore leases = new InMemoryLeaseStore();
  private final LoadReport loadReport;
  private final FileSync fileSync;

  // The append channel and the sync bookkeeping are guarded by this; null channel = closed.
  private FileChannel channel;
  private boolean dirty;

  /**
   * The file's length as this store wrote it (every write goes through {@link #channel}, which
   * appends): kept here so that no append, batch or sync asks the file system ({@code fstat}) for
   * it. Read back from the channel only after a failed write or truncation left it unsure.
   */
  private long length;

  /**
   * A deferral's rows not yet written, back to back (with {@link FsyncPolicy#isAlways}: its rows
   * are synced only at its end anyway): they reach the file with one write, before its sync and
   * before any other row, so the file keeps the order the changes were made in. {@link Undo#start}
   * of a held row is where it will be written.
   */
  private byte[] held = new byte[4096];

  private int heldLength;

  /** The thread whose appends wait for {@link #commitDeferred()}; null when none. */
  private Thread deferring;

  /** The deferral's changes not yet durable, oldest first: what a failed commit takes back. */
  private final List<Undo> undo = new ArrayList<>();

  /** The file's length before the first row of {@link #undo}; -1 when it is empty. */
  private long undoFrom = -1;

  /**
   * One change of a deferral: the address, its lease before (null: it had none), and where its row
   * starts in the file.
   */
  private record Undo(Inet4Address address, Lease4 before, long start) {}

  /**
   * How far the file is known durable, and how many take-backs and rewrites there were: a sync that
   * ran across either does not move {@link #durable} (the file it forced was cut or replaced).
   * Written under this store's monitor.
   */
  private long durable;

  private long takeBacks;
  private long rewrites;

  /**
   * The prepared deferrals ({@link #prepareDeferred}) not yet settled, in file order: each is
   * settled exactly once, under this store's monitor, as durable (a sync or rewrite covered its
   * rows) or taken back (a take-back cut them), so a take-back settles only the deferrals whose
   * rows it cut. The commit thread reads a settled deferral's state without the monitor.
   */
  private final java.util.ArrayDeque<Deferral> unsettled = new java.util.ArrayDeque<>();

  /**
   * Whether {@link #awaitDurable} forces the file outside the monitor now. A failed fsync may have
   * dropped unsynced pages and a later fsync can succeed without them, so a sync that runs while
   * such a force is under way settles nothing: it leaves the prepared deferrals to that force's
   * outcome, and {@link #syncedWhileForcing} says how far it reached.
   */
  private boolean forcing;

  private long syncedWhileForcing = -1;

  /** A prepared deferral: where its rows end in the file, and its state. */
  private final class Deferral implements Pending {
    static final int UNSETTLED = 0;
    static final int DURABLE = 1;
    static final int TAKEN_BACK = 2;

    final long end;
    volatile int state = UNSETTLED;

    Deferral(long end) {
      this.end = end;
    }

    @Override
    public void awaitDurable() {
      MemfileLeaseStore.this.awaitDurable(this);
    }
  }

  /** Serialises the syncs of pending deferrals, which run without this store's monitor. */
  private final java.util.concurrent.locks.ReentrantLock syncLock =
      new java.util.concurrent.locks.ReentrantLock();

  /** Forces a channel's data to disk; replaced by tests to make a sync fail. */
  @FunctionalInterface
  interface FileSync {
    FileSync FORCE = channel -> channel.force(false);

    void force(FileChannel channel) throws IOException;
  }

  private Instant lastSync;
  private long syncs;

  private MemfileLeaseStore(
      Path file, FsyncPolicy fsync, Clock clock, int maxRowErrors, FileSync fileSync) {
    this.file = file;
    this.fileSync = fileSync;
    this.fsync = fsync;
    this.clock = clock;
    this.lastSync = clock.instant();
    LeaseFileLoader loader = new LeaseFileLoader(leases, maxRowErrors);
    boolean leftovers = false;
    Path completed = sibling(".completed");
    if (Files.exists(completed)) {
      loader.load(completed);
      leftovers = true;
    } else {
      for (String suffix : List.of(".2", ".1")) {
        if (Files.exists(sibling(suffix))) {
          loader.load(sibling(suffix));
          leftovers = true;
        }
      }
    }
    boolean liveNeedsRewrite = false;
    if (Files.exists(file)) {
      liveNeedsRewrite = !loader.load(file);
    }
    boolean compact = leftovers || liveNeedsRewrite;
    for (String w : loader.warnings()) {
      Dhcp4Log.DHCPSRV_MEMFILE_LEASE_LOAD_ROW_ERROR.log(w);
    }
    try {
      if (compact) {
        writeCompacted();
      } else if (!Files.exists(file) || Files.size(file) == 0) {
        Files.write(file, (Lease4Csv.HEADER + "\n").getBytes(StandardCharsets.US_ASCII));
        syncDirectory();
      }
      channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      length = channel.size();
    } catch (IOException e) {
      throw new LeaseStoreException(file + ": cannot open for appending: " + e.getMessage(), e);
    }
    this.loadReport =
        new LoadReport(loader.files(), loader.rows(), leases.size(), loader.warnings(), compact);
    Dhcp4Log.DHCPSRV_MEMFILE_LEASE_FILE_LOAD.log(
        file, leases.size(), loader.rows(), loader.warnings().size(), compact);
  }

  /**
   * Opens (creating if needed) the lease file {@code file} and loads every lease.
   *
   * @param maxRowErrors how many unreadable rows to skip before refusing to start; 0 = no limit
   * @throws LeaseStoreException when a file cannot be read or written, has no lease4 header, or has
   *     more than {@code maxRowErrors} bad rows
   */
  public static MemfileLeaseStore open(
      Path file, FsyncPolicy fsync, Clock clock, int maxRowErrors) {
    return new MemfileLeaseStore(file, fsync, clock, maxRowErrors, FileSync.FORCE);
  }

  /** {@link #open} whose syncs go through {@code fileSync} (tests make them fail). */
  static MemfileLeaseStore open(Path file, FsyncPolicy fsync, Clock clock, FileSync fileSync) {
    return new MemfileLeaseStore(file, fsync, clock, 0, fileSync);
  }

  /** {@link #open} with no limit on bad rows (Kea's default). */
  public static MemfileLeaseStore open(Path file, FsyncPolicy fsync, Clock clock) {
    return open(file, fsync, clock, 0);
  }

  /** What the load at open found. */
  public LoadReport loadReport() {
    return loadReport;
  }

  /** How many times appends were forced to disk; for tests of the fsync policy. */
  synchronized long syncs() {
    return syncs;
  }

  /** The live lease file. */
  public Path file() {
    return file;
  }

  private Path sibling(String suffix) {
    return file.resolveSibling(file.getFileName() + suffix);
  }

  @Override
  public synchronized boolean add(Lease4 lease) {
    if (leases.contains(lease.address())) {
      return false;
    }
    append(Lease4Csv.row(lease), lease.address(), null);
    leases.put(lease);
    return true;
  }

  @Override
  public synchronized boolean update(Lease4 lease) {
    Optional<Lease4> old = leases.get(lease.address());
    if (old.isEmpty()) {
      return false;
    }
    append(Lease4Csv.row(lease), lease.address(), old.get());
    leases.put(lease);
    return true;
  }

  @Override
  public synchronized boolean delete(Inet4Address address) {
    Optional<Lease4> old = leases.get(address);
    if (old.isEmpty()) {
      return false;
    }
    append(Lease4Csv.deletionRow(old.get()), address, old.get());
    leases.delete(address);
    return true;
  }

  @Override
  public Optional<Lease4> get(Inet4Address address) {
    return leases.get(address);
  }

  @Override
  public List<Lease4> getByHwAddress(Octets hwaddr) {
    return leases.getByHwAddress(hwaddr);
  }

  @Override
  public List<Lease4> getByClientId(Octets clientId) {
    return leases.getByClientId(clientId);
  }

  @Override
  public List<Lease4> all() {
    return leases.all();
  }

  @Override
  public void forEach(Consumer<Lease4> action) {
    leases.forEach(action);
  }

  @Override
  public List<Lease4> expired(Instant before, int limit) {
    return leases.expired(before, limit);
  }

  @Override
  public int size() {
    return leases.size();
  }

  /** {@code row} and a newline in ASCII, without the concatenated string (rows go per query). */
  private static byte[] line(String row) {
    byte[] line = new byte[row.length() + 1];
    for (int i = 0; i < row.length(); i++) {
      char c = row.charAt(i);
      if (c >= 0x80) {
        return (row + "\n").getBytes(StandardCharsets.US_ASCII); // as the encoder replaces it
      }
      line[i] = (byte) c;
    }
    line[row.length()] = '\n';
    return line;
  }

  /**
   * Appends one row changing {@code address} (whose lease was {@code previous}, null for none), and
   * syncs it unless it is deferred. A row that cannot be written whole, or whose own sync fails, is
   * cut from the file again, so rows never merge and the caller, which changes memory only after
   * this returns, keeps memory and file alike. A deferred row is remembered until it is durable,
   * for {@link #takeBack}; with {@link FsyncPolicy#isAlways} it is held and written with the rest
   * of its deferral ({@link #writeHeld}).
   */
  private void append(String row, Inet4Address address, Lease4 previous) {
    if (channel == null) {
      throw new IllegalStateException(file + ": the lease store is closed");
    }
    byte[] line = line(row);
    boolean deferred = Thread.currentThread() == deferring;
    if (deferred && fsync.isAlways()) {
      long start = length + heldLength;
      if (heldLength + line.length > held.length) {
        held = java.util.Arrays.copyOf(held, Math.max(2 * held.length, heldLength + line.length));
      }
      System.arraycopy(line, 0, held, heldLength, line.length);
      heldLength += line.length;
      dirty = true;
      if (undo.isEmpty()) {
        undoFrom = start;
      }
      undo.add(new Undo(address, previous, start));
      return;
    }
    try {
      writeHeld(); // a deferral's held rows come first: they were made first
    } catch (IOException e) {
      throw new LeaseStoreException(file + ": cannot append a lease row: " + e.getMessage(), e);
    }
    ByteBuffer bytes = ByteBuffer.wrap(line);
    long before = length;
    try {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      length = before + bytes.limit();
    } catch (IOException e) {
      cutBackTo(before, e);
      throw new LeaseStoreException(file + ": cannot append a lease row: " + e.getMessage(), e);
    }
    dirty = true;
    if (deferred) {
      if (undo.isEmpty()) {
        undoFrom = before;
      }
      undo.add(new Undo(address, previous, before));
    }
    boolean syncNow =
        fsync.isAlways() ? !deferred : !clock.instant().isBefore(lastSync.plus(fsync.interval()));
    if (syncNow) {
      try {
        sync();
      } catch (IOException e) {
        if (deferred) {
          undo.remove(undo.size() - 1);
          if (undo.isEmpty()) {
            undoFrom = -1;
          }
        }
        cutBackTo(before, e);
        if (!deferred && !undo.isEmpty()) {
          // A failed fsync may have dropped any unsynced page of the file, and a later fsync of
          // the same file can succeed without them: the pending batches' rows are not known to be
          // on disk any more, so they are taken back and their syncs fail (no reply is sent).
          int undone = takeBack();
          throw new LeaseStoreException(
              file
                  + ": cannot sync: "
                  + e.getMessage()
                  + "; the "
                  + undone
                  + " lease changes of pending batches were taken back too",
              e);
        }
        throw new LeaseStoreException(file + ": cannot sync: " + e.getMessage(), e);
      }
    }
  }

  /**
   * Writes the held rows ({@link #held}) with one write; when it fails they are cut from the file
   * again and stay held (a sync fails with it; {@link #takeBack} drops them).
   */
  private void writeHeld() throws IOException {
    if (heldLength == 0) {
      return;
    }
    ByteBuffer bytes = ByteBuffer.wrap(held, 0, heldLength);
    long before = length;
    try {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    } catch (IOException e) {
      cutBackTo(before, e);
      throw e;
    }
    length = before + heldLength;
    heldLength = 0;
  }

  /** Truncates the file to {@code size} (when known), adding a failure to {@code cause}. */
  private void cutBackTo(long size, IOException cause) {
    try {
      channel.truncate(size);
      length = size;
    } catch (IOException suppressed) {
      cause.addSuppressed(suppressed);
      relearnLength();
    }
  }

  /** After a write or truncation that failed part way: the length the file now has. */
  private void relearnLength() {
    try {
      length = channel.size();
    } catch (IOException e) {
      // Unknown: rows past it would still be synced and cut by their own offsets, and the next
      // sync (syncs force the whole file) makes whatever is there durable.
    }
  }

  @Override
  public synchronized void deferSyncs() {
    deferring = Thread.currentThread();
  }

  /**
   * {@inheritDoc}
   *
   * <p>When the sync fails the deferral's changes not yet durable are taken back (see the class
   * comment) before the exception leaves.
   */
  @Override
  public synchronized void commitDeferred() {
    if (deferring != Thread.currentThread()) {
      return;
    }
    deferring = null;
    if (dirty && channel != null && fsync.isAlways()) {
      try {
        sync();
      } catch (IOException e) {
        int undone = takeBack();
        throw new LeaseStoreException(
            file
                + ": cannot sync: "
                + e.getMessage()
                + "; the batch's "
                + undone
                + " lease changes were taken back",
            e);
      }
    }
    forgetUndo();
  }

  /**
   * {@inheritDoc}
   *
   * <p>The rows are written; {@link Pending#awaitDurable()} syncs the file up to their end unless a
   * later sync already did (one sync can cover several threads' batches). Syncs run one at a time,
   * outside this store's monitor. A failed sync takes back every change not yet durable, the
   * deferrals prepared after this one included (they may build on its leases): their {@code
   * awaitDurable} fails too.
   */
  @Override
  public synchronized Pending prepareDeferred() {
    if (deferring != Thread.currentThread()) {
      return Pending.DONE;
    }
    deferring = null;
    if (!(dirty && channel != null && fsync.isAlways())) {
      forgetUndo();
      return Pending.DONE;
    }
    try {
      writeHeld();
    } catch (IOException e) {
      throw failedSync(e);
    }
    Deferral d = new Deferral(length);
    if (durable >= d.end) {
      d.state = Deferral.DURABLE; // nothing of it left to sync (written only before a sync)
    } else {
      unsettled.add(d);
    }
    return d;
  }

  private void awaitDurable(Deferral d) {
    // Settled by a sync or a rewrite (a batch that queued behind another's sync): no lock, so the
    // commit thread does not wait for a packet thread's batch under the monitor.
    if (settled(d)) {
      return;
    }
    syncLock.lock();
    try {
      FileChannel ch;
      long target;
      long generation;
      long rewrite;
      synchronized (this) {
        if (settled(d)) {
          return;
        }
        if (channel == null) {
          throw new LeaseStoreException(file + ": the lease store is closed");
        }
        ch = channel;
        target = length;
        generation = takeBacks;
        rewrite = rewrites;
        forcing = true;
        syncedWhileForcing = -1;
      }
      IOException failure = null;
      try {
        fileSync.force(ch);
      } catch (IOException e) {
        failure = e;
      } finally {
        synchronized (this) {
          forcing = false;
        }
      }
      synchronized (this) {
        long reached = Math.max(target, syncedWhileForcing);
        syncedWhileForcing = -1;
        if (failure != null) {
          if (rewrites != rewrite && settled(d)) {
            return; // cleanup replaced the file meanwhile (closing the one forced): d is in it
          }
          throw failedSync(failure);
        }
        if (takeBacks == generation && rewrites == rewrite) {
          durable = Math.max(durable, reached);
          syncs++;
          lastSync = clock.instant();
          undo.removeIf(u -> u.start() < reached);
          undoFrom = undo.isEmpty() ? -1 : undo.get(0).start();
          dirty = durableBehind();
          settleDurableTo(reached);
        }
        // else the file was cut or rewritten while it synced, and that settled d
        if (!settled(d)) {
          throw new IllegalStateException(file + ": a synced batch was left unsettled");
        }
      }
    } finally {
      syncLock.unlock();
    }
  }

  /**
   * Whether {@code d} is settled: true when durable; throws when it was taken back (its changes are
   * undone and its rows cut, so its replies must not go).
   */
  private boolean settled(Deferral d) {
    int state = d.state;
    if (state == Deferral.TAKEN_BACK) {
      throw new LeaseStoreException(
          file + ": a sync of the lease file failed; this batch's changes were taken back");
    }
    return state == Deferral.DURABLE;
  }

  /** Settles as durable every prepared deferral whose rows end at or before {@code end}. */
  private void settleDurableTo(long end) {
    while (!unsettled.isEmpty() && unsettled.peekFirst().end <= end) {
      unsettled.pollFirst().state = Deferral.DURABLE;
    }
  }

  /** Whether rows past {@link #durable} exist. */
  private boolean durableBehind() {
    return channel != null && length + heldLength > durable;
  }

  /** Takes back every change not yet durable (caller holds this); the exception to throw. */
  private LeaseStoreException failedSync(IOException e) {
    int undone = takeBack();
    return new LeaseStoreException(
        file
            + ": cannot sync: "
            + e.getMessage()
            + "; the "
            + undone
            + " lease changes not yet durable were taken back",
        e);
  }

  /**
   * Undoes the deferral's changes that are not durable, newest first, and cuts their rows from the
   * file; returns how many there were. The prepared deferrals not yet durable are settled as taken
   * back; those a sync covered before stay durable, and their replies go. If the file cannot be
   * cut, the rows stay (a restart would load them, as after a crash between sync and reply); memory
   * is undone all the same, since no one was told of these changes.
   */
  private int takeBack() {
    takeBacks++;
    // Every prepared deferral not settled yet has rows past the durable end, which are cut here.
    while (!unsettled.isEmpty()) {
      unsettled.pollFirst().state = Deferral.TAKEN_BACK;
    }
    int n = undo.size();
    for (int i = n - 1; i >= 0; i--) {
      Undo u = undo.get(i);
      if (u.before() == null) {
        leases.delete(u.address());
      } else {
        leases.put(u.before());
      }
    }
    heldLength = 0; // never written: nothing of them to cut
    if (undoFrom >= 0 && channel != null && undoFrom < length) {
      try {
        channel.truncate(undoFrom);
        length = undoFrom;
      } catch (IOException e) {
        relearnLength();
        Dhcp4Log.DHCP4_LEASE_FILE_TRUNCATE_FAILED.log(file, n, e.toString());
      }
      try {
        fileSync.force(channel);
        dirty = false;
      } catch (IOException e) {
        dirty = true; // the next sync makes the cut durable
      }
    }
    forgetUndo();
    return n;
  }

  private void forgetUndo() {
    undo.clear();
    undoFrom = -1;
  }

  /**
   * Syncs the appends when the fsync interval has passed since the last sync; the owner calls this
   * on a timer under {@link FsyncPolicy#every}.
   */
  public synchronized void syncIfDue() {
    if (dirty && !clock.instant().isBefore(lastSync.plus(fsync.interval()))) {
      try {
        sync();
      } catch (IOException e) {
        throw new LeaseStoreException(file + ": cannot sync: " + e.getMessage(), e);
      }
    }
  }

  /** Forces every row written so far to disk: the deferral's rows too, which are then durable. */
  private void sync() throws IOException {
    writeHeld();
    fileSync.force(channel);
    durable = length;
    syncs++;
    dirty = false;
    lastSync = clock.instant();
    forgetUndo();
    if (forcing) {
      // A force outside the monitor is under way: if it fails, this sync may have succeeded
      // without pages that failure dropped, so its outcome settles the prepared deferrals.
      syncedWhileForcing = Math.max(syncedWhileForcing, length);
    } else {
      settleDurableTo(Long.MAX_VALUE);
    }
  }

  /**
   * Lease file cleanup: rewrites the live file as exactly the leases in memory (one row each,
   * ascending address), crash-safe as described on the class.
   *
   * @throws LeaseStoreException when the new file cannot be written; the old one is then intact
   */
  public synchronized void compact() {
    try {
      if (channel != null) {
        channel.close();
        channel = null;
      }
      writeCompacted();
      heldLength = 0; // the rewritten file has their changes: it is written from memory
      channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      dirty = false;
      lastSync = clock.instant();
      length = channel.size();
      durable = length;
      rewrites++;
      forgetUndo(); // the rewritten file holds the deferral's changes, synced
      settleDurableTo(Long.MAX_VALUE);
    } catch (IOException e) {
      throw new LeaseStoreException(file + ": lease file cleanup failed: " + e.getMessage(), e);
    }
    Dhcp4Log.DHCP4_LEASE_FILE_COMPACTED.log(file, leases.size());
  }

  private void writeCompacted() throws IOException {
    Path output = sibling(".output");
    Path completed = sibling(".completed");
    try (FileChannel out =
        FileChannel.open(
            output,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      StringBuilder sb = new StringBuilder(Lease4Csv.HEADER).append('\n');
      IOException[] failed = new IOException[1];
      // One lease at a time: the table never turns into a list of every lease.
      leases.forEach(
          lease -> {
            if (failed[0] != null) {
              return;
            }
            sb.append(Lease4Csv.row(lease)).append('\n');
            if (sb.length() > 1 << 16) {
              try {
                writeFully(out, sb);
              } catch (IOException e) {
                failed[0] = e;
              }
            }
          });
      if (failed[0] != null) {
        throw failed[0];
      }
      writeFully(out, sb);
      out.force(true);
    }
    Files.move(output, completed, StandardCopyOption.ATOMIC_MOVE);
    syncDirectory();
    Files.deleteIfExists(sibling(".1"));
    Files.deleteIfExists(sibling(".2"));
    Files.move(
        completed, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory();
  }

  private static void writeFully(FileChannel out, StringBuilder sb) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.US_ASCII));
    while (bytes.hasRemaining()) {
      out.write(bytes);
    }
    sb.setLength(0);
  }

  /** Makes renames and creations durable (POSIX: the directory entry needs its own fsync). */
  private void syncDirectory() throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Some file systems refuse to open a directory; the rename itself was still atomic.
      Dhcp4Log.DHCP4_LEASE_FILE_DIR_SYNC_UNSUPPORTED.log(dir, e.toString());
    }
  }

  @Override
  public synchronized void close() {
    if (channel == null) {
      return;
    }
    try {
      if (dirty) {
        sync();
      }
      channel.close();
    } catch (IOException e) {
      throw new LeaseStoreException(file + ": cannot close: " + e.getMessage(), e);
    } finally {
      channel = null;
    }
  }
}
