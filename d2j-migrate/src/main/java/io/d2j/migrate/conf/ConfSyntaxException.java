package io.d2j.migrate.conf;

import io.d2j.keaconfig.SourcePosition;

/**
 * A fatal problem in the input, shown as {@code FILE line N: message} (keama's and dhcpd's form),
 * e.g. {@code dhcpd.conf line 12: semicolon expected}.
 */
public final class ConfSyntaxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient SourcePosition position;
  private final String reason;

  public ConfSyntaxException(SourcePosition position, String reason) {
    super(Positions.where(position) + ": " + reason);
    this.position = position;
    this.reason = reason;
  }

  /** Where the problem is. */
  public SourcePosition position() {
    return position;
  }

  /** The message without the position. */
  public String reason() {
    return reason;
  }
}
