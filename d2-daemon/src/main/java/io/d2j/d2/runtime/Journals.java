package io.d2j.d2.runtime;

import io.d2j.d2.config.JournalSettings;
import io.d2j.d2.journal.Journal;
import io.d2j.d2.journal.Syncer;
import io.d2j.ncr.NcrJsonCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** Where the journal lives and opening it: the composition root's part of the journal. */
final class Journals {

  /** The state directory when {@code D2J_STATE_DIR} is not set. */
  static final String DEFAULT_STATE_DIR = "/var/lib/d2j";

  private Journals() {}

  /** {@code ${D2J_STATE_DIR:-/var/lib/d2j}}. */
  static Path stateDir(Map<String, String> env) {
    String dir = env.get("D2J_STATE_DIR");
    return Path.of(dir == null || dir.isBlank() ? DEFAULT_STATE_DIR : dir);
  }

  /**
   * The journal directory the settings ask for: the explicit {@code path}, else {@code
   * <stateDir>/<config file name>.journal}; empty when the journal is off.
   *
   * @throws IOException when the journal is on with no path and there is no configuration file to
   *     name it after
   */
  static Optional<Path> location(JournalSettings s, Optional<Path> configFile, Path stateDir)
      throws IOException {
    if (!s.enabled()) {
      return Optional.empty();
    }
    if (s.path().isPresent()) {
      return s.path();
    }
    if (configFile.isEmpty()) {
      throw new IOException(
          "user-context.d2j.journal: no path given and no configuration file to name the journal"
              + " after; set journal.path or journal.enabled false");
    }
    return Optional.of(stateDir.resolve(configFile.get().getFileName() + ".journal"));
  }

  /**
   * @param clock computes the lease expiry of journaled NCRs written in Kea 2.2's shape
   */
  static Optional<Journal> open(
      JournalSettings s, Optional<Path> configFile, Path stateDir, Clock clock) throws IOException {
    Optional<Path> dir = location(s, configFile, stateDir);
    if (dir.isEmpty()) {
      return Optional.empty();
    }
    Syncer syncer = s.fsync() == JournalSettings.Fsync.BATCH ? Syncer.FORCE : Syncer.NONE;
    try {
      return Optional.of(
          Journal.open(dir.get(), NcrJsonCodec.compatible(clock), syncer, Journal.SEGMENT_BYTES));
    } catch (IOException e) {
      throw new IOException("journal " + dir.get() + ": " + e, e);
    }
  }
}
