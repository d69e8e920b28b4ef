package io.d2j.ncr;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One DHCP-DDNS request: add or remove the names of one lease.
 *
 * <p>Wire form (Kea 3.1.6+ shape, after the 2-octet length):
 *
 * <pre>{@code
 * {"change-type":0,"forward-change":true,"reverse-change":false,"fqdn":"host1.example.com.",
 *  "ip-address":"2001:db8::abcd","dhcid":"000101020304","lease-length":900,
 *  "conflict-resolution-mode":"no-check-without-dhcid"}
 * }</pre>
 *
 * @param leaseExpiresOn when the lease ends, whole seconds; {@code null} when the sender did not
 *     say (Kea 3.1.6 and later no longer send it). D2 logic never depends on it.
 * @param leaseLength seconds, 0..4294967295; D2 uses it verbatim as the TTL of added RRs.
 */
public record NameChangeRequest(
    ChangeType type,
    boolean forward,
    boolean reverse,
    Fqdn fqdn,
    InetAddress address,
    Dhcid dhcid,
    Instant leaseExpiresOn,
    long leaseLength,
    ConflictResolutionMode conflictResolutionMode) {

  /** Largest lease-length: the member is an unsigned 32-bit integer in Kea. */
  public static final long MAX_LEASE_LENGTH = 4294967295L;

  /** Earliest expiry the 14-digit {@code lease-expires-on} text can express. */
  static final Instant MIN_EXPIRY = Instant.parse("1970-01-01T00:00:00Z");

  /** Latest expiry the 14-digit {@code lease-expires-on} text can express. */
  static final Instant MAX_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");

  /** Validates as Kea's NCR checks do, and truncates {@code leaseExpiresOn} to seconds. */
  public NameChangeRequest {
    requireField(type, "type");
    requireField(fqdn, "fqdn");
    requireField(address, "address");
    requireField(dhcid, "dhcid");
    requireField(conflictResolutionMode, "conflictResolutionMode");
    if (!forward && !reverse) {
      throw new IllegalArgumentException(
          "Invalid Request, forward and reverse flags are both false");
    }
    if (leaseLength < 0 || leaseLength > MAX_LEASE_LENGTH) {
      throw new IllegalArgumentException(
          "leaseLength: " + leaseLength + " is outside 0.." + MAX_LEASE_LENGTH);
    }
    if (leaseExpiresOn != null) {
      leaseExpiresOn = leaseExpiresOn.truncatedTo(ChronoUnit.SECONDS);
      if (leaseExpiresOn.isBefore(MIN_EXPIRY) || leaseExpiresOn.isAfter(MAX_EXPIRY)) {
        throw new IllegalArgumentException(
            "leaseExpiresOn: " + leaseExpiresOn + " is outside years 1970..9999");
      }
    }
  }

  private static void requireField(Object value, String name) {
    if (value == null) {
      throw new NullPointerException(name + ": must not be null");
    }
  }

  /** True when the address is IPv6 (AAAA and ip6.arpa), false for IPv4 (A and in-addr.arpa). */
  public boolean isIpv6() {
    return address instanceof Inet6Address;
  }

  /** The request id of log lines: the DHCID in upper-case hex. */
  public String requestId() {
    return dhcid.toHex();
  }

  /** A builder with forward and reverse set, mode {@code check-with-dhcid}, lease-length 0. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String toString() {
    return "NameChangeRequest[type="
        + type
        + ", forward="
        + forward
        + ", reverse="
        + reverse
        + ", fqdn="
        + fqdn
        + ", address="
        + IpAddresses.format(address)
        + ", dhcid="
        + dhcid
        + ", leaseExpiresOn="
        + leaseExpiresOn
        + ", leaseLength="
        + leaseLength
        + ", conflictResolutionMode="
        + conflictResolutionMode.keaName()
        + "]";
  }

  /** Fluent construction; {@link #build()} applies the record's validation. */
  public static final class Builder {
    private ChangeType type;
    private boolean forward = true;
    private boolean reverse = true;
    private Fqdn fqdn;
    private InetAddress address;
    private Dhcid dhcid;
    private Instant leaseExpiresOn;
    private long leaseLength;
    private ConflictResolutionMode mode = ConflictResolutionMode.CHECK_WITH_DHCID;

    private Builder() {}

    public Builder type(ChangeType type) {
      this.type = type;
      return this;
    }

    public Builder forward(boolean forward) {
      this.forward = forward;
      return this;
    }

    public Builder reverse(boolean reverse) {
      this.reverse = reverse;
      return this;
    }

    public Builder fqdn(Fqdn fqdn) {
      this.fqdn = fqdn;
      return this;
    }

    /** Parses with {@link Fqdn#of}. */
    public Builder fqdn(String fqdn) {
      return fqdn(Fqdn.of(fqdn));
    }

    public Builder address(InetAddress address) {
      this.address = address;
      return this;
    }

    /** Parses an IP literal with {@link IpAddresses#parse}; never resolves names. */
    public Builder address(String address) {
      return address(IpAddresses.parse(address));
    }

    public Builder dhcid(Dhcid dhcid) {
      this.dhcid = dhcid;
      return this;
    }

    /** Parses with {@link Dhcid#fromHex}. */
    public Builder dhcid(String hex) {
      return dhcid(Dhcid.fromHex(hex));
    }

    public Builder leaseExpiresOn(Instant leaseExpiresOn) {
      this.leaseExpiresOn = leaseExpiresOn;
      return this;
    }

    public Builder leaseLength(long leaseLength) {
      this.leaseLength = leaseLength;
      return this;
    }

    public Builder conflictResolutionMode(ConflictResolutionMode mode) {
      this.mode = mode;
      return this;
    }

    public NameChangeRequest build() {
      return new NameChangeRequest(
          type, forward, reverse, fqdn, address, dhcid, leaseExpiresOn, leaseLength, mode);
    }
  }
}
