package io.d2j.dhcp4.lease;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A lease file whose syncs fail on demand, as fsync does on a failing disk (EIO) or a full one
 * (ENOSPC on delayed allocation): for tests of what the store and the packet thread do then.
 */
public final class FlakySync implements MemfileLeaseStore.FileSync {
  private volatile boolean failing;

  /** From now on every sync fails with {@code EIO}-like {@link IOException}, or none does. */
  public void failing(boolean failing) {
    this.failing = failing;
  }

  @Override
  public void force(FileChannel channel) throws IOException {
    if (failing) {
      throw new IOException("Input/output error");
    }
    channel.force(false);
  }

  /** A memfile store on {@code file} (fsync always) whose syncs go through this. */
  public MemfileLeaseStore open(Path file, Clock clock) {
    return MemfileLeaseStore.open(file, FsyncPolicy.always(), clock, this);
  }
}
