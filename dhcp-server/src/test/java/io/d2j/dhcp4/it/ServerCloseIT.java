package io.d2j.dhcp4.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.dhcp4.lease.LeaseEvents;
import io.d2j.dhcp4.runtime.Dhcp4Server;
import io.d2j.keaconfig.KeaConfigReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing the server does not wait for a delayed one-shot timer task. A {@code dhcp-disable} with
 * {@code max-period} (every HA sync sends one to its partner, 60 s by default) left its re-enable
 * on the timer executor, and close() waited its whole 10 s grace for it, then interrupted the
 * timers ({@code DHCP4_SHUTDOWN_TIMERS}): every stop or reconfiguration of a synced HA server took
 * 10 s longer.
 */
class ServerCloseIT {

  @TempDir Path dir;

  @Test
  void close_dropsAPendingDhcpEnable_insteadOfWaitingForIt() throws Exception {
    String text =
        """
        {"Dhcp4": {
          "interfaces-config": {"interfaces": ["lo"]},
          "lease-database": {"type": "memfile", "persist": true, "name": "%s"},
          "subnet4": [{"id": 1, "subnet": "10.0.0.0/24",
                       "relay": {"ip-addresses": ["127.0.0.1"]},
                       "pools": [{"pool": "10.0.0.10 - 10.0.0.99"}]}]
        }}
        """
            .formatted(dir.resolve("leases4.csv"));
    Dhcp4Config config = Dhcp4ConfigParser.parse(KeaConfigReader.parse(text, "kea.json"), dir);
    Dhcp4Server server =
        Dhcp4Server.start(
            config,
            new Dhcp4Server.Ports(0, OptionalInt.of(68)),
            LeaseEvents.NONE,
            Clock.systemUTC());
    server.serviceSwitch().disable("ha-partner", Optional.of(Duration.ofSeconds(60)));
    assertThat(server.serving()).isFalse();
    long start = System.nanoTime();
    server.close();
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("close() with a re-enable pending in 60 s")
        .isLessThan(Duration.ofSeconds(5));
  }
}
