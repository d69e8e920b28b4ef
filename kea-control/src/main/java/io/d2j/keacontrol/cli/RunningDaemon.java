package io.d2j.keacontrol.cli;

import java.util.concurrent.CompletableFuture;

/** A daemon the command line started: what signals and the JVM's end do to it. */
public interface RunningDaemon {

  /** Completes with the process's exit code once the daemon has stopped. */
  CompletableFuture<Integer> exitCode();

  /** SIGHUP: re-reads the {@code -c} file, as config-reload does; a bad file is logged. */
  void reload();

  /** SIGTERM, SIGINT: a normal shutdown; {@code now} for the second signal, which ends at once. */
  void stop(boolean now);

  /** The JVM is ending (System.exit elsewhere, a fatal error): release files and sockets. */
  void close();

  /**
   * Completes when the daemon is ready for its full load, which may be after it started serving
   * (the D2 serves at once and warms its receive path up meanwhile); systemd hears READY=1 then.
   */
  default CompletableFuture<Void> ready() {
    return CompletableFuture.completedFuture(null);
  }
}
