package io.d2j.keacontrol.cli;

import io.d2j.keacontrol.logging.LogId;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Kea's signals (d2-behaviour.md §5.1), the same for every daemon: SIGHUP reloads the {@code -c}
 * file, SIGTERM and SIGINT start a normal shutdown and a second one ends at once. Installed only by
 * the command line ({@link DaemonLauncher}): signals are process-wide, so in-process tests call the
 * daemon's reload and shutdown instead.
 */
public final class Signals {

  private Signals() {}

  /**
   * @param unavailable the line that reports a signal the platform does not offer (its name, why)
   */
  public static void install(RunningDaemon daemon, LogId unavailable) {
    AtomicInteger stops = new AtomicInteger();
    handle("HUP", daemon::reload, unavailable);
    Runnable stop = () -> daemon.stop(stops.getAndIncrement() > 0);
    handle("TERM", stop, unavailable);
    handle("INT", stop, unavailable);
  }

  private static void handle(String name, Runnable action, LogId unavailable) {
    try {
      Signal.handle(new Signal(name), s -> action.run());
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      // Another platform, or the JVM reserves the signal (-Xrs): run without it.
      unavailable.log(name, e.getMessage());
    }
  }
}
