package io.d2j.dhcp4.ddns;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.packet.DhcpOptions;
import io.d2j.dhcp4.packet.OptionCodes;
import java.util.Objects;
import java.util.Optional;

/**
 * What a query says about its name: option 81, option 12, and whether option 12 is in its parameter
 * request list (a reserved name is then sent even to a client that sent no option 12).
 *
 * @param fqdn option 81, decoded
 * @param hostname option 12 as text
 * @param hostnameRequested whether option 55 lists 12
 */
public record ClientNames(
    Optional<ClientFqdn> fqdn, Optional<String> hostname, boolean hostnameRequested) {

  public ClientNames {
    Objects.requireNonNull(fqdn, "fqdn");
    Objects.requireNonNull(hostname, "hostname");
  }

  /**
   * Reads the name options of a query.
   *
   * @throws IllegalArgumentException when option 81 is malformed or sets both N and S; Kea drops
   *     such a query (spec §2.1)
   */
  public static ClientNames of(DhcpOptions options) {
    return of(options, false);
  }

  /** {@link #of(DhcpOptions)}, with Kea's {@code lenient-option-parsing} for option 81. */
  public static ClientNames of(DhcpOptions options, boolean lenient) {
    Octets fqdn = options.find(OptionCodes.CLIENT_FQDN);
    return new ClientNames(
        fqdn == null ? Optional.empty() : Optional.of(ClientFqdn.decode(fqdn, lenient)),
        options.hostName(),
        options.requests(OptionCodes.HOST_NAME));
  }
}
