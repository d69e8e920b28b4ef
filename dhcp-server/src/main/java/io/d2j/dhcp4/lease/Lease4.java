package io.d2j.dhcp4.lease;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.d2j.dhcp4.Octets;
import io.d2j.ncr.IpAddresses;
import java.net.Inet4Address;
import java.time.Instant;
import java.util.Objects;

/**
 * One DHCPv4 lease, with the fields Kea's lease4 file stores (spec §5.1).
 *
 * @param address the leased address
 * @param hwaddr the client's hardware address without htype; may be empty
 * @param clientId the whole option-61 payload; empty when the client sent none
 * @param validLifetime seconds, 1 to 2^32-1 (0 is the lease file's deletion marker)
 * @param cltt client last transmission time, unix seconds; the lease expires at cltt + lifetime
 * @param subnetId the subnet's id
 * @param fqdnFwd whether a forward DNS update was made for this lease
 * @param fqdnRev whether a reverse DNS update was made
 * @param hostname the name used for DNS, or empty
 * @param state assigned, declined or expired-reclaimed
 * @param userContext a JSON object as text, or empty
 */
public record Lease4(
    Inet4Address address,
    Octets hwaddr,
    Octets clientId,
    long validLifetime,
    long cltt,
    long subnetId,
    boolean fqdnFwd,
    boolean fqdnRev,
    String hostname,
    LeaseState state,
    String userContext) {

  /** Kea's {@code HWAddr::MAX_HWADDR_LEN}. */
  public static final int MAX_HWADDR_LENGTH = 20;

  /** Kea 2.2's client-id bounds ({@code ClientId}: at least 2, at most the DUID maximum 128). */
  public static final int MIN_CLIENT_ID_LENGTH = 2;

  public static final int MAX_CLIENT_ID_LENGTH = 128;
  private static final long UINT32_MAX = 0xFFFF_FFFFL;
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @throws IllegalArgumentException naming the lease and the field, e.g. {@code lease 10.0.0.5:
   *     neither hwaddr nor client-id (only a declined lease may have neither)}
   */
  public Lease4 {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(hwaddr, "hwaddr");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(userContext, "userContext");
    if (hwaddr.length() > MAX_HWADDR_LENGTH) {
      throw new IllegalArgumentException(
          who(address) + "hwaddr of " + hwaddr.length() + " octets exceeds " + MAX_HWADDR_LENGTH);
    }
    if (!clientId.isEmpty()
        && (clientId.length() < MIN_CLIENT_ID_LENGTH || clientId.length() > MAX_CLIENT_ID_LENGTH)) {
      throw new IllegalArgumentException(
          who(address) + "client-id of " + clientId.length() + " octets is outside 2-128");
    }
    if (hwaddr.isEmpty() && clientId.isEmpty() && state != LeaseState.DECLINED) {
      // Kea refuses to write or read such a row (csv_lease_file4.cc).
      throw new IllegalArgumentException(
          who(address) + "neither hwaddr nor client-id (only a declined lease may have neither)");
    }
    if (validLifetime < 1 || validLifetime > UINT32_MAX) {
      throw new IllegalArgumentException(
          who(address) + "valid-lifetime " + validLifetime + " is outside 1-4294967295");
    }
    if (cltt < 0) {
      throw new IllegalArgumentException(who(address) + "cltt " + cltt + " is negative");
    }
    if (subnetId < 0 || subnetId > UINT32_MAX) {
      throw new IllegalArgumentException(
          who(address) + "subnet-id " + subnetId + " is not a uint32");
    }
    if (!userContext.isEmpty() && !isJsonObject(userContext)) {
      throw new IllegalArgumentException(
          who(address) + "user-context is not a JSON object: " + userContext);
    }
  }

  /**
   * How a failure names the lease; built only then (every lease read from the table passes here).
   */
  private static String who(Inet4Address address) {
    return "lease " + IpAddresses.format(address) + ": ";
  }

  private static boolean isJsonObject(String text) {
    try {
      JsonNode node = JSON.readTree(text);
      return node != null && node.isObject();
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  /** When the lease expires, unix seconds: cltt + valid-lifetime. */
  public long expire() {
    return cltt + validLifetime;
  }

  /** Whether the lease had expired before {@code now} (Kea: expiration time < now). */
  public boolean expiredAt(Instant now) {
    return expire() < now.getEpochSecond();
  }

  /** A lease for {@code address} to a client known by hardware address (and client id). */
  public static Lease4 assigned(
      Inet4Address address,
      Octets hwaddr,
      Octets clientId,
      long validLifetime,
      long cltt,
      long subnetId) {
    return new Lease4(
        address,
        hwaddr,
        clientId,
        validLifetime,
        cltt,
        subnetId,
        false,
        false,
        "",
        LeaseState.DEFAULT,
        "");
  }

  /** This lease with another state. */
  public Lease4 withState(LeaseState newState) {
    return new Lease4(
        address,
        hwaddr,
        clientId,
        validLifetime,
        cltt,
        subnetId,
        fqdnFwd,
        fqdnRev,
        hostname,
        newState,
        userContext);
  }

  /** This lease renewed: a new cltt and lifetime. */
  public Lease4 renewed(long newCltt, long newValidLifetime) {
    return new Lease4(
        address,
        hwaddr,
        clientId,
        newValidLifetime,
        newCltt,
        subnetId,
        fqdnFwd,
        fqdnRev,
        hostname,
        state,
        userContext);
  }

  /** This lease with DNS bookkeeping: the name and which directions were updated. */
  public Lease4 withDns(String newHostname, boolean fwd, boolean rev) {
    return new Lease4(
        address,
        hwaddr,
        clientId,
        validLifetime,
        cltt,
        subnetId,
        fwd,
        rev,
        newHostname,
        state,
        userContext);
  }
}
