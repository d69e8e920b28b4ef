package io.d2j.ncr;

/**
 * The RFC 4703 conflict-resolution variant a DHCP server asks D2 to apply.
 *
 * <p>Senders from Kea 2.5 on put the mode in {@code "conflict-resolution-mode"} (e.g. {@code
 * "check-exists-with-dhcid"}); senders up to 2.4 only have the boolean {@code
 * "use-conflict-resolution"}, which can express just the first two modes.
 */
public enum ConflictResolutionMode {
  /** RFC 4703 §5 conflict detection with DHCID prerequisites; Kea's default. */
  CHECK_WITH_DHCID("check-with-dhcid", true, true),
  /** Overwrite whatever is there, but still maintain DHCID records. */
  NO_CHECK_WITH_DHCID("no-check-with-dhcid", true, false),
  /** Replace only when some DHCID exists at the name (Kea 2.5+). */
  CHECK_EXISTS_WITH_DHCID("check-exists-with-dhcid", true, true),
  /** Overwrite and never touch DHCID records (Kea 2.5+). */
  NO_CHECK_WITHOUT_DHCID("no-check-without-dhcid", false, false);

  private final String keaName;
  private final boolean usesDhcid;
  private final boolean legacyBoolean;

  ConflictResolutionMode(String keaName, boolean usesDhcid, boolean legacyBoolean) {
    this.keaName = keaName;
    this.usesDhcid = usesDhcid;
    this.legacyBoolean = legacyBoolean;
  }

  /** The spelling Kea uses in NCRs and configuration, e.g. {@code "check-with-dhcid"}. */
  public String keaName() {
    return keaName;
  }

  /** False only for {@link #NO_CHECK_WITHOUT_DHCID}, the one mode that never writes DHCID RRs. */
  public boolean usesDhcid() {
    return usesDhcid;
  }

  /**
   * The value to send as Kea 2.2's {@code "use-conflict-resolution"}: true for the {@code check-*}
   * modes, false for the {@code no-check-*} modes. The 2.2 boolean cannot say "exists" or "without
   * DHCID", so those two modes degrade to their nearest 2.2 equivalent.
   */
  public boolean legacyBoolean() {
    return legacyBoolean;
  }

  /**
   * Parses Kea's spelling, exactly and case-sensitively as Kea does.
   *
   * @throws IllegalArgumentException naming the rejected value and the accepted ones
   */
  public static ConflictResolutionMode fromKeaName(String s) {
    for (ConflictResolutionMode m : values()) {
      if (m.keaName.equals(s)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown conflict resolution mode '"
            + s
            + "' (expected check-with-dhcid, no-check-with-dhcid, check-exists-with-dhcid or"
            + " no-check-without-dhcid)");
  }

  /**
   * Maps Kea 2.2's boolean: true is {@code check-with-dhcid}, false {@code no-check-with-dhcid}.
   */
  public static ConflictResolutionMode fromLegacyBoolean(boolean useConflictResolution) {
    return useConflictResolution ? CHECK_WITH_DHCID : NO_CHECK_WITH_DHCID;
  }
}
