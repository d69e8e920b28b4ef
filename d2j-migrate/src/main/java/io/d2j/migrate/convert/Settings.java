package io.d2j.migrate.convert;

import java.util.Objects;
import java.util.Optional;

/**
 * The conversion's switches, from the command line.
 *
 * @param family {@code -4} / {@code -6}
 * @param hostsInSubnets {@code -N}: reservations in the subnet holding their address
 * @param iscDefaults {@code -D}: dhcpd's built-in lifetimes where the input sets none
 * @param hookPath {@code -l}: directory of Kea's hook libraries, for generated hook entries
 * @param resolve {@code -r}
 * @param target {@code --target}
 * @param d2Output whether a DhcpDdns document is wanted ({@code --d2-out})
 * @param d2Address the D2 listening address linked from {@code dhcp-ddns}
 * @param d2Port the D2 listening port
 */
public record Settings(
    Family family,
    boolean hostsInSubnets,
    boolean iscDefaults,
    Optional<String> hookPath,
    ResolvePolicy resolve,
    Target target,
    boolean d2Output,
    String d2Address,
    int d2Port) {

  /** Kea's default D2 address and port (spec §8, "D2 link"). */
  public static final String D2_ADDRESS = "127.0.0.1";

  public static final int D2_PORT = 53001;

  public Settings {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(hookPath, "hookPath");
    Objects.requireNonNull(resolve, "resolve");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(d2Address, "d2Address");
  }

  /** Defaults for one family: keama's defaults except {@code -r}, Kea 2.2, no D2 document. */
  public static Settings of(Family family) {
    return new Settings(
        family,
        false,
        false,
        Optional.empty(),
        ResolvePolicy.PASS,
        Target.KEA_2_2,
        false,
        D2_ADDRESS,
        D2_PORT);
  }
}
