package io.d2j.dhcp4.lease;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where the PostgreSQL lease database is and how to log in to it: the connection keys of Kea's
 * {@code lease-database} with Kea 2.2's defaults (host {@code localhost}, port 5432, a 5 s connect
 * timeout).
 *
 * @param host a host name or address (TCP; libpq's unix-socket directories are not supported)
 * @param port 1-65535
 * @param name the database
 * @param user the role to log in as; empty = the driver's default
 * @param password the role's password; empty = none
 * @param connectTimeout how long connecting may take, at least 1 s
 */
public record PgAccess(
    String host,
    int port,
    String name,
    Optional<String> user,
    Optional<String> password,
    Duration connectTimeout) {

  public static final String DEFAULT_HOST = "localhost";
  public static final int DEFAULT_PORT = 5432;
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  public PgAccess {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (name.isBlank()) {
      throw new IllegalArgumentException("must specify a name for the database");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is outside 1-65535");
    }
    if (connectTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(
          "connect-timeout " + connectTimeout.toMillis() + " ms is below 1 s");
    }
  }

  /**
   * The settings as Kea's log lines show them, password hidden: {@code host=127.0.0.1 name=kea
   * password=***** port=5432 type=postgresql user=kea}.
   */
  public String redacted() {
    TreeMap<String, String> keys = new TreeMap<>();
    keys.put("host", host);
    keys.put("port", Integer.toString(port));
    keys.put("name", name);
    keys.put("type", "postgresql");
    keys.put("connect-timeout", Long.toString(connectTimeout.toSeconds()));
    user.ifPresent(u -> keys.put("user", u));
    password.ifPresent(p -> keys.put("password", "*****"));
    StringBuilder sb = new StringBuilder();
    keys.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v));
    return sb.toString();
  }

  /** {@link #redacted()}: a password never reaches a log line through this record. */
  @Override
  public String toString() {
    return redacted();
  }
}
