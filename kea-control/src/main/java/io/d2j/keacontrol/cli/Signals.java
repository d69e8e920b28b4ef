package io.d2j.keacontrol.cli;

import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
   * @param logger where a signal the platform does not offer is reported
   */
  public static void install(RunningDaemon daemon, String logger) {
    Logger log = LoggerFactory.getLogger(logger);
    AtomicInteger stops = new AtomicInteger();
    handle("HUP", daemon::reload, log);
    Runnable stop = () -> daemon.stop(stops.getAndIncrement() > 0);
    handle("TERM", stop, log);
    handle("INT", stop, log);
  }

  private static void handle(String name, Runnable action, Logger log) {
    try {
      Signal.handle(new Signal(name), s -> action.run());
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      // Another platform, or the JVM reserves the signal (-Xrs): run without it.
      log.warn("DCTL_SIGNAL_UNAVAILABLE SIG{} not handled: {}", name, e.getMessage());
    }
  }
}
