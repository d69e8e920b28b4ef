package io.d2j.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.d2j.e2e.ChainConfigs.Lifetimes;
import io.d2j.testkit.NetworkNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * kea-dhcp4 2.2 with its own DDNS off and {@code libdhcp_run_script.so} (the entry of
 * frontends/kea/kea-dhcp4-run-script.json) → d2j-lease-event → d2j-dhcp-ddns → BIND. Kea gives the
 * script only the lease's variables, so the settings come through a wrapper script.
 */
class KeaRunScriptFrontendIT extends FrontendContract {
  static final Path HOOK = Path.of("/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_run_script.so");

  @Override
  Daemon startServer(
      NetworkNamespace ns, Path dir, Path helper, Map<String, String> env, Lifetimes times)
      throws IOException {
    Path wrapper = dir.resolve("d2j-lease-event-kea");
    String exports =
        env.entrySet().stream()
            .map(e -> "export " + e.getKey() + "='" + e.getValue() + "'")
            .collect(Collectors.joining("\n"));
    Files.writeString(wrapper, "#!/bin/sh\n" + exports + "\nexec '" + helper + "' \"$@\"\n");
    Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path root = Path.of(System.getProperty("d2j.root", ".."));
    String hook =
        Files.readString(root.resolve("frontends/kea/kea-dhcp4-run-script.json"))
            .replace("/usr/local/sbin/d2j-lease-event", wrapper.toString());
    String dhcp4 =
        """
        {"Dhcp4": {
          "interfaces-config": {"interfaces": ["%s"]},
          "valid-lifetime": %d, "renew-timer": %d, "rebind-timer": %d,
          "lease-database": {"type": "memfile", "persist": true, "name": "%s"},
          "expired-leases-processing": {"reclaim-timer-wait-time": 1, "hold-reclaimed-time": 0},
          "ddns-qualifying-suffix": "example.org.",
          "hooks-libraries": [ %s ],
          "subnet4": [{"id": 1, "subnet": "192.0.2.0/24",
                       "pools": [{"pool": "192.0.2.100 - 192.0.2.199"}]}],
          "loggers": [{"name": "kea-dhcp4", "severity": "INFO",
                       "output_options": [{"output": "stdout"}]}]
        }}
        """
            .formatted(
                DhcpLan.BRIDGE,
                times.valid(),
                times.renew(),
                times.rebind(),
                dir.resolve("leases4.csv"),
                hook.replaceAll("(?m)^//.*$", ""));
    return Daemon.keaDhcp4(ns, dir, dhcp4);
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
    return new Lifetimes(8, 4, 6);
  }

  @Override
  void assumeServerAvailable() {
    assumeTrue(Files.isExecutable(Daemon.KEA_DHCP4), "kea-dhcp4 not installed (kea-dhcp4-server)");
    assumeTrue(Files.exists(HOOK), HOOK + " not installed (kea-dhcp4-server)");
  }
}
