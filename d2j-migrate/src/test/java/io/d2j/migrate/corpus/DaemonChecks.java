package io.d2j.migrate.corpus;

import static org.assertj.core.api.Assertions.fail;

import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.keaconfig.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code d2j-dhcp4 -t} and {@code d2j-dhcp-ddns -t} run, on converted files: the daemons'
 * configuration parsers (test scope only, ARCHITECTURE.md).
 *
 * <p>A v4 output must be accepted by d2j-dhcp4, or refused only because it uses a Kea key that
 * d2j-dhcp4 does not support yet ({@code 'x' is not supported by d2j-dhcp4 yet}): those are
 * d2j-dhcp4's gaps, recorded in {@link #GAPS} (Kea's hook libraries count, except lease_cmds and
 * HA, whose configuration d2j-dhcp4 checks: a converted {@code failover peer} must pass), and any
 * other refusal fails the case. A D2 output must be accepted.
 */
final class DaemonChecks {
  static final List<String> GAPS = new CopyOnWriteArrayList<>();

  private DaemonChecks() {}

  static void dhcp4(String name, Path file) throws IOException {
    try {
      Dhcp4ConfigParser.read(file);
    } catch (ConfigException e) {
      if (e.getMessage().contains("is not supported by d2j-dhcp4 yet")
          || e.getMessage().contains("Kea hook libraries cannot be loaded by d2j-dhcp4")
          || unknownStandardOption(e)) {
        GAPS.add(name + ": " + e.getMessage());
        return;
      }
      fail("%s: d2j-dhcp4 -t refuses the output: %s", name, e.getMessage());
    }
  }

  private static final Pattern UNKNOWN_OPTION =
      Pattern.compile("unknown option name '([a-z0-9-]+)' in space dhcp4");

  /** d2j-dhcp4 does not know every option Kea 2.2 defines: a gap when Kea defines the name. */
  private static boolean unknownStandardOption(ConfigException e) {
    Matcher m = UNKNOWN_OPTION.matcher(e.getMessage());
    return m.find() && KEA_22_DHCP4_OPTIONS.contains(m.group(1));
  }

  /** Kea 2.2's DHCPv4 option names, from the converter's table. */
  private static final Set<String> KEA_22_DHCP4_OPTIONS = keaNames();

  private static Set<String> keaNames() {
    try (var in = DaemonChecks.class.getResourceAsStream("/io/d2j/migrate/options.tsv")) {
      Set<String> names = new HashSet<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
        String[] f = line.split("\t", -1);
        if (f.length > 4 && f[0].equals("4") && !f[4].equals("-")) {
          names.add(f[4]);
        }
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void d2(String name, Path file) throws IOException {
    try {
      io.d2j.d2.runtime.Main.load(file);
    } catch (ConfigException e) {
      fail("%s: d2j-dhcp-ddns -t refuses the DhcpDdns output: %s", name, e.getMessage());
    }
  }
}
