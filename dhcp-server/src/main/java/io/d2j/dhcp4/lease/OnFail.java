package io.d2j.dhcp4.lease;

import java.util.Locale;

/**
 * Kea's {@code on-fail}: what the server does when it loses its lease database connection. In every
 * mode it tries to reconnect ({@code max-reconnect-tries} attempts, {@code reconnect-wait-time}
 * apart); the modes differ in whether it answers clients meanwhile and whether it exits when the
 * attempts run out.
 */
public enum OnFail {
  /** Stop answering clients until the connection is back; exit when the attempts run out. */
  STOP_RETRY_EXIT,
  /** Go on answering (queries needing a lease fail); exit when the attempts run out. */
  SERVE_RETRY_EXIT,
  /** Go on answering and never exit. */
  SERVE_RETRY_CONTINUE;

  /** Kea's spelling, e.g. {@code stop-retry-exit}. */
  public String text() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Whether the DHCP service stops while the connection is lost. */
  public boolean stopsService() {
    return this == STOP_RETRY_EXIT;
  }

  /** Whether the server exits when it cannot reconnect. */
  public boolean exits() {
    return this != SERVE_RETRY_CONTINUE;
  }

  /**
   * The mode spelled {@code text}.
   *
   * @throws IllegalArgumentException naming the three modes
   */
  public static OnFail fromText(String text) {
    for (OnFail f : values()) {
      if (f.text().equals(text)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "on-fail must be stop-retry-exit, serve-retry-exit or serve-retry-continue, got '"
            + text
            + "'");
  }
}
