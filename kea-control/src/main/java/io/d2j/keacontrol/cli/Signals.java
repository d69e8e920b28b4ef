package io.d2j.keacontrol.cli;

import io.d2j.keacontrol.logging.LogId;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

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
      SignalHandler before = Signal.handle(new Signal(name), s -> action.run());
      if (before == SignalHandler.SIG_IGN) {
        // The JVM leaves a signal its parent ignored (nohup, trap '' HUP) ignored and says so only
        // through the handler it returns: our handler is then never called.
        unavailable.log(
            name,
            "ignored by the process that started this one (nohup?); use the control socket"
                + " (config-reload, shutdown) or start it with the signal at its default");
      }
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      // Another platform, or the JVM reserves the signal (-Xrs): run without it.
      unavailable.log(name, e.getMessage());
    }
  }
}
