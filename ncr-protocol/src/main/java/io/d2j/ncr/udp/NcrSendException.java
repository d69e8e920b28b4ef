package io.d2j.ncr.udp;

/**
 * An NCR that did not reach the kernel: queue full, socket error, or sender closed. Kea's DHCP
 * servers stop all DDNS updates after one such failure; callers of {@link NcrUdpSender} decide.
 */
public final class NcrSendException extends Exception {
  /** A failure described by {@code message}. */
  public NcrSendException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public NcrSendException(String message, Throwable cause) {
    super(message, cause);
  }
}
