package io.d2j.keacontrol.metrics;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon's {@code /metrics} listener across reconfigurations: it follows the configured address
 * ({@code user-context.d2j.metrics}; none means off) and goes back to the previous one when the
 * daemon refuses a configuration after the listener already moved. Both daemons own one from their
 * composition root.
 *
 * <pre>{@code
 * MetricsListener metrics = MetricsListener.start(config.metrics(), source, "kea-dhcp4");
 * Optional<InetSocketAddress> was = metrics.configured();
 * metrics.moveTo(next.metrics());          // throws when the new address cannot be bound
 * try {
 *   applyTheRest(next);
 * } catch (IOException e) {
 *   metrics.moveBack(was);                 // the refused configuration leaves no trace
 *   throw e;
 * }
 * }</pre>
 */
public final class MetricsListener implements AutoCloseable {

  private final MetricsSource source;
  private final String daemon;
  private final Logger log;
  private Optional<InetSocketAddress> configured = Optional.empty();
  private MetricsServer server;

  private MetricsListener(MetricsSource source, String daemon) {
    this.source = source;
    this.daemon = daemon;
    this.log = LoggerFactory.getLogger(daemon + ".metrics");
  }

  /**
   * A listener on {@code address}, or none when it is empty.
   *
   * @param daemon the daemon's root logger name ({@code kea-dhcp-ddns}, {@code kea-dhcp4})
   * @throws IOException when the address cannot be bound
   */
  public static MetricsListener start(
      Optional<InetSocketAddress> address, MetricsSource source, String daemon) throws IOException {
    MetricsListener listener = new MetricsListener(source, daemon);
    listener.moveTo(address);
    return listener;
  }

  /**
   * Serves on {@code now} from here on (closing the old listener first, so that the same port may
   * be taken again); nothing happens when the address did not change.
   *
   * @throws IOException when {@code now} cannot be bound; the listener is then back where it was
   */
  public synchronized void moveTo(Optional<InetSocketAddress> now) throws IOException {
    if (now.equals(configured)) {
      return;
    }
    Optional<InetSocketAddress> was = configured;
    stop();
    try {
      bind(now);
    } catch (IOException e) {
      try {
        bind(was);
      } catch (IOException again) {
        e.addSuppressed(again);
        log.error(
            "METRICS_LISTENER_FAILED cannot bind {} again: {}", was.get(), again.getMessage());
      }
      throw e;
    }
  }

  /**
   * Returns to {@code was} after the daemon refused the configuration the listener had moved to.
   * When {@code was} cannot be bound again (another process took the port meanwhile) the daemon
   * runs on without a listener and says so ({@code METRICS_LISTENER_FAILED}).
   */
  public synchronized void moveBack(Optional<InetSocketAddress> was) {
    if (was.equals(configured)) {
      return;
    }
    stop();
    try {
      bind(was);
    } catch (IOException e) {
      log.error("METRICS_LISTENER_FAILED cannot bind {} again: {}", was.get(), e.getMessage());
    }
  }

  /** The configured address (the bound one may differ in its port when port 0 was asked). */
  public synchronized Optional<InetSocketAddress> configured() {
    return configured;
  }

  /** The bound address, while a listener serves. */
  public synchronized Optional<InetSocketAddress> address() {
    return server == null ? Optional.empty() : Optional.of(server.address());
  }

  @Override
  public synchronized void close() {
    stop();
  }

  private void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
    configured = Optional.empty();
  }

  private void bind(Optional<InetSocketAddress> address) throws IOException {
    if (address.isPresent()) {
      server = MetricsServer.start(address.get(), source, daemon);
    }
    configured = address;
  }
}
