package io.d2j.dhcp4.plugins.leasetimes;

import io.d2j.dhcp4.config.LeaseTimes;
import io.d2j.dhcp4.handler.PacketContext;
import io.d2j.dhcp4.handler.PacketHandler;
import io.d2j.dhcp4.handler.Verdict;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.packet.DhcpOptions;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.dhcp4.packet.OptionCodes;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Lease time (51) is the lease's lifetime (RFC 2131 §4.3.1: the server MUST send it in OFFER and
 * ACK). T1 (58) and T2 (59) are sent as Kea does: configured {@code renew-timer}/{@code
 * rebind-timer}, else computed from {@code t1-percent}/{@code t2-percent} when {@code
 * calculate-tee-times} is on, else not at all (the client then uses §4.4.5's 0.5 and 0.875). T2 is
 * sent only below the lifetime and T1 only below T2 (or the lifetime), since a client must renew
 * before it rebinds and rebind before the lease ends.
 */
final class LeaseTimesHandler implements PacketHandler {

  /** No: it reads the lease and subnet allocation left in the query's context. */
  @Override
  public boolean needsLeaseLock() {
    return false;
  }

  @Override
  public Verdict handle(DhcpPacket query, DhcpPacket reply, PacketContext context) {
    Optional<Lease4> lease = context.lease();
    if (lease.isEmpty() || context.subnet().isEmpty()) {
      return Verdict.next(reply);
    }
    LeaseTimes times = context.subnet().get().times();
    long valid = lease.get().validLifetime();
    DhcpOptions.Builder b = reply.options().toBuilder().uint32(OptionCodes.LEASE_TIME, valid);
    OptionalLong t2 = timer(times.rebindTimer(), times, times.t2Percent(), valid);
    OptionalLong t1 = timer(times.renewTimer(), times, times.t1Percent(), valid);
    boolean sendT2 = t2.isPresent() && t2.getAsLong() < valid;
    if (sendT2) {
      b.uint32(OptionCodes.REBINDING_TIME, t2.getAsLong());
    }
    long t1Limit = sendT2 ? t2.getAsLong() : valid;
    if (t1.isPresent() && t1.getAsLong() < t1Limit) {
      b.uint32(OptionCodes.RENEWAL_TIME, t1.getAsLong());
    }
    return Verdict.next(reply.withOptions(b.build()));
  }

  private static OptionalLong timer(
      OptionalLong configured, LeaseTimes times, double percent, long valid) {
    if (configured.isPresent()) {
      return configured;
    }
    return times.calculateTeeTimes()
        ? OptionalLong.of((long) (valid * percent))
        : OptionalLong.empty();
  }
}
