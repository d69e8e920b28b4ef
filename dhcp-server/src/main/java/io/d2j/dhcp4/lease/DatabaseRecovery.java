package io.d2j.dhcp4.lease;

import io.d2j.dhcp4.log.Dhcp4Log;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * What the server does when its lease database connection is lost: Kea 2.2's {@code on-fail} with
 * {@code max-reconnect-tries} and {@code reconnect-wait-time}, as kea-dhcp4 does it:
 *
 * <ol>
 *   <li>On the loss ({@code DHCP4_DB_RECONNECT_LOST_CONNECTION}) {@code stop-retry-exit} stops the
 *       DHCP service; the serve modes keep answering (queries that need the database fail).
 *   <li>Reconnecting disabled (either setting 0, Kea's defaults; {@code
 *       DHCP4_DB_RECONNECT_DISABLED}): the exit modes exit at once.
 *   <li>Otherwise the first attempt runs at once, the next ones {@code reconnect-wait-time} apart
 *       ({@code DHCPSRV_PGSQL_LEASE_DB_RECONNECT_ATTEMPT_SCHEDULE}), {@code max-reconnect-tries}
 *       attempts in all. Success ({@code DHCP4_DB_RECONNECT_SUCCEEDED}) resumes the service and
 *       re-arms the attempts; when they run out ({@code DHCP4_DB_RECONNECT_FAILED}) the exit modes
 *       exit with status 1.
 * </ol>
 *
 * <p>Where d2j does better: with {@code serve-retry-continue}, once the attempts have run out (or
 * when reconnecting is disabled) Kea 2.2 goes on serving without a lease database until it is
 * reconfigured; d2j keeps trying, every {@code reconnect-wait-time} (every second when that is 0),
 * logging those attempts at DEBUG, and recovers by itself when the database is back.
 *
 * <p>Counters: {@code lease-database-lost}, {@code lease-database-reconnect-attempts}, {@code
 * lease-database-reconnected}. No clock or thread of its own: attempts run on the {@link Timer}
 * given. All methods are synchronized; the attempt itself (which may wait up to the connect
 * timeout) runs outside the lock.
 */
public final class DatabaseRecovery implements PgLeaseStore.Listener {

  /** The pause between attempts when serve-retry-continue keeps trying and the wait time is 0. */
  static final Duration CONTINUE_FLOOR = Duration.ofSeconds(1);

  /** The server's side: its DHCP service and its process. */
  public interface Service {
    /** Stop answering DHCP queries (Kea: disable the service, origin database connection). */
    void stop();

    /** Answer DHCP queries again. */
    void resume();

    /** Shut the server down with exit status 1 (Kea: EXIT_FAILURE). */
    void exit();
  }

  /** One reconnect attempt; throws with the reason when it fails. */
  @FunctionalInterface
  public interface Attempt {
    void reconnect();
  }

  /** Runs a task after a delay, on the shell's timer thread. */
  @FunctionalInterface
  public interface Timer {
    void schedule(Duration delay, Runnable task);
  }

  private enum State {
    CONNECTED,
    RECOVERING,
    CONTINUING,
    GAVE_UP
  }

  private final Reconnect settings;
  private final Attempt attempt;
  private final Service service;
  private final Timer timer;
  private final Consumer<String> counters;

  // Guarded by this.
  private State state = State.CONNECTED;
  private long retriesLeft;
  private boolean attempting;
  private boolean lostAgain;
  private boolean closed;

  /**
   * @param counters incremented by name ({@code Statistics::increment})
   */
  public DatabaseRecovery(
      Reconnect settings,
      Attempt attempt,
      Service service,
      Timer timer,
      Consumer<String> counters) {
    this.settings = settings;
    this.attempt = attempt;
    this.service = service;
    this.timer = timer;
    this.counters = counters;
  }

  @Override
  public synchronized void lost(String reason) {
    if (closed) {
      return;
    }
    if (state != State.CONNECTED) {
      if (attempting) {
        lostAgain = true; // lost again while an attempt was restoring it
      }
      return;
    }
    counters.accept("lease-database-lost");
    if (settings.onFail().stopsService()) {
      service.stop();
    }
    Dhcp4Log.DHCP4_DB_RECONNECT_LOST_CONNECTION.log(
        reason,
        settings.onFail().text(),
        settings.onFail().stopsService() ? ": DHCP service stopped until it is back" : "");
    if (!settings.enabled()) {
      Dhcp4Log.DHCP4_DB_RECONNECT_DISABLED.log(settings.maxTries(), settings.waitTime().toMillis());
      giveUp();
      return;
    }
    state = State.RECOVERING;
    retriesLeft = settings.maxTries();
    timer.schedule(Duration.ZERO, this::runAttempt);
  }

  /** Whether the connection is lost and not recovered yet. */
  public synchronized boolean recovering() {
    return state != State.CONNECTED;
  }

  private void runAttempt() {
    synchronized (this) {
      if (closed || state == State.CONNECTED || state == State.GAVE_UP) {
        return;
      }
      attempting = true;
      lostAgain = false;
    }
    counters.accept("lease-database-reconnect-attempts");
    String failure = null;
    try {
      attempt.reconnect();
    } catch (RuntimeException e) {
      failure = e.getMessage() == null ? e.toString() : e.getMessage();
    }
    synchronized (this) {
      attempting = false;
      if (closed) {
        return;
      }
      if (failure == null && !lostAgain) {
        recovered();
      } else {
        attemptFailed(failure == null ? "lost again at once" : failure);
      }
    }
  }

  private void recovered() {
    boolean wasContinuing = state == State.CONTINUING;
    state = State.CONNECTED;
    counters.accept("lease-database-reconnected");
    if (settings.onFail().stopsService()) {
      service.resume();
    }
    Dhcp4Log.DHCP4_DB_RECONNECT_SUCCEEDED.log(
        (settings.onFail().stopsService() ? "; DHCP service resumed" : "")
            + (wasContinuing
                ? " (after the reconnect attempts had run out: serve-retry-continue)"
                : ""));
  }

  private void attemptFailed(String reason) {
    if (state == State.CONTINUING) {
      Dhcp4Log.DHCPSRV_PGSQL_LEASE_DB_RECONNECT_ATTEMPT_FAILED_CONTINUING.log(reason);
      timer.schedule(continueInterval(), this::runAttempt);
      return;
    }
    Dhcp4Log.DHCPSRV_PGSQL_LEASE_DB_RECONNECT_ATTEMPT_FAILED.log(reason);
    // Kea counts the attempt at once as the first of max-reconnect-tries.
    retriesLeft--;
    if (retriesLeft <= 0) {
      Dhcp4Log.DHCPSRV_PGSQL_LEASE_DB_RECONNECT_FAILED.log(settings.maxTries());
      Dhcp4Log.DHCP4_DB_RECONNECT_FAILED.log(settings.maxTries());
      giveUp();
      return;
    }
    Dhcp4Log.DHCPSRV_PGSQL_LEASE_DB_RECONNECT_ATTEMPT_SCHEDULE.log(
        settings.maxTries() - retriesLeft + 1, settings.maxTries(), settings.waitTime().toMillis());
    timer.schedule(settings.waitTime(), this::runAttempt);
  }

  /** The attempts are over (or were never allowed): exit, or keep serving and keep trying. */
  private void giveUp() {
    if (settings.onFail().exits()) {
      state = State.GAVE_UP;
      Dhcp4Log.DHCP4_DB_RECONNECT_EXIT.log(settings.onFail().text());
      service.exit();
      return;
    }
    state = State.CONTINUING;
    Dhcp4Log.DHCP4_DB_RECONNECT_CONTINUE.log(continueInterval().toMillis());
    timer.schedule(continueInterval(), this::runAttempt);
  }

  private Duration continueInterval() {
    return settings.waitTime().isZero() ? CONTINUE_FLOOR : settings.waitTime();
  }

  /** Stops scheduling attempts (the server is closing). */
  public synchronized void close() {
    closed = true;
  }
}
