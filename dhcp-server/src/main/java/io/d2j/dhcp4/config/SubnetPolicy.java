package io.d2j.dhcp4.config;

import java.net.Inet4Address;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A subnet's behaviour settings that it inherits from its shared network and the globals (Kea's
 * defaults where nobody sets them).
 *
 * @param matchClientId {@code match-client-id}: identify clients by option 61 when they send one
 *     (true), or by hardware address only (false)
 * @param authoritative {@code authoritative}: NAK a REQUEST for an address the server has no lease
 *     of (true), or stay silent (false, RFC 2131's non-authoritative rule)
 * @param nextServer {@code next-server} (siaddr), if set
 * @param serverHostname {@code server-hostname} (sname), or ""
 * @param bootFileName {@code boot-file-name} (file), or ""
 * @param reservationsGlobal look host reservations up in {@code Dhcp4.reservations}
 * @param reservationsInSubnet look them up in the subnet's {@code reservations}
 * @param reservationsOutOfPool reserved addresses are never in pools: skip the check that a pool
 *     address is reserved for someone else
 * @param storeExtendedInfo store the relay agent information in the lease's user context
 * @param cacheThreshold {@code cache-threshold}: reuse a lease younger than this fraction of its
 *     lifetime instead of renewing it
 * @param cacheMaxAge {@code cache-max-age}: reuse a lease younger than this many seconds
 */
public record SubnetPolicy(
    boolean matchClientId,
    boolean authoritative,
    Optional<Inet4Address> nextServer,
    String serverHostname,
    String bootFileName,
    boolean reservationsGlobal,
    boolean reservationsInSubnet,
    boolean reservationsOutOfPool,
    boolean storeExtendedInfo,
    OptionalDouble cacheThreshold,
    OptionalLong cacheMaxAge) {

  public SubnetPolicy {
    Objects.requireNonNull(nextServer, "nextServer");
    Objects.requireNonNull(serverHostname, "serverHostname");
    Objects.requireNonNull(bootFileName, "bootFileName");
    Objects.requireNonNull(cacheThreshold, "cacheThreshold");
    Objects.requireNonNull(cacheMaxAge, "cacheMaxAge");
  }

  /** Kea's defaults. */
  public static SubnetPolicy defaults() {
    return new SubnetPolicy(
        true,
        false,
        Optional.empty(),
        "",
        "",
        false,
        true,
        false,
        false,
        OptionalDouble.empty(),
        OptionalLong.empty());
  }
}
