package io.d2j.dhcp4.plugins.allocation;

import io.d2j.dhcp4.alloc.Decision;
import io.d2j.dhcp4.config.Subnet4;
import io.d2j.dhcp4.log.Dhcp4Log;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.keacontrol.stats.Statistics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The pool-starvation alarm: a DISCOVER that finds no free address is counted under Kea 2.2's
 * statistic names, globally and per subnet ({@code v4-allocation-fail} or {@code
 * v4-allocation-fail-no-pools}, and {@code v4-allocation-fail-subnet} or {@code
 * v4-allocation-fail-shared-network}; {@code subnet[ID].} before each for the subnet's own), and
 * logged as {@code DHCP4_ADDRESS_POOL_EXHAUSTED} at most once per {@link #LOG_EVERY} per subnet,
 * with the number of such DISCOVERs since its last line. Kea logs a warning for every one, which a
 * flood of DISCOVERs with random MAC addresses turns into a flood of log lines.
 *
 * <p>Confined to the holder of the lease lock, as the allocation handler is.
 */
final class StarvationAlarm {

  static final Duration LOG_EVERY = Duration.ofSeconds(10);

  private final Statistics stats;

  /** Per subnet id: when its last line was logged, and the failures since. */
  private final Map<Long, long[]> logged = new HashMap<>();

  StarvationAlarm(Statistics stats) {
    this.stats = stats;
  }

  void noAddress(Decision.NoAddress none, DhcpPacket query, Instant now) {
    Subnet4 subnet = none.subnet();
    count(subnet, none.noPools() ? "v4-allocation-fail-no-pools" : "v4-allocation-fail");
    count(
        subnet,
        subnet.sharedNetwork().isPresent()
            ? "v4-allocation-fail-shared-network"
            : "v4-allocation-fail-subnet");
    long[] state = logged.computeIfAbsent(subnet.id(), id -> new long[] {Long.MIN_VALUE, 0});
    state[1]++;
    long nowMillis = now.toEpochMilli();
    if (state[0] == Long.MIN_VALUE || nowMillis - state[0] >= LOG_EVERY.toMillis()) {
      Dhcp4Log.DHCP4_ADDRESS_POOL_EXHAUSTED.log(
          subnet.prefix(),
          subnet.id(),
          subnet.sharedNetwork().map(n -> ", shared network " + n).orElse(""),
          none.noPools() ? "no pool admits the client's classes" : "no free address",
          query.hardwareAddress().toColonHex(),
          state[1],
          subnet.id());
      state[0] = nowMillis;
      state[1] = 0;
    }
  }

  private void count(Subnet4 subnet, String name) {
    stats.increment(name);
    stats.increment("subnet[" + subnet.id() + "]." + name);
  }
}
