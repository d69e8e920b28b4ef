package io.d2j.dhcp4.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * kea-dhcp4's signals: SIGHUP re-reads the {@code -c} file (as config-reload; an invalid file is
 * refused and the running configuration stays), SIGTERM and SIGINT stop the server with exit code 0
 * (the socket closes, the lease file is synced). Without these, the JVM would end on SIGHUP and
 * exit with 143 on SIGTERM, which systemd counts as a failure. Installed only by {@link Main}:
 * signals are process-wide.
 */
final class Signals {

  private static final Logger LOG = LoggerFactory.getLogger("kea-dhcp4.dhcp4");

  private Signals() {}

  static void install(Dhcp4Process process) {
    handle("HUP", process::reload);
    handle("TERM", () -> process.shutdown(0));
    handle("INT", () -> process.shutdown(0));
  }

  private static void handle(String name, Runnable action) {
    try {
      Signal.handle(new Signal(name), s -> action.run());
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      // Another platform, or the JVM reserves the signal (-Xrs): run without it.
      LOG.warn("DHCP4_SIGNAL_UNAVAILABLE SIG{} not handled: {}", name, e.getMessage());
    }
  }
}
