package io.d2j.dhcp4.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.lease.LeaseState;
import java.time.Instant;
import java.util.Optional;

/**
 * Leases between HA peers (spec §6.9–§6.10): the arguments of the {@code lease4-update} and {@code
 * lease4-del} this server sends, as Kea 2.2 sends them ({@code expire} = cltt + valid-lft instead
 * of {@code cltt}; {@code force-create} on updates), and the merge of one lease of a partner's
 * {@code lease4-get-page} answer into this server's store.
 *
 * <pre>
 * {"client-id": "01:00:0c:01:02:03:04", "expire": 1795814281, "force-create": true,
 *  "fqdn-fwd": false, "fqdn-rev": false, "hostname": "", "hw-address": "00:0c:01:02:03:04",
 *  "ip-address": "10.0.0.10", "state": 0, "subnet-id": 1, "valid-lft": 3600}
 * </pre>
 */
public final class PeerLeases {

  /** What merging one synced lease did. */
  public enum Merge {
    ADDED,
    UPDATED,
    /** This server's lease is as recent or more (or the partner's cannot be stored). */
    SKIPPED
  }

  private PeerLeases() {}

  /** {@code lease4-update} arguments. */
  public static ObjectNode updateArguments(Lease4 lease) {
    ObjectNode out = withExpire(lease);
    out.put("force-create", true);
    return out;
  }

  /** {@code lease4-del} arguments (the lease map; the receiver finds it by {@code ip-address}). */
  public static ObjectNode deleteArguments(Lease4 lease) {
    return withExpire(lease);
  }

  private static ObjectNode withExpire(Lease4 lease) {
    ObjectNode out = LeaseJson.toJson(lease);
    out.remove("cltt");
    out.put("expire", lease.cltt() + lease.validLifetime());
    return out;
  }

  /**
   * Merges one lease of the partner's page (native form, with {@code cltt}): absent here, added;
   * present with an older {@code cltt}, overwritten; otherwise left (spec §6.10 step 3). Call
   * holding the lease store's monitor.
   *
   * @throws IllegalArgumentException with the defect, for a lease that cannot be read (the caller
   *     logs it and goes on)
   */
  public static Merge merge(LeaseTarget target, JsonNode partnerLease, Instant now) {
    if (!partnerLease.isObject()) {
      throw new IllegalArgumentException("a lease is not a map: " + partnerLease);
    }
    ObjectNode args = ((ObjectNode) partnerLease).deepCopy();
    JsonNode cltt = args.remove("cltt");
    if (cltt != null && !args.has("expire")) {
      if (!cltt.canConvertToLong()) {
        throw new IllegalArgumentException("'cltt' is not an integer.");
      }
      args.put("expire", cltt.longValue() + args.path("valid-lft").asLong(0));
    }
    Lease4 lease = LeaseJson.parse(args, target.config(), now);
    Optional<Lease4> own = target.leases().get(lease.address());
    if (own.isEmpty()) {
      return target.leases().add(lease) ? Merge.ADDED : Merge.SKIPPED;
    }
    if (own.get().cltt() < lease.cltt() || reclaimedThere(own.get(), lease)) {
      return target.leases().update(lease) ? Merge.UPDATED : Merge.SKIPPED;
    }
    return Merge.SKIPPED;
  }

  /**
   * The same lease (same {@code cltt}), which the partner reclaimed and this server has not: taking
   * the partner's copy keeps this server from sending the DNS removal the partner sent (d2j's
   * addition to Kea's rule, which compares {@code cltt} only).
   */
  private static boolean reclaimedThere(Lease4 own, Lease4 partner) {
    return own.cltt() == partner.cltt()
        && own.state() == LeaseState.DEFAULT
        && partner.state() == LeaseState.EXPIRED_RECLAIMED
        && own.hwaddr().equals(partner.hwaddr())
        && own.clientId().equals(partner.clientId());
  }
}
