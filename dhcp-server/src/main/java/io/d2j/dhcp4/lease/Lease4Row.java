package io.d2j.dhcp4.lease;

import io.d2j.dhcp4.Octets;
import io.d2j.ncr.IpAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * One row of Kea's PostgreSQL {@code lease4} table (schema 13.0, created by {@code kea-admin
 * db-init pgsql}), column by column, and its mapping to and from {@link Lease4}. Kea's rules, so
 * that kea-dhcp4 reads what d2j writes and the other way round:
 *
 * <ul>
 *   <li>{@code address} is the IPv4 address as an unsigned 32-bit number in a BIGINT;
 *   <li>{@code hwaddr} and {@code client_id} are BYTEA, empty (not NULL) when absent;
 *   <li>{@code expire} is cltt + valid_lifetime, except for an infinite lifetime (2^32-1) where it
 *       is cltt itself; Kea refuses expiry times past 2^31-1 (its {@code MAX_DB_TIME});
 *   <li>{@code hostname} is a VARCHAR(255), empty when there is none; {@code user_context} is the
 *       JSON map as text, empty when there is none; {@code state} is 0, 1 or 2.
 * </ul>
 *
 * NULLs in rows written by other tools read as empty. Expiry travels as unix seconds: the store
 * writes {@code to_timestamp(expire)} and reads {@code extract(epoch from expire)}, so the column
 * holds the true instant whatever the session's time zone.
 */
public record Lease4Row(
    long address,
    byte[] hwaddr,
    byte[] clientId,
    long validLifetime,
    long expire,
    long subnetId,
    boolean fqdnFwd,
    boolean fqdnRev,
    String hostname,
    long state,
    String userContext) {

  /** Kea's {@code Lease::INFINITY_LFT}. */
  public static final long INFINITE_LIFETIME = 0xFFFF_FFFFL;

  /** Kea's {@code DatabaseConnection::MAX_DB_TIME}: no expiry past 2038-01-19. */
  public static final long MAX_DB_TIME = 2_147_483_647L;

  /** The width of the {@code hostname} column. */
  public static final int MAX_HOSTNAME_LENGTH = 255;

  public Lease4Row {
    hwaddr = hwaddr == null ? new byte[0] : hwaddr.clone();
    clientId = clientId == null ? new byte[0] : clientId.clone();
    hostname = hostname == null ? "" : hostname;
    userContext = userContext == null ? "" : userContext;
  }

  /**
   * The row for {@code lease}.
   *
   * @throws LeaseStoreException when the lease does not fit Kea's table: {@code lease 10.0.0.5:
   *     expiry 2147483648 is past 2147483647, the latest time Kea's lease database holds}
   */
  public static Lease4Row of(Lease4 lease) {
    long expire =
        lease.validLifetime() == INFINITE_LIFETIME
            ? lease.cltt()
            : lease.cltt() + lease.validLifetime();
    String who = "lease " + IpAddresses.format(lease.address()) + ": ";
    if (expire > MAX_DB_TIME) {
      throw new LeaseStoreException(
          who
              + "expiry "
              + expire
              + " is past "
              + MAX_DB_TIME
              + ", the latest time Kea's lease database holds");
    }
    if (lease.hostname().length() > MAX_HOSTNAME_LENGTH) {
      throw new LeaseStoreException(
          who
              + "hostname of "
              + lease.hostname().length()
              + " characters exceeds the column's "
              + MAX_HOSTNAME_LENGTH);
    }
    requireNoNul(who + "hostname", lease.hostname());
    requireNoNul(who + "user-context", lease.userContext());
    return new Lease4Row(
        toUnsigned(lease.address()),
        lease.hwaddr().toByteArray(),
        lease.clientId().toByteArray(),
        lease.validLifetime(),
        expire,
        lease.subnetId(),
        lease.fqdnFwd(),
        lease.fqdnRev(),
        lease.hostname(),
        lease.state().code(),
        lease.userContext());
  }

  /** PostgreSQL text cannot hold U+0000. */
  private static void requireNoNul(String what, String value) {
    if (value.indexOf('\0') >= 0) {
      throw new LeaseStoreException(what + " contains a NUL character");
    }
  }

  /**
   * The lease this row holds.
   *
   * @throws IllegalArgumentException naming the row and the defect, e.g. {@code lease4 row
   *     10.0.0.5: state: 7 is not 0 (default), 1 (declined) or 2 (expired-reclaimed)}
   */
  public Lease4 toLease() {
    if (address < 0 || address > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("lease4 row: address " + address + " is not a uint32");
    }
    Inet4Address addr = fromUnsigned(address);
    try {
      long cltt = validLifetime == INFINITE_LIFETIME ? expire : expire - validLifetime;
      return new Lease4(
          addr,
          Octets.of(hwaddr),
          Octets.of(clientId),
          validLifetime,
          cltt,
          subnetId,
          fqdnFwd,
          fqdnRev,
          hostname,
          LeaseState.fromCode(state),
          userContext);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "lease4 row " + IpAddresses.format(addr) + ": " + e.getMessage(), e);
    }
  }

  /** The address as Kea's BIGINT column holds it. */
  public static long toUnsigned(Inet4Address a) {
    byte[] b = a.getAddress();
    return ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
  }

  static Inet4Address fromUnsigned(long v) {
    byte[] b = {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    try {
      return (Inet4Address) InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw new AssertionError("four octets are always an IPv4 address", e);
    }
  }

  // Arrays make the generated equals/hashCode/toString useless; these compare contents.

  @Override
  public boolean equals(Object o) {
    return o instanceof Lease4Row r
        && address == r.address
        && java.util.Arrays.equals(hwaddr, r.hwaddr)
        && java.util.Arrays.equals(clientId, r.clientId)
        && validLifetime == r.validLifetime
        && expire == r.expire
        && subnetId == r.subnetId
        && fqdnFwd == r.fqdnFwd
        && fqdnRev == r.fqdnRev
        && hostname.equals(r.hostname)
        && state == r.state
        && userContext.equals(r.userContext);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        address,
        java.util.Arrays.hashCode(hwaddr),
        java.util.Arrays.hashCode(clientId),
        validLifetime,
        expire,
        subnetId,
        fqdnFwd,
        fqdnRev,
        hostname,
        state,
        userContext);
  }

  @Override
  public String toString() {
    return "Lease4Row[address="
        + address
        + ", hwaddr="
        + Octets.of(hwaddr)
        + ", clientId="
        + Octets.of(clientId)
        + ", validLifetime="
        + validLifetime
        + ", expire="
        + expire
        + ", subnetId="
        + subnetId
        + ", fqdnFwd="
        + fqdnFwd
        + ", fqdnRev="
        + fqdnRev
        + ", hostname="
        + hostname
        + ", state="
        + state
        + ", userContext="
        + userContext
        + "]";
  }

  /** The hardware address column (a copy). */
  @Override
  public byte[] hwaddr() {
    return hwaddr.clone();
  }

  /** The client id column (a copy). */
  @Override
  public byte[] clientId() {
    return clientId.clone();
  }
}
