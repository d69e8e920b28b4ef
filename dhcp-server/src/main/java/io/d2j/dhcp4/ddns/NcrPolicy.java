package io.d2j.dhcp4.ddns;

import io.d2j.dhcp4.lease.Lease4;
import io.d2j.ncr.ChangeType;
import io.d2j.ncr.Dhcid;
import io.d2j.ncr.Fqdn;
import io.d2j.ncr.NameChangeRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Lease events to NameChangeRequests (spec §3), pure. Every NCR is built from the lease record,
 * never from the packet, so a removal after a restart uses exactly what the lease file holds. Where
 * Kea is wrong this is right (spec §3.4 #1): a renewal that moves the client to another address
 * with the same name removes the old records and adds the new ones.
 *
 * <p>Example (lease 10.0.0.35, 3600 s, cltt 2026-11-27T19:34:14Z, client-id {@code
 * 01:00:0c:01:02:03:04}, name {@code myhost-10-0-0-35.example.com}, both flags):
 *
 * <pre>{@code
 * {"change-type":0,"forward-change":true,"reverse-change":true,
 *  "fqdn":"myhost-10-0-0-35.example.com.","ip-address":"10.0.0.35",
 *  "dhcid":"000101CC8B757C03268708347A5BE473B19E847E1F44A42BA273E63DAFE5B97170F90B",
 *  "lease-expires-on":"20261127195414","lease-length":1200,...}
 * }</pre>
 */
public final class NcrPolicy {

  /** Kea stores no htype in the lease file and assumes Ethernet when it reads one back. */
  static final int HTYPE_ETHERNET = 1;

  private NcrPolicy() {}

  /** A new lease: add its names. */
  public static List<NameChangeRequest> allocated(Lease4 lease, DdnsParams params) {
    return gated(ChangeType.ADD, lease, params);
  }

  /** Release, decline, reclamation: remove what the lease recorded. */
  public static List<NameChangeRequest> removed(Lease4 lease, DdnsParams params) {
    return gated(ChangeType.REMOVE, lease, params);
  }

  /**
   * A renewal (or a client moved to another address): nothing when name, flags and address are
   * unchanged and {@code ddns-update-on-renew} is off; otherwise remove the previous names, then
   * add the new ones, each under the §3.1 gate.
   */
  public static List<NameChangeRequest> renewed(
      Lease4 previous, DdnsParams previousParams, Lease4 renewed, DdnsParams params) {
    boolean same =
        previous.hostname().equalsIgnoreCase(renewed.hostname())
            && previous.fqdnFwd() == renewed.fqdnFwd()
            && previous.fqdnRev() == renewed.fqdnRev()
            && previous.address().equals(renewed.address());
    if (same && !params.updateOnRenew()) {
      return List.of();
    }
    List<NameChangeRequest> out = new ArrayList<>(removed(previous, previousParams));
    out.addAll(allocated(renewed, params));
    return out;
  }

  /**
   * Kea's {@code queueNCR} gate (spec §3.1): a name and at least one direction, else nothing.
   *
   * @throws IllegalArgumentException when the lease's name is not a DNS name or its identifier
   *     cannot make a DHCID (e.g. {@code embedded DUID length of: 5, is too short})
   */
  static List<NameChangeRequest> gated(ChangeType type, Lease4 lease, DdnsParams params) {
    if (lease.hostname().isEmpty() || !(lease.fqdnFwd() || lease.fqdnRev())) {
      return List.of();
    }
    Fqdn fqdn = Fqdn.of(lease.hostname());
    long ttl = DdnsTtl.of(lease.validLifetime(), params.ttlPercent());
    return List.of(
        NameChangeRequest.builder()
            .type(type)
            .forward(lease.fqdnFwd())
            .reverse(lease.fqdnRev())
            .fqdn(fqdn)
            .address(lease.address())
            .dhcid(dhcid(lease, fqdn))
            // Kea: cltt + TTL, not the lease's own expiry (spec §3.5).
            .leaseExpiresOn(Instant.ofEpochSecond(lease.cltt() + ttl))
            .leaseLength(ttl)
            .conflictResolutionMode(params.conflictResolutionMode())
            .build());
  }

  /** Client-id when the lease has one, else htype + hardware address (spec §4). */
  public static Dhcid dhcid(Lease4 lease, Fqdn fqdn) {
    if (!lease.clientId().isEmpty()) {
      return Dhcid.fromClientId(lease.clientId().toByteArray(), fqdn);
    }
    return Dhcid.fromHwAddress(HTYPE_ETHERNET, lease.hwaddr().toByteArray(), fqdn);
  }
}
