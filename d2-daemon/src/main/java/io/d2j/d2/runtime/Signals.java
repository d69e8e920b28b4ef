package io.d2j.d2.runtime;

import io.d2j.d2.update.ShutdownType;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Kea's signals (d2-behaviour.md §5.1): SIGHUP reloads the {@code -c} file, SIGTERM and SIGINT
 * start a normal shutdown (a second one ends at once). Installed only by {@link Main}: signals are
 * process-wide, so in-process tests call {@link D2Daemon#reload()} and {@code shutdown} instead.
 */
final class Signals {

  private static final Logger LOG = LoggerFactory.getLogger("kea-dhcp-ddns.dctl");

  private Signals() {}

  static void install(D2Daemon daemon) {
    AtomicInteger stops = new AtomicInteger();
    handle("HUP", daemon::reload);
    Runnable stop =
        () ->
            daemon.requestShutdown(
                stops.getAndIncrement() == 0 ? ShutdownType.NORMAL : ShutdownType.NOW);
    handle("TERM", stop);
    handle("INT", stop);
  }

  private static void handle(String name, Runnable action) {
    try {
      Signal.handle(new Signal(name), s -> action.run());
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      // Another platform, or the JVM reserves the signal (-Xrs): run without it.
      LOG.warn("DCTL_SIGNAL_UNAVAILABLE SIG{} not handled: {}", name, e.getMessage());
    }
  }
}
