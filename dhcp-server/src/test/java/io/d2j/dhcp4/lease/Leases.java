package io.d2j.dhcp4.lease;

import io.d2j.dhcp4.Octets;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Test fixtures for leases. */
final class Leases {
  static final long CLTT = 1_795_810_619L;

  private Leases() {}

  static Inet4Address ip(String dotted) {
    try {
      return (Inet4Address) InetAddress.getByName(dotted); // literals only: no lookup
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A lease for 10.0.0.{@code n} to MAC 00:0c:01:02:03:{@code n} with client id 01+MAC. */
  static Lease4 lease(int n) {
    Octets mac = Octets.of(new byte[] {0, 0x0c, 1, 2, 3, (byte) n});
    Octets cid = Octets.of(new byte[] {1, 0, 0x0c, 1, 2, 3, (byte) n});
    return Lease4.assigned(ip("10.0.0." + n), mac, cid, 3600, CLTT, 1);
  }

  /** A declined lease of {@code dotted} (no client identity), {@code lifetime} s from CLTT. */
  static Lease4 declined(String dotted, long lifetime) {
    return new Lease4(
        ip(dotted),
        Octets.EMPTY,
        Octets.EMPTY,
        lifetime,
        CLTT,
        1,
        false,
        false,
        "",
        LeaseState.DECLINED,
        "");
  }

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    private Instant now;

    ManualClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
