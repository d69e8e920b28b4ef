package io.d2j.ncr;

/**
 * A datagram or JSON text that is not a valid NCR. The message is the member (or framing part) at
 * fault followed by the reason, e.g. {@code "dhcid: odd number of hex digits (5) in '00010'"}. D2
 * counts every such request as {@code ncr-invalid} and keeps listening.
 */
public final class NcrFormatException extends Exception {
  private final String field;

  /** A rejection of {@code field} for {@code reason}. */
  public NcrFormatException(String field, String reason) {
    super(field + ": " + reason);
    this.field = field;
  }

  /** A rejection of {@code field} for {@code reason}, caused by {@code cause}. */
  public NcrFormatException(String field, String reason, Throwable cause) {
    super(field + ": " + reason, cause);
    this.field = field;
  }

  /**
   * The NCR member name ({@code "lease-length"}), or {@code "length"}/{@code "body"} for framing
   * and {@code "json"} for text that is not a JSON object.
   */
  public String field() {
    return field;
  }
}
