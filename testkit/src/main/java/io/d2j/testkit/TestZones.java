package io.d2j.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The shared zones of {@code test-zones/} and the named.conf rendered from its template.
 *
 * <pre>{@code
 * TestZones.render(dir, "127.0.0.1", 5300, List.of(key));
 * // dir/named.conf:  listen-on port 5300 { 127.0.0.1; }; ... allow-update { key "d2j-key."; };
 * // dir/example.org.db, dir/2.0.192.in-addr.arpa.db, dir/8.b.d.0.1.0.0.2.ip6.arpa.db
 * }</pre>
 */
public final class TestZones {
  /**
   * Forward zone; holds {@code ns1} = 192.0.2.1 and the DHCID-less {@code static} = 192.0.2.200.
   */
  public static final String FORWARD = "example.org.";

  /** Reverse zone of 192.0.2.0/24. */
  public static final String REVERSE_V4 = "2.0.192.in-addr.arpa.";

  /** Reverse zone of 2001:db8::/32. */
  public static final String REVERSE_V6 = "8.b.d.0.1.0.0.2.ip6.arpa.";

  /** System property the build sets to the repository root. */
  public static final String ROOT_PROPERTY = "d2j.root";

  private static final String DIRECTORY_NAME = "test-zones";

  private TestZones() {}

  /** All zones, each served from {@code <zone>db}. */
  public static List<String> zones() {
    return List.of(FORWARD, REVERSE_V4, REVERSE_V6);
  }

  /**
   * {@code test-zones/} under the {@code d2j.root} system property, else the first one found
   * walking up from the working directory.
   */
  public static Path directory() {
    String root = System.getProperty(ROOT_PROPERTY);
    if (root != null && !root.isBlank()) {
      Path candidate = Path.of(root, DIRECTORY_NAME);
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(DIRECTORY_NAME);
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        DIRECTORY_NAME
            + ": not found under -D"
            + ROOT_PROPERTY
            + "="
            + root
            + " nor above "
            + Path.of("").toAbsolutePath());
  }

  /**
   * Copies every zone file into {@code dir} as {@code <zone>db}, writable by its owner (servers
   * keep journals or write back next to them); returns the {@code test-zones/} they came from.
   */
  public static Path copyZoneFiles(Path dir) throws IOException {
    Path source = directory();
    for (String zone : zones()) {
      Path zoneFile = dir.resolve(zone + "db");
      Files.copy(source.resolve(zone + "db"), zoneFile);
      Files.setPosixFilePermissions(zoneFile, PosixFilePermissions.fromString("rw-r--r--"));
    }
    return source;
  }

  /** Writes {@code dir/named.conf} for a named that sees {@code dir} at the same path. */
  public static Path render(Path dir, String address, int port, List<TestKey> keys)
      throws IOException {
    return render(dir, dir.toAbsolutePath().toString(), address, port, keys);
  }

  /**
   * Writes {@code dir/named.conf} and copies the zone files into {@code dir}, writable, since named
   * keeps its journals (.jnl) next to them.
   *
   * @param dirInConfig where named will see {@code dir} (differs inside a container)
   */
  static Path render(Path dir, String dirInConfig, String address, int port, List<TestKey> keys)
      throws IOException {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("keys: at least one key is needed; updates require TSIG");
    }
    Path source = copyZoneFiles(dir);
    String conf =
        Files.readString(source.resolve("named.conf.template"), StandardCharsets.UTF_8)
            .replace("@DIR@", dirInConfig)
            .replace("@ADDRESS@", address)
            .replace("@PORT@", Integer.toString(port))
            .replace(
                "@KEYS@",
                keys.stream().map(TestKey::bindKeyClause).collect(Collectors.joining("\n")))
            .replace(
                "@UPDATE_KEYS@",
                keys.stream()
                    .map(k -> "key \"" + k.name() + "\";")
                    .collect(Collectors.joining(" ")));
    Path namedConf = dir.resolve("named.conf");
    Files.writeString(namedConf, conf, StandardCharsets.UTF_8);
    return namedConf;
  }
}
