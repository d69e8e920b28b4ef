package io.d2j.keacontrol;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs a command where the daemon's state lives. The runtime implements it with the D2 event loop,
 * so a command never races the NCR pipeline; unit tests run commands inline.
 */
@FunctionalInterface
public interface CommandExecutor {

  /** Runs {@code work} on the daemon's thread; the future completes with its answer. */
  CompletableFuture<Answer> submit(Supplier<Answer> work);

  /** Runs the work on the calling thread (unit tests). */
  static CommandExecutor inline() {
    return work -> CompletableFuture.completedFuture(work.get());
  }
}
