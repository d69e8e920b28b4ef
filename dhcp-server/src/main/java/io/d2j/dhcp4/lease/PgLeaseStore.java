package io.d2j.dhcp4.lease;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.log.Dhcp4Log;
import io.d2j.ncr.IpAddresses;
import java.net.Inet4Address;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Leases in PostgreSQL, in the {@code lease4} table of the schema Kea 2.2 creates ({@code kea-admin
 * db-init pgsql}, version 13.0), so kea-dhcp4 and d2j-dhcp4 can share one database: a lease either
 * writes, the other reads. Nothing is cached: every call is a statement, as Kea does it, so a lease
 * written by another server is seen at once. Kea's triggers on the table keep its {@code
 * lease4_stat} counters right for our writes too.
 *
 * <p>Durability: outside a batch each change is its own committed transaction before the call
 * returns. Between {@link #deferSyncs()} and {@link #commitDeferred()} the calling thread's
 * statements run in one transaction, committed once (group commit): one WAL flush for a batch of
 * queries. One batch transaction is open at a time; any other thread's call waits until it commits
 * (it waits on this store's monitor, releasing it, so a caller holding the store as a lock, as the
 * packet loop and the control commands do, never deadlocks against the batch). An address taken
 * concurrently by another server makes {@link #add} return false ({@code ON CONFLICT DO NOTHING}),
 * never an error that would abort the batch.
 *
 * <p>Connection loss: a statement failing with a connection-class SQLSTATE (08, 53, 54, 57, 58, or
 * none at all, Kea's rule) marks the database lost, logs {@code DHCPSRV_PGSQL_FATAL_ERROR} and
 * tells the {@link Listener} once; until {@link #reconnect()} succeeds every call fails at once
 * with a {@link LeaseStoreException} instead of waiting for a dead server. What the server does
 * meanwhile (Kea's {@code on-fail}) is {@link DatabaseRecovery}'s business, not the store's.
 *
 * <p>Connections come from a HikariCP pool over the PostgreSQL JDBC driver; the first connection
 * and every reconnect attempt go straight to the driver, so they fail at once with the server's own
 * reason (refused, password, no such database) and check the schema version as Kea does.
 */
public final class PgLeaseStore implements LeaseStore {

  /** The schema version of Kea 2.2 ({@code PGSQL_SCHEMA_VERSION_MAJOR.MINOR}). */
  public static final int SCHEMA_MAJOR = 13;

  public static final int SCHEMA_MINOR = 0;

  /** The pool: the packet thread, the control commands, the timers, and one spare. */
  static final int POOL_SIZE = 4;

  private static final String COLUMNS =
      "address, hwaddr, client_id, valid_lifetime, extract(epoch from expire)::bigint,"
          + " subnet_id, fqdn_fwd, fqdn_rev, hostname, state, user_context";
  static final String GET_ADDRESS = "SELECT " + COLUMNS + " FROM lease4 WHERE address = ?";
  static final String GET_HWADDR =
      "SELECT " + COLUMNS + " FROM lease4 WHERE hwaddr = ? ORDER BY address";
  static final String GET_CLIENT_ID =
      "SELECT " + COLUMNS + " FROM lease4 WHERE client_id = ? ORDER BY address";
  static final String GET_ALL = "SELECT " + COLUMNS + " FROM lease4 ORDER BY address";
  static final String GET_PAGE =
      "SELECT " + COLUMNS + " FROM lease4 WHERE address > ? ORDER BY address LIMIT ?";
  // Kea's reclamation query: not reclaimed, not infinite, expired; LIMIT NULL is no limit.
  static final String GET_EXPIRED =
      "SELECT "
          + COLUMNS
          + " FROM lease4 WHERE state != 2 AND valid_lifetime != 4294967295"
          + " AND expire < to_timestamp(?) ORDER BY expire, address LIMIT ?";
  static final String INSERT =
      "INSERT INTO lease4 (address, hwaddr, client_id, valid_lifetime, expire, subnet_id,"
          + " fqdn_fwd, fqdn_rev, hostname, state, user_context)"
          + " VALUES (?, ?, ?, ?, to_timestamp(?), ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (address) DO NOTHING";
  static final String UPDATE =
      "UPDATE lease4 SET hwaddr = ?, client_id = ?, valid_lifetime = ?,"
          + " expire = to_timestamp(?), subnet_id = ?, fqdn_fwd = ?, fqdn_rev = ?, hostname = ?,"
          + " state = ?, user_context = ? WHERE address = ?";
  static final String DELETE = "DELETE FROM lease4 WHERE address = ?";
  static final String DELETE_RECLAIMED =
      "DELETE FROM lease4 WHERE state = 2 AND expire < to_timestamp(?)";
  static final String COUNT = "SELECT count(*) FROM lease4";
  static final String SCHEMA_VERSION = "SELECT version, minor FROM schema_version";

  /** Told when the connection is found lost (once per loss), on the thread that found it. */
  public interface Listener {
    Listener NONE = reason -> {};

    void lost(String reason);
  }

  private final PgAccess access;
  private final PGSimpleDataSource direct;
  private final Listener listener;

  /** Replaced by each successful {@link #reconnect()}, as Kea re-creates its lease manager. */
  private volatile HikariDataSource pool;

  /** Lost connection: every call fails at once until {@link #reconnect()} succeeds. */
  private volatile boolean lost;

  // Guarded by this.
  private final Set<Thread> deferring = new HashSet<>();
  private Connection batch;
  private Thread batchOwner;
  private boolean batchFailed;
  private boolean closed;

  /** The thread whose open batch {@link #close()} rolled back; its commit must fail, not pass. */
  private Thread abandoned;

  private PgLeaseStore(PgAccess access, PGSimpleDataSource direct, Listener listener) {
    this.access = access;
    this.direct = direct;
    this.listener = listener;
    this.pool = newPool(access, direct);
  }

  private static HikariDataSource newPool(PgAccess access, PGSimpleDataSource direct) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("d2j-lease4");
    config.setDataSource(direct);
    // A fixed pool: connections exist before a query needs one, so only a dead database makes a
    // caller wait for the pool.
    config.setMaximumPoolSize(POOL_SIZE);
    config.setMinimumIdle(POOL_SIZE);
    long timeoutMs = access.connectTimeout().toMillis();
    config.setConnectionTimeout(timeoutMs);
    config.setValidationTimeout(Math.min(timeoutMs, 5_000));
    // The pool makes its first connection before it is handed out (the database was just found
    // reachable), so the first query does not wait for a login.
    config.setInitializationFailTimeout(timeoutMs);
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) { // HikariPool.PoolInitializationException
      throw new LeaseStoreException(reason(e), e);
    }
  }

  /**
   * Connects, checks the schema version and opens the pool.
   *
   * @throws LeaseStoreException naming the database and the reason: the server's own message
   *     (refused, password, no such database), a missing Kea schema, or another schema version
   */
  public static PgLeaseStore open(PgAccess access, Listener listener) {
    PGSimpleDataSource ds = dataSource(access);
    Dhcp4Log.DHCPSRV_PGSQL_DB.log(access.redacted());
    try (Connection c = ds.getConnection()) {
      checkSchema(c, access);
    } catch (SQLException e) {
      throw cannotOpen(access, reason(e), e);
    } catch (LeaseStoreException e) {
      throw cannotOpen(access, e.getMessage(), e);
    }
    try {
      return new PgLeaseStore(access, ds, listener);
    } catch (LeaseStoreException e) {
      throw cannotOpen(access, e.getMessage(), e);
    }
  }

  private static LeaseStoreException cannotOpen(PgAccess access, String reason, Exception e) {
    return new LeaseStoreException(
        "cannot open the PostgreSQL lease database (" + access.redacted() + "): " + reason, e);
  }

  private static PGSimpleDataSource dataSource(PgAccess access) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {access.host()});
    ds.setPortNumbers(new int[] {access.port()});
    ds.setDatabaseName(access.name());
    access.user().ifPresent(ds::setUser);
    access.password().ifPresent(ds::setPassword);
    int seconds = (int) Math.min(Integer.MAX_VALUE, access.connectTimeout().toSeconds());
    // The TCP connect; not the whole login (the driver's loginTimeout), which a cold JVM on a busy
    // host can need more than a second for. A server that accepts and then says nothing is caught
    // by the socket timeout.
    ds.setConnectTimeout(seconds);
    // Kea 2.2 waits forever for a server that stopped answering; d2j gives up on a statement
    // after 30 s (or the connect timeout, if longer) and treats it as a lost connection.
    ds.setSocketTimeout(Math.max(30, seconds));
    ds.setTcpKeepAlive(true);
    ds.setApplicationName("d2j-dhcp4");
    return ds;
  }

  /**
   * Kea's check: the {@code schema_version} table must say 13.0.
   *
   * @throws LeaseStoreException when there is no Kea schema or it has another version
   */
  static void checkSchema(Connection c, PgAccess access) throws SQLException {
    int major;
    int minor;
    try (PreparedStatement s = c.prepareStatement(SCHEMA_VERSION);
        ResultSet rs = s.executeQuery()) {
      if (!rs.next()) {
        throw new LeaseStoreException(
            "database '" + access.name() + "': the schema_version table is empty");
      }
      major = rs.getInt(1);
      minor = rs.getInt(2);
    } catch (SQLException e) {
      if ("42P01".equals(e.getSQLState())) { // undefined_table
        throw new LeaseStoreException(
            "database '"
                + access.name()
                + "' has no Kea lease schema (no schema_version table); create it with"
                + " 'kea-admin db-init pgsql'",
            e);
      }
      throw e;
    }
    if (major != SCHEMA_MAJOR || minor != SCHEMA_MINOR) {
      throw new LeaseStoreException(
          "PostgreSQL schema version mismatch: need version: "
              + SCHEMA_MAJOR
              + "."
              + SCHEMA_MINOR
              + " found version: "
              + major
              + "."
              + minor
              + " (d2j-dhcp4 uses the schema of Kea 2.2; 'kea-admin db-upgrade pgsql' of Kea"
              + " 2.2 brings an older one to it)");
    }
  }

  /** The settings this store connects with. */
  public PgAccess access() {
    return access;
  }

  /** Whether the connection is lost and not yet recovered. */
  public boolean isLost() {
    return lost;
  }

  /**
   * One reconnect attempt: a fresh connection straight from the driver and Kea's schema check. On
   * success a new pool replaces the old one (as Kea re-creates its lease manager: the old pool may
   * be backing off from its failed attempts) and calls work again.
   *
   * @throws LeaseStoreException with the reason the attempt failed
   */
  public void reconnect() {
    try (Connection c = direct.getConnection()) {
      checkSchema(c, access);
    } catch (SQLException e) {
      throw new LeaseStoreException(reason(e), e);
    }
    HikariDataSource fresh = newPool(access, direct);
    HikariDataSource old;
    synchronized (this) {
      if (closed) {
        fresh.close();
        return;
      }
      old = pool;
      pool = fresh;
      lost = false;
    }
    // Closing waits for the old pool's connection adder, which may be backing off from its failed
    // attempts for seconds; nothing needs to wait for that.
    Thread closer = new Thread(old::close, "d2j-lease4-old-pool");
    closer.setDaemon(true);
    closer.start();
  }

  // ---- LeaseStore ----

  @Override
  public boolean add(Lease4 lease) {
    Lease4Row row = Lease4Row.of(lease);
    return change(
            "add lease " + IpAddresses.format(lease.address()),
            INSERT,
            s -> {
              s.setLong(1, row.address());
              bindLease(s, 2, row);
            })
        == 1;
  }

  @Override
  public boolean update(Lease4 lease) {
    Lease4Row row = Lease4Row.of(lease);
    return change(
            "update lease " + IpAddresses.format(lease.address()),
            UPDATE,
            s -> {
              bindLease(s, 1, row);
              s.setLong(11, row.address());
            })
        == 1;
  }

  /** Binds the ten columns after {@code address}, from parameter {@code first} on. */
  private static void bindLease(PreparedStatement s, int first, Lease4Row row) throws SQLException {
    int i = first;
    s.setBytes(i++, row.hwaddr());
    s.setBytes(i++, row.clientId());
    s.setLong(i++, row.validLifetime());
    s.setLong(i++, row.expire());
    s.setLong(i++, row.subnetId());
    s.setBoolean(i++, row.fqdnFwd());
    s.setBoolean(i++, row.fqdnRev());
    s.setString(i++, row.hostname());
    s.setLong(i++, row.state());
    s.setString(i, row.userContext());
  }

  @Override
  public boolean delete(Inet4Address address) {
    return change(
            "delete lease " + IpAddresses.format(address),
            DELETE,
            s -> s.setLong(1, Lease4Row.toUnsigned(address)))
        == 1;
  }

  @Override
  public Optional<Lease4> get(Inet4Address address) {
    String what = "get lease " + IpAddresses.format(address);
    List<Lease4Row> rows =
        call(what, c -> rows(c, GET_ADDRESS, s -> s.setLong(1, Lease4Row.toUnsigned(address))));
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(rows.get(0).toLease());
    } catch (IllegalArgumentException e) {
      // Not "no lease": the address is taken by a row we cannot represent.
      throw new LeaseStoreException(what + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<Lease4> getByHwAddress(Octets hwaddr) {
    if (hwaddr.isEmpty()) {
      return List.of(); // Kea stores "no hardware address" as an empty value: not a key
    }
    return select(
        "get leases by hw-address " + hwaddr.toColonHex(),
        GET_HWADDR,
        s -> s.setBytes(1, hwaddr.toByteArray()));
  }

  @Override
  public List<Lease4> getByClientId(Octets clientId) {
    if (clientId.isEmpty()) {
      return List.of();
    }
    return select(
        "get leases by client-id " + clientId.toColonHex(),
        GET_CLIENT_ID,
        s -> s.setBytes(1, clientId.toByteArray()));
  }

  @Override
  public List<Lease4> all() {
    return select("get all leases", GET_ALL, s -> {});
  }

  @Override
  public List<Lease4> page(Optional<Inet4Address> after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit: " + limit + " is below 1");
    }
    return select(
        "get a page of leases",
        GET_PAGE,
        s -> {
          s.setLong(1, after.map(Lease4Row::toUnsigned).orElse(-1L));
          s.setLong(2, limit);
        });
  }

  @Override
  public List<Lease4> expired(Instant before, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit: " + limit + " is negative");
    }
    return select(
        "get expired leases",
        GET_EXPIRED,
        s -> {
          s.setLong(1, before.getEpochSecond());
          if (limit == 0) {
            s.setNull(2, Types.BIGINT);
          } else {
            s.setLong(2, limit);
          }
        });
  }

  @Override
  public int deleteReclaimed(Instant expiredBefore) {
    return change(
        "delete reclaimed leases",
        DELETE_RECLAIMED,
        s -> s.setLong(1, expiredBefore.getEpochSecond()));
  }

  @Override
  public int size() {
    long n =
        call(
            "count leases",
            c -> {
              try (PreparedStatement s = c.prepareStatement(COUNT);
                  ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
              }
            });
    return (int) Math.min(Integer.MAX_VALUE, n);
  }

  private static List<Lease4Row> rows(Connection c, String sql, Binder binder) throws SQLException {
    List<Lease4Row> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      binder.bind(s);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Lease4Row(
                  rs.getLong(1),
                  rs.getBytes(2),
                  rs.getBytes(3),
                  rs.getLong(4),
                  rs.getLong(5),
                  rs.getLong(6),
                  rs.getBoolean(7),
                  rs.getBoolean(8),
                  rs.getString(9),
                  rs.getLong(10),
                  rs.getString(11)));
        }
      }
    }
    return out;
  }

  // ---- group commit ----

  @Override
  public synchronized void deferSyncs() {
    deferring.add(Thread.currentThread());
  }

  @Override
  public synchronized void commitDeferred() {
    Thread me = Thread.currentThread();
    if (!deferring.remove(me)) {
      return;
    }
    if (abandoned == me) {
      abandoned = null;
      throw new LeaseStoreException(
          "the lease store closed before the batch committed: its changes were rolled back");
    }
    if (batchOwner != me) {
      return; // the batch never touched the database
    }
    Connection c = batch;
    boolean failed = batchFailed;
    batch = null;
    batchOwner = null;
    batchFailed = false;
    notifyAll();
    try (c) {
      if (failed) {
        c.rollback();
        throw new LeaseStoreException(
            "the batch's lease changes were rolled back: a statement in it failed");
      }
      c.commit();
    } catch (SQLException e) {
      throw failure("commit the batch's lease changes", e);
    }
  }

  /** A unit of work on one connection. */
  @FunctionalInterface
  private interface SqlCall<T> {
    T apply(Connection c) throws SQLException;
  }

  /** Sets a statement's parameters. */
  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement s) throws SQLException;
  }

  /** The leases {@code sql} selects; rows that are no valid lease are skipped with a warning. */
  private List<Lease4> select(String what, String sql, Binder binder) {
    List<Lease4> out = new ArrayList<>();
    for (Lease4Row row : call(what, c -> rows(c, sql, binder))) {
      try {
        out.add(row.toLease());
      } catch (IllegalArgumentException e) {
        Dhcp4Log.DHCPSRV_PGSQL_LEASE_ROW_ERROR.log(what, e.getMessage());
      }
    }
    return List.copyOf(out);
  }

  /** The rows {@code sql} changed. */
  private int change(String what, String sql, Binder binder) {
    return call(
        what,
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            return s.executeUpdate();
          }
        });
  }

  /**
   * Runs {@code work}: in the caller's batch transaction when it deferred its syncs, else on a
   * pooled connection of its own (auto-commit), after any other thread's open batch has committed.
   */
  private <T> T call(String what, SqlCall<T> work) {
    Connection own;
    synchronized (this) {
      Thread me = Thread.currentThread();
      boolean deferred = deferring.contains(me);
      while (batch != null && batchOwner != me) {
        awaitBatch(what);
      }
      requireUsable(what);
      if (deferred) {
        if (batch == null) {
          try {
            batch = transaction();
            batchOwner = me;
          } catch (SQLException e) {
            throw failure(what, e);
          }
        } else if (batchFailed) {
          throw new LeaseStoreException(what + ": an earlier statement of this batch failed");
        }
        try {
          return work.apply(batch);
        } catch (SQLException e) {
          // PostgreSQL has aborted the transaction: the rest of the batch cannot commit.
          batchFailed = true;
          throw failure(what, e);
        }
      }
      try {
        own = pool.getConnection();
      } catch (SQLException e) {
        throw failure(what, e);
      }
    }
    try (own) {
      return work.apply(own);
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /** A pooled connection with a transaction open. */
  private Connection transaction() throws SQLException {
    Connection c = pool.getConnection();
    try {
      c.setAutoCommit(false);
      return c;
    } catch (SQLException e) {
      c.close();
      throw e;
    }
  }

  private void awaitBatch(String what) {
    try {
      wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LeaseStoreException(what + ": interrupted while another batch committed", e);
    }
  }

  private void requireUsable(String what) {
    if (closed) {
      throw new IllegalStateException(what + ": the lease store is closed");
    }
    if (lost) {
      throw new LeaseStoreException(
          what + ": the lease database connection is lost (" + access.redacted() + ")");
    }
  }

  /**
   * The exception for a failed statement. A connection-class failure (Kea's list) also marks the
   * database lost and tells the listener, the first time.
   */
  private LeaseStoreException failure(String what, SQLException e) {
    if (isConnectionLoss(e)) {
      markLost(what, e);
      return new LeaseStoreException(what + ": lease database connection lost: " + reason(e), e);
    }
    return new LeaseStoreException(what + ": " + reason(e), e);
  }

  private void markLost(String what, SQLException e) {
    boolean first;
    synchronized (this) {
      first = !lost && !closed;
      lost = true;
    }
    if (first) {
      Dhcp4Log.DHCPSRV_PGSQL_FATAL_ERROR.log(
          what, reason(e), e.getSQLState() == null ? "<sqlstate null>" : e.getSQLState());
      pool.getHikariPoolMXBean().softEvictConnections();
      listener.lost(what + ": " + reason(e));
    }
  }

  /**
   * Kea's rule for a lost connection: no SQLSTATE at all, or class 08 (connection exception), 53
   * (insufficient resources), 54 (program limit exceeded), 57 (operator intervention: the server
   * shut down) or 58 (system error). A pool that cannot hand out a connection in time counts too.
   */
  static boolean isConnectionLoss(SQLException e) {
    String state = e.getSQLState();
    if (state == null || state.length() < 2) {
      return true;
    }
    return switch (state.substring(0, 2)) {
      case "08", "53", "54", "57", "58" -> true;
      default -> false;
    };
  }

  /**
   * The most specific message: the driver's or the server's own words (the deepest SQLException in
   * the chain, e.g. the driver's "Connection to 127.0.0.1:5432 refused" under the pool's timeout).
   */
  static String reason(Throwable e) {
    String message = e.getMessage();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException && t.getMessage() != null) {
        message = t.getMessage();
      }
    }
    return message == null ? e.toString() : message;
  }

  @Override
  public void close() {
    Connection c;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      c = batch;
      abandoned = batchOwner;
      batch = null;
      batchOwner = null;
      notifyAll();
    }
    if (c != null) {
      try (c) {
        c.rollback();
      } catch (SQLException e) {
        Dhcp4Log.DHCP4_PGSQL_CLOSE_ROLLBACK_FAILED.log(e.toString());
      }
    }
    pool.close();
    Dhcp4Log.DHCPSRV_PGSQL_DB_CLOSED.log(access.redacted());
  }
}
