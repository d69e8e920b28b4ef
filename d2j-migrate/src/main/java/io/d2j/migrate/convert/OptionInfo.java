package io.d2j.migrate.convert;

import java.util.Objects;
import java.util.Optional;

/**
 * An option as both sides know it.
 *
 * @param space the dhcpd option space ({@code dhcp}, {@code dhcp6}, {@code agent}, or one the
 *     configuration declares)
 * @param code the option code
 * @param dhcpdName the name in dhcpd.conf
 * @param format dhcpd's format string (see options.tsv)
 * @param keaSpace Kea's option space ({@code dhcp4}, {@code dhcp6}, or a declared one)
 * @param keaName Kea's name, when Kea knows the option (standard, or defined by an option-def)
 * @param keaType Kea's type of the definition ({@code binary} when there is none)
 * @param keaArray whether Kea's definition is an array
 */
record OptionInfo(
    String space,
    int code,
    String dhcpdName,
    String format,
    String keaSpace,
    Optional<String> keaName,
    String keaType,
    boolean keaArray) {

  OptionInfo {
    Objects.requireNonNull(space, "space");
    Objects.requireNonNull(dhcpdName, "dhcpdName");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(keaSpace, "keaSpace");
    Objects.requireNonNull(keaName, "keaName");
    Objects.requireNonNull(keaType, "keaType");
  }

  /** {@code space.name} as dhcpd shows it. */
  String fullName() {
    return space + "." + dhcpdName;
  }
}
