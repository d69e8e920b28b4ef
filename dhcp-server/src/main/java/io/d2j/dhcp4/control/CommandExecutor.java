package io.d2j.dhcp4.control;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs a command. The runtime implements it with one command thread, so two commands never
 * interleave (a lease4-update never splits a lease4-get-page); unit tests run commands inline.
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
