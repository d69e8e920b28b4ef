package io.d2j.dhcp4.runtime;

import io.d2j.dhcp4.lease.DatabaseRecovery;

/**
 * Whether the DHCP service answers queries, and the way out of the process: the {@link
 * DatabaseRecovery.Service} of a lease-database outage (Kea's network state, origin "database
 * connection"). Read by the packet thread on every query; switched by the recovery on the timer
 * thread.
 */
final class DhcpService implements DatabaseRecovery.Service {

  private final Runnable exitRequest;
  private volatile boolean enabled = true;
  private volatile DatabaseRecovery recovery;

  DhcpService(Runnable exitRequest) {
    this.exitRequest = exitRequest;
  }

  boolean enabled() {
    return enabled;
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
    exitRequest.run();
  }

  void close() {
    DatabaseRecovery r = recovery;
    if (r != null) {
      r.close();
    }
  }
}
