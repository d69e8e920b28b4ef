package io.d2j.bench;

import io.d2j.testkit.TestKey;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The two D2s under test, started as real processes from one Kea-format configuration: d2j's {@code
 * bin/d2j-dhcp-ddns} and ISC's {@code kea-dhcp-ddns} (2.2, Debian package). The configuration is
 * the same for both; d2j also reads its {@code user-context.d2j} (journal in the run's directory,
 * fsync as given), which Kea ignores.
 */
public enum D2Impl {
  KEA("kea-dhcp-ddns 2.2"),
  D2J("d2j-dhcp-ddns");

  private final String label;

  D2Impl(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /**
   * The DhcpDdns configuration: NCRs on 127.0.0.1:{@code ncrPort}; example.org. and the
   * 2001:db8::/32 reverse zone on {@code dns}; signed with {@code key} unless it is null; INFO
   * logging to {@code dir/d2.log}; d2j's journal in {@code dir/journal} with {@code fsync}, and
   * d2j's {@code max-transactions} when {@code maxTransactions} > 0 and {@code
   * max-names-per-update} when {@code maxNamesPerUpdate} > 0 (else their defaults).
   */
  public static String config(
      int ncrPort,
      InetSocketAddress dns,
      TestKey key,
      Path dir,
      String fsync,
      int maxTransactions,
      int maxNamesPerUpdate) {
    String max =
        (maxTransactions > 0 ? "\"max-transactions\": " + maxTransactions + ", " : "")
            + (maxNamesPerUpdate > 0
                ? "\"max-names-per-update\": " + maxNamesPerUpdate + ", "
                : "");
    String keyName = key == null ? "" : "\"key-name\": \"" + key.name() + "\", ";
    String keys = key == null ? "" : key.keaJson();
    String server =
        "\"dns-servers\": [ { \"ip-address\": \"127.0.0.1\", \"port\": " + dns.getPort() + " } ]";
    return """
        {
          "DhcpDdns": {
            "ip-address": "127.0.0.1",
            "port": %d,
            "dns-server-timeout": 1000,
            "ncr-protocol": "UDP",
            "ncr-format": "JSON",
            "tsig-keys": [ %s ],
            "forward-ddns": { "ddns-domains": [
              { "name": "%s", %s%s } ] },
            "reverse-ddns": { "ddns-domains": [
              { "name": "%s", %s%s } ] },
            "loggers": [ { "name": "kea-dhcp-ddns", "severity": "INFO",
              "output_options": [ { "output": "%s" } ] } ],
            "user-context": { "d2j": { %s"journal": { "path": "%s", "fsync": "%s" } } }
          }
        }
        """
        .formatted(
            ncrPort,
            keys,
            NcrStream.FORWARD_ZONE,
            keyName,
            server,
            NcrStream.REVERSE_ZONE,
            keyName,
            server,
            dir.resolve("d2.log"),
            max,
            dir.resolve("journal"),
            fsync);
  }

  /**
   * Writes the configuration to {@code dir/d2.json} and starts this D2 on it; d2j with the archive
   * and class-path jar in {@code cdsDir} (null: without, {@code D2J_CDS=off}).
   */
  public Daemon start(Path root, Path dir, String config, String javaOpts, Path cdsDir)
      throws IOException {
    Path file = dir.resolve("d2.json");
    Files.writeString(file, config, StandardCharsets.UTF_8);
    Path out = dir.resolve("stdout.log");
    switch (this) {
      case KEA:
        return Daemon.start(
            label,
            List.of("kea-dhcp-ddns", "-c", file.toString()),
            Map.of("KEA_PIDFILE_DIR", dir.toString(), "KEA_LOCKFILE_DIR", dir.toString()),
            dir,
            out);
      case D2J:
        // The launcher's own archive and class-path jar (target/cds) stay out: a run with
        // class-data sharing names the trainer's directory (StartRuns).
        Map<String, String> env = new HashMap<>();
        env.put("D2J_STATE_DIR", dir.toString());
        if (cdsDir == null) {
          env.put("D2J_CDS", "off");
        } else {
          env.put("D2J_CDS_DIR", cdsDir.toString());
        }
        if (!javaOpts.isEmpty()) {
          env.put("D2J_JAVA_OPTS", javaOpts);
        }
        return Daemon.start(
            label,
            List.of(root.resolve("bin/d2j-dhcp-ddns").toString(), "-c", file.toString()),
            env,
            dir,
            out);
    }
    throw new AssertionError(this);
  }
}
