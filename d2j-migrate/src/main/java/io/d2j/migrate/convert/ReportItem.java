package io.d2j.migrate.convert;

import io.d2j.keaconfig.SourcePosition;
import io.d2j.migrate.conf.Positions;
import java.util.Objects;

/**
 * One entry of the conversion report.
 *
 * @param position where the construct is
 * @param construct the construct as written (secrets redacted), e.g. {@code ddns-ttl 300}
 * @param action what became of it
 * @param reason why, in a sentence; empty for a plain conversion
 */
public record ReportItem(SourcePosition position, String construct, Action action, String reason) {
  public ReportItem {
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(construct, "construct");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(reason, "reason");
  }

  /** {@code dhcpd.conf line 12: not converted: ddns-ttl 300: <reason>}. */
  public String line() {
    return Positions.where(position)
        + ": "
        + action.text()
        + ": "
        + construct
        + (reason.isEmpty() ? "" : ": " + reason);
  }
}
