package io.d2j.migrate.conf;

import io.d2j.keaconfig.SourcePosition;

/** How positions are shown to operators: {@code FILE line N}, as dhcpd and keama show them. */
public final class Positions {
  private Positions() {}

  /** {@code dhcpd.conf line 14}. */
  public static String where(SourcePosition position) {
    return position.source() + " line " + position.line();
  }
}
