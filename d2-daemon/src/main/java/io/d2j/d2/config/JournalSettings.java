package io.d2j.d2.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The durable journal's settings, {@code user-context.d2j.journal} (d2-daemon README, "Durable
 * journal").
 *
 * <pre>{@code
 * "journal": { "enabled": true, "path": "/var/lib/d2j/d2.journal", "fsync": "batch" }
 * }</pre>
 *
 * @param enabled whether accepted NCRs are journaled (off: Kea's behaviour, a full queue drops)
 * @param path the journal directory, already resolved against the configuration file's directory;
 *     empty: under the daemon's state directory, named after the configuration file
 * @param fsync whether each batch of appends is synced before its NCRs count as accepted
 */
public record JournalSettings(boolean enabled, Optional<Path> path, Fsync fsync) {

  /** {@code batch}: one fsync per batch of appends (group commit); {@code none}: no fsync. */
  public enum Fsync {
    BATCH,
    NONE;

    public String text() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public JournalSettings {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(fsync, "fsync");
  }
}
