package io.d2j.dhcp4.ddns;

import io.d2j.ncr.ConflictResolutionMode;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The DDNS behaviour of one subnet, with the global → shared-network → subnet inheritance already
 * resolved at configuration time (spec §1.4). Example, the defaults with a suffix:
 *
 * <pre>{@code
 * "ddns-send-updates": true, "ddns-qualifying-suffix": "example.com",
 * "ddns-replace-client-name": "never", "ddns-generated-prefix": "myhost"
 * }</pre>
 *
 * @param updatesEnabled Kea's effective U: {@code dhcp-ddns.enable-updates} AND the scope's {@code
 *     ddns-send-updates}
 * @param overrideNoUpdate {@code ddns-override-no-update}
 * @param overrideClientUpdate {@code ddns-override-client-update}
 * @param replaceClientName {@code ddns-replace-client-name}
 * @param generatedPrefix {@code ddns-generated-prefix} (not validated as a label, as in Kea)
 * @param qualifyingSuffix {@code ddns-qualifying-suffix}, trailing dot optional; empty: none
 * @param updateOnRenew {@code ddns-update-on-renew}
 * @param conflictResolutionMode from {@code ddns-conflict-resolution-mode} or the older {@code
 *     ddns-use-conflict-resolution}
 * @param ttlPercent {@code ddns-ttl-percent}, when set
 * @param sanitizer {@code hostname-char-set} and {@code hostname-char-replacement}
 */
public record DdnsParams(
    boolean updatesEnabled,
    boolean overrideNoUpdate,
    boolean overrideClientUpdate,
    ReplaceClientName replaceClientName,
    String generatedPrefix,
    String qualifyingSuffix,
    boolean updateOnRenew,
    ConflictResolutionMode conflictResolutionMode,
    OptionalDouble ttlPercent,
    HostnameSanitizer sanitizer) {

  /** Kea's defaults with updates off (no {@code dhcp-ddns} block). */
  public static final DdnsParams DEFAULTS =
      new DdnsParams(
          false,
          false,
          false,
          ReplaceClientName.NEVER,
          "myhost",
          "",
          false,
          ConflictResolutionMode.CHECK_WITH_DHCID,
          OptionalDouble.empty(),
          HostnameSanitizer.of(HostnameSanitizer.DEFAULT_CHAR_SET, ""));

  public DdnsParams {
    Objects.requireNonNull(replaceClientName, "replaceClientName");
    Objects.requireNonNull(generatedPrefix, "generatedPrefix");
    Objects.requireNonNull(qualifyingSuffix, "qualifyingSuffix");
    Objects.requireNonNull(conflictResolutionMode, "conflictResolutionMode");
    Objects.requireNonNull(ttlPercent, "ttlPercent");
    Objects.requireNonNull(sanitizer, "sanitizer");
    if (ttlPercent.isPresent() && !(ttlPercent.getAsDouble() >= 0)) {
      throw new IllegalArgumentException(
          "ddns-ttl-percent: " + ttlPercent.getAsDouble() + " is negative");
    }
  }

  /** These parameters with the effective updates switch set to {@code enabled}. */
  public DdnsParams withUpdatesEnabled(boolean enabled) {
    return new DdnsParams(
        enabled,
        overrideNoUpdate,
        overrideClientUpdate,
        replaceClientName,
        generatedPrefix,
        qualifyingSuffix,
        updateOnRenew,
        conflictResolutionMode,
        ttlPercent,
        sanitizer);
  }
}
