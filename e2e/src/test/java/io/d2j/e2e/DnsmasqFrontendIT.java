package io.d2j.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.d2j.e2e.ChainConfigs.Lifetimes;
import io.d2j.testkit.NetworkNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's dnsmasq 2.90 → d2j-lease-event ({@code --dhcp-script}, run as the unprivileged {@code
 * nobody}) → d2j-dhcp-ddns → BIND, dnsmasq's options from frontends/dnsmasq/dnsmasq.conf.
 */
class DnsmasqFrontendIT extends FrontendContract {

  @Override
  Daemon startServer(
      NetworkNamespace ns, Path dir, Path helper, Map<String, String> env, Lifetimes times)
      throws IOException {
    Path root = Path.of(System.getProperty("d2j.root", ".."));
    // The documented lines, with the helper where this test installed it and nobody as the user.
    String documented =
        Files.readString(root.resolve("frontends/dnsmasq/dnsmasq.conf"))
            .replace("/usr/local/sbin/d2j-lease-event", helper.toString())
            .replace("dhcp-scriptuser=dnsmasq", "dhcp-scriptuser=nobody");
    Path conf = Files.writeString(dir.resolve("d2j.conf"), documented);
    return Daemon.dnsmasq(
        ns,
        dir,
        List.of(
            "--conf-file=" + conf,
            "--port=0",
            "--user=nobody",
            "--group=nogroup",
            "--interface=" + DhcpLan.BRIDGE,
            "--bind-interfaces",
            "--dhcp-authoritative",
            "--log-dhcp",
            "--dhcp-leasefile=" + dir.resolve("dnsmasq.leases"),
            "--dhcp-range=192.0.2.100,192.0.2.199,255.255.255.0," + times.valid(),
            "--dhcp-option=option:T1," + times.renew(),
            "--dhcp-option=option:T2," + times.rebind()),
        env);
  }

  @Override
  String scriptUser() {
    return "nobody";
  }

  /** dnsmasq sends T1 = half the lease whatever option 58 says: the clients renew after 60 s. */
  @Override
  Lifetimes renewing() {
    return new Lifetimes(120, 60, 100);
  }

  /** dnsmasq's shortest lease is two minutes. */
  @Override
  Lifetimes expiring() {
    return new Lifetimes(120, 60, 100);
  }

  @Override
  void assumeServerAvailable() {
    assumeTrue(
        Files.isExecutable(Daemon.DNSMASQ), "dnsmasq not installed (apt-get install dnsmasq-base)");
  }
}
