package io.d2j.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.d2j.e2e.ChainConfigs.Lifetimes;
import io.d2j.testkit.NetworkNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * ISC dhcpd 4.4 → d2j-lease-event ({@code on commit / release / expiry} + {@code execute()}, the
 * block of frontends/dhcpd/d2j-lease-event.conf) → d2j-dhcp-ddns → BIND.
 */
class DhcpdFrontendIT extends FrontendContract {

  @Override
  Daemon startServer(
      NetworkNamespace ns, Path dir, Path helper, Map<String, String> env, Lifetimes times)
      throws IOException {
    Path root = Path.of(System.getProperty("d2j.root", ".."));
    String documented =
        Files.readString(root.resolve("frontends/dhcpd/d2j-lease-event.conf"))
            .replace("/usr/local/sbin/d2j-lease-event", helper.toString());
    Path include = Files.writeString(dir.resolve("d2j-lease-event.conf"), documented);
    String conf =
        """
        authoritative;
        ddns-update-style none;
        default-lease-time %d;
        max-lease-time %d;
        min-lease-time %d;
        option dhcp-renewal-time %d;
        option dhcp-rebinding-time %d;
        include "%s";
        subnet 192.0.2.0 netmask 255.255.255.0 {
          range 192.0.2.100 192.0.2.199;
          option subnet-mask 255.255.255.0;
        }
        """
            .formatted(
                times.valid(),
                times.valid(),
                times.valid(),
                times.renew(),
                times.rebind(),
                include);
    return Daemon.dhcpd(ns, dir, conf, DhcpLan.BRIDGE, env);
  }

  @Override
  String scriptUser() {
    return null;
  }

  @Override
  Lifetimes renewing() {
    return new Lifetimes(60, 2, 45);
  }

  @Override
  Lifetimes expiring() {
    return new Lifetimes(10, 5, 8);
  }

  @Override
  void assumeServerAvailable() {
    assumeTrue(
        Files.isExecutable(Daemon.DHCPD), "dhcpd not installed (apt-get install isc-dhcp-server)");
  }
}
