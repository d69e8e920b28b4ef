package io.d2j.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Knot DNS ({@code knotd}) on 127.0.0.1 serving the zones of {@code test-zones/} from a temp
 * directory on a free port; UPDATEs must be signed with {@link #key()} (Knot's {@code acl} with
 * {@code action: update}). Zone changes stay in Knot's journal in the same directory.
 *
 * <pre>{@code
 * KnotServer.assumeAvailable();
 * try (KnotServer knot = KnotServer.start(TestKey.random("d2j-key.", "HMAC-SHA256"))) { ... }
 * }</pre>
 */
public final class KnotServer extends ZoneServerProcess {
  static final String UNAVAILABLE = "Knot DNS not available: install knot (apt-get install knot)";

  private final Path knotd;

  private KnotServer(Path knotd, Path dir, int port, TestKey key) {
    super(dir, port, key);
    this.knotd = knotd;
  }

  /** {@code /usr/sbin/knotd}, else PATH; {@code -Dd2j.knotd=PATH|none} overrides. */
  static Optional<Path> locate() {
    return Executables.find(Path.of("/usr/sbin/knotd"), "knotd");
  }

  /** Aborts the calling test (reported as skipped, with the reason) when knotd is missing. */
  public static void assumeAvailable() {
    Assumptions.assumeTrue(locate().isPresent(), UNAVAILABLE);
  }

  /** Starts knotd and returns once it answers SOA for example.org. */
  public static KnotServer start(TestKey key) throws IOException {
    Path knotd = locate().orElseThrow(() -> new IOException(UNAVAILABLE));
    return start("d2j-knot-", key, (dir, port, k) -> new KnotServer(knotd, dir, port, k));
  }

  @Override
  public String product() {
    return "Knot";
  }

  @Override
  protected void render() throws IOException {
    TestZones.copyZoneFiles(workDir());
    TestKey key = key();
    String dir = workDir().toAbsolutePath().toString();
    // "%s" is the zone name without its trailing dot; the copies are named "<zone>db".
    String conf =
        """
        server:
            rundir: "%1$s"
            listen: 127.0.0.1@%2$d
        log:
          - target: stderr
            any: info
        database:
            storage: "%1$s"
        control:
            listen: "%1$s/knot.sock"
        key:
          - id: %3$s
            algorithm: %4$s
            secret: %5$s
        acl:
          - id: d2j-update
            key: %3$s
            action: update
          - id: d2j-transfer
            address: 127.0.0.1
            action: transfer
        template:
          - id: default
            storage: "%1$s"
            file: "%%s.db"
            zonefile-sync: -1
            journal-content: changes
            acl: [d2j-update, d2j-transfer]
        zone:
        %6$s
        """
            .formatted(
                dir,
                port(),
                key.name(),
                key.bindAlgorithm(),
                key.secretBase64(),
                TestZones.zones().stream()
                    .map(z -> "  - domain: " + z)
                    .collect(Collectors.joining("\n")));
    Files.writeString(workDir().resolve("knot.conf"), conf, StandardCharsets.UTF_8);
  }

  @Override
  protected List<String> command() {
    return List.of(knotd.toString(), "-c", workDir().resolve("knot.conf").toString());
  }
}
