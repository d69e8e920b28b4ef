package io.d2j.dhcp4.classify;

import java.util.List;

/**
 * The classes Kea 2.2 assigns itself: {@code ALL} (every query), {@code KNOWN}/{@code UNKNOWN}
 * (whether a host reservation was found), {@code BOOTP}, and the prefixes {@code VENDOR_CLASS_}
 * (option 60's value), {@code HA_} (the HA scope serving the client; filled by the HA plugin),
 * {@code AFTER_} and {@code EXTERNAL_} (reserved for hooks). A configured class may reuse a
 * built-in name only without a test.
 */
public final class BuiltInClasses {

  public static final String ALL = "ALL";
  public static final String KNOWN = "KNOWN";
  public static final String UNKNOWN = "UNKNOWN";
  public static final String BOOTP = "BOOTP";
  public static final String DROP = "DROP";
  public static final String VENDOR_CLASS_PREFIX = "VENDOR_CLASS_";
  public static final String HA_PREFIX = "HA_";

  private static final List<String> NAMES = List.of(ALL, KNOWN, UNKNOWN, BOOTP);
  private static final List<String> PREFIXES =
      List.of(VENDOR_CLASS_PREFIX, HA_PREFIX, "AFTER_", "EXTERNAL_");

  private BuiltInClasses() {}

  /** Whether Kea treats {@code name} as built in (a prefix alone is not a name). */
  public static boolean isBuiltIn(String name) {
    if (NAMES.contains(name)) {
      return true;
    }
    for (String p : PREFIXES) {
      if (name.length() > p.length() && name.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code name} is one of the fixed built-in names (not a prefix family). */
  public static boolean isFixedName(String name) {
    return NAMES.contains(name);
  }
}
