package io.d2j.d2.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * Makes what was written to a journal segment durable. Injected so that tests can count the syncs
 * of a group commit; the daemon uses {@link #FORCE} (fsync of the data, not the metadata: segment
 * files are created and made visible by a directory sync of their own).
 */
@FunctionalInterface
public interface Syncer {

  Syncer FORCE = ch -> ch.force(false);

  /** No sync at all ({@code "fsync": "none"}): durable against a process crash, not a power cut. */
  Syncer NONE = ch -> {};

  void sync(FileChannel channel) throws IOException;
}
