package io.d2j.dhcp4.runtime;

import io.d2j.dhcp4.lease.DatabaseRecovery;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether the DHCP service answers queries, and the way out of the process: the {@link
 * DatabaseRecovery.Service} of a lease-database outage (Kea's network state, origin "database
 * connection"). Read by the packet thread on every query; switched by the recovery on the timer
 * thread. An exit completes {@link #fatal()}, which the process turns into exit status 1.
 */
final class DhcpService implements DatabaseRecovery.Service {

  private final CompletableFuture<String> fatal = new CompletableFuture<>();
  private volatile boolean enabled = true;

  /**
   * Kea's network state: the origins that disabled the service ({@code user}, {@code ha-partner},
   * {@code ha-local}); it answers only when none holds it.
   */
  private final Set<String> disabledBy = ConcurrentHashMap.newKeySet();

  private volatile DatabaseRecovery recovery;

  /** Completed when on-fail says the server must exit. */
  CompletableFuture<String> fatal() {
    return fatal;
  }

  boolean enabled() {
    return enabled && disabledBy.isEmpty();
  }

  /** {@code dhcp-disable} (or HA) for {@code origin}. */
  void disable(String origin) {
    disabledBy.add(origin);
  }

  /** {@code dhcp-enable} (or HA) for {@code origin}. */
  void enable(String origin) {
    disabledBy.remove(origin);
  }

  /** The recovery to stop when the server closes. */
  void recovery(DatabaseRecovery r) {
    this.recovery = r;
  }

  @Override
  public void stop() {
    enabled = false;
  }

  @Override
  public void resume() {
    enabled = true;
  }

  @Override
  public void exit() {
    fatal.complete("the lease database connection is lost and on-fail says exit");
  }

  void close() {
    DatabaseRecovery r = recovery;
    if (r != null) {
      r.close();
    }
  }
}
