package io.d2j.dhcp4.lease;

/**
 * A lease store could not read or make a change durable (I/O error, unreadable lease file). The
 * message names the file and the reason, e.g. {@code kea-leases4.csv: header column 3 is
 * 'clientid', expected 'client_id'}.
 */
public final class LeaseStoreException extends RuntimeException {
  /** A failure described by {@code message}. */
  public LeaseStoreException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public LeaseStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
