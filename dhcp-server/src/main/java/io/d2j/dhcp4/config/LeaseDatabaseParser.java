package io.d2j.dhcp4.config;

import io.d2j.dhcp4.lease.OnFail;
import io.d2j.dhcp4.lease.PgAccess;
import io.d2j.dhcp4.lease.Reconnect;
import io.d2j.keaconfig.ConfigMap;
import io.d2j.keaconfig.ConfigNode;
import io.d2j.keacontrol.files.FileArea;
import io.d2j.keacontrol.files.PathGuard;
import io.d2j.keacontrol.files.PathKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * {@code Dhcp4/lease-database}: Kea 2.2's keys, ranges, defaults and error texts (its {@code
 * DbAccessParser} and PostgreSQL connection), each error naming the key's path and position.
 *
 * <p>{@code memfile} takes {@code persist}, {@code name}, {@code lfc-interval}, {@code
 * max-row-errors}. {@code postgresql} takes {@code name} (required), {@code host} ({@code
 * localhost}), {@code port} (5432), {@code user}, {@code password}, {@code connect-timeout} (5 s,
 * above 0), {@code max-reconnect-tries} (0), {@code reconnect-wait-time} (0 ms), {@code on-fail}
 * ({@code stop-retry-exit}); the memfile keys and {@code readonly} are accepted there with a
 * warning, as Kea ignores them. The TLS keys are refused ({@code not supported}); {@code mysql} is
 * refused by name.
 */
final class LeaseDatabaseParser {

  private static final Set<String> COMMON = Set.of("type", "comment", "user-context");
  private static final Set<String> MEMFILE_KEYS =
      Set.of("persist", "name", "lfc-interval", "max-row-errors");
  private static final Set<String> SQL_KEYS =
      Set.of(
          "name",
          "host",
          "port",
          "user",
          "password",
          "connect-timeout",
          "max-reconnect-tries",
          "reconnect-wait-time",
          "on-fail");

  /** Kea accepts these for a SQL lease database and does nothing with them. */
  private static final Set<String> SQL_IGNORED =
      Set.of("persist", "lfc-interval", "max-row-errors", "readonly");

  private static final long UINT32_MAX = 0xFFFF_FFFFL;

  private final KeyPolicy policy;
  private final Path baseDir;
  private final PathGuard guard;

  LeaseDatabaseParser(KeyPolicy policy, Path baseDir, PathGuard guard) {
    this.policy = policy;
    this.baseDir = baseDir;
    this.guard = guard;
  }

  LeaseDatabase parse(ConfigMap dhcp4) {
    Optional<ConfigMap> db = dhcp4.optMap("lease-database");
    if (db.isEmpty()) {
      return new LeaseDatabase.Memfile(
          true,
          Path.of(Dhcp4Defaults.LEASE_FILE),
          Duration.ofSeconds(Dhcp4Defaults.LFC_INTERVAL),
          Dhcp4Defaults.MAX_ROW_ERRORS);
    }
    ConfigMap map = db.get();
    String type = map.requireString("type");
    switch (type) {
      case "memfile":
        policy.check(map, union(COMMON, MEMFILE_KEYS), false);
        return memfile(map);
      case "postgresql":
        for (String key : map.keys()) {
          if (SQL_IGNORED.contains(key)) {
            policy.warn(
                map.require(key), "'" + key + "' applies to memfile; ignored for postgresql");
          }
        }
        policy.check(map, union(union(COMMON, SQL_KEYS), SQL_IGNORED), false);
        return postgresql(map);
      case "mysql":
        throw map.require("type")
            .error(
                "lease database type 'mysql' is "
                    + KeyPolicy.NOT_SUPPORTED
                    + "; use memfile or postgresql");
      default:
        throw map.require("type").error("unknown backend database type: " + type);
    }
  }

  private LeaseDatabase.Memfile memfile(ConfigMap map) {
    boolean persist = map.optBool("persist").orElse(Dhcp4Defaults.LEASE_PERSIST);
    String name = map.optString("name").orElse(Dhcp4Defaults.LEASE_FILE);
    if (name.isBlank()) {
      throw map.require("name").error("lease file name must not be blank");
    }
    long lfc = range(map, "lfc-interval", Dhcp4Defaults.LFC_INTERVAL, UINT32_MAX);
    long maxErrors = range(map, "max-row-errors", Dhcp4Defaults.MAX_ROW_ERRORS, UINT32_MAX);
    Path file =
        map.has("name")
            ? guard.admit(map, "name", baseDir, FileArea.STATE, PathKind.WRITE_FILE)
            : baseDir.resolve(name);
    return new LeaseDatabase.Memfile(persist, file, Duration.ofSeconds(lfc), maxErrors);
  }

  private static LeaseDatabase.Postgresql postgresql(ConfigMap map) {
    if (!map.has("name")) {
      throw map.error("must specify a name for the database");
    }
    String name = map.requireString("name");
    if (name.isBlank()) {
      throw map.require("name").error("must specify a name for the database");
    }
    String host = map.optString("host").orElse(PgAccess.DEFAULT_HOST);
    if (host.isBlank()) {
      throw map.require("host").error("host must not be blank");
    }
    if (host.startsWith("/")) {
      throw map.require("host")
          .error(
              "'"
                  + host
                  + "' is a unix-socket directory; d2j-dhcp4 connects over TCP only: use an"
                  + " address or host name");
    }
    // Kea: port 0..65535, 0 meaning libpq's default.
    long port = range(map, "port", 0, 65535);
    long timeout =
        range(map, "connect-timeout", PgAccess.DEFAULT_CONNECT_TIMEOUT.toSeconds(), UINT32_MAX);
    if (timeout == 0 || timeout > Integer.MAX_VALUE) {
      throw map.require("connect-timeout")
          .error("database connection timeout (" + timeout + ") must be an integer greater than 0");
    }
    long tries = map.optLong("max-reconnect-tries").orElse(0L);
    if (tries < 0) {
      throw map.require("max-reconnect-tries")
          .error("max-reconnect-tries cannot be less than zero");
    }
    long wait = map.optLong("reconnect-wait-time").orElse(0L);
    if (wait < 0 || wait > UINT32_MAX) {
      throw map.require("reconnect-wait-time")
          .error("reconnect-wait-time " + wait + " must be in range 0...MAX_UINT32 (4294967295)");
    }
    OnFail onFail = OnFail.STOP_RETRY_EXIT;
    Optional<String> onFailText = map.optString("on-fail");
    if (onFailText.isPresent()) {
      try {
        onFail = OnFail.fromText(onFailText.get());
      } catch (IllegalArgumentException e) {
        throw map.require("on-fail").error(e.getMessage());
      }
    }
    return new LeaseDatabase.Postgresql(
        new PgAccess(
            host,
            port == 0 ? PgAccess.DEFAULT_PORT : (int) port,
            name,
            map.optString("user"),
            map.optString("password"),
            Duration.ofSeconds(timeout)),
        new Reconnect(tries, Duration.ofMillis(wait), onFail));
  }

  /** An integer key in 0..max, Kea's range message otherwise. */
  private static long range(ConfigMap map, String key, long dflt, long max) {
    long v = map.optLong(key).orElse(dflt);
    if (v < 0 || v > max) {
      ConfigNode node = map.require(key);
      throw node.error(key + " value: " + v + " is out of range, expected value: 0.." + max);
    }
    return v;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    java.util.HashSet<String> out = new java.util.HashSet<>(a);
    out.addAll(b);
    return Set.copyOf(out);
  }
}
