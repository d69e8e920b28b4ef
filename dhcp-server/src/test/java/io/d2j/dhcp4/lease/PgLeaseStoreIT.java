package io.d2j.dhcp4.lease;

import static io.d2j.dhcp4.lease.Leases.CLTT;
import static io.d2j.dhcp4.lease.Leases.ip;
import static io.d2j.dhcp4.lease.Leases.lease;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.dhcp4.Octets;
import io.d2j.testkit.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PgLeaseStore} on a real PostgreSQL with the schema {@code kea-admin db-init pgsql} (Kea
 * 2.2) creates: every store call, Kea's own tools reading what it wrote, group commit, the schema
 * check, and a server that goes away. Skipped, with the reason, without PostgreSQL or kea-admin.
 */
class PgLeaseStoreIT {

  private static PostgresServer pg;
  private static PostgresServer.Database shared;
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private PostgresServer.Database db;
  private PgLeaseStore store;
  private final List<String> losses = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startPostgres() throws IOException {
    PostgresServer.assumeKeaSchemaAvailable();
    pg = PostgresServer.start();
    shared = pg.keaDatabase("leases");
  }

  @AfterAll
  static void stopPostgres() {
    if (pg != null) {
      pg.close();
    }
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  private PgAccess access(PostgresServer.Database d) {
    return new PgAccess(
        pg.host(),
        pg.port(),
        d.name(),
        Optional.of(d.user()),
        Optional.of(d.password()),
        Duration.ofSeconds(5));
  }

  /** A store on the shared database, emptied (Kea's statistics too). */
  private PgLeaseStore open() throws IOException {
    db = shared;
    pg.psql(db.name(), "TRUNCATE lease4, lease4_stat");
    store = PgLeaseStore.open(access(db), losses::add);
    return store;
  }

  /** A store on a database of its own, for a test that changes the schema. */
  private PgLeaseStore openFresh() throws IOException {
    db = pg.keaDatabase("leases_" + DATABASES.incrementAndGet());
    store = PgLeaseStore.open(access(db), losses::add);
    return store;
  }

  private static Lease4 full() {
    return new Lease4(
        ip("192.0.2.200"),
        Octets.parseColonHex("08:00:2b:01:02:03"),
        Octets.parseColonHex("ff:00:00:00:01:00:01:2b:3c"),
        86400,
        CLTT,
        4_000_000_000L,
        true,
        false,
        "host-a.example.org.",
        LeaseState.DEFAULT,
        "{\"comment\":\"a, b\"}");
  }

  @Test
  void everyField_roundTrips() throws IOException {
    PgLeaseStore s = open();
    Lease4 declined = Leases.declined("10.0.0.9", 86400);
    Lease4 infinite = lease(7).renewed(CLTT, Lease4Row.INFINITE_LIFETIME);
    Lease4 text =
        new Lease4(
            ip("10.0.0.8"),
            lease(8).hwaddr(),
            Octets.EMPTY,
            60,
            CLTT,
            1,
            false,
            true,
            "h\u00f6st.example.org",
            LeaseState.DEFAULT,
            "{\"a\":\"x & y, \u00e9\"}");
    assertThat(s.add(text)).isTrue();
    assertThat(s.get(ip("10.0.0.8"))).contains(text);
    assertThat(s.delete(ip("10.0.0.8"))).isTrue();
    assertThat(s.add(full())).isTrue();
    assertThat(s.add(declined)).isTrue();
    assertThat(s.add(infinite)).isTrue();
    assertThat(s.get(ip("192.0.2.200"))).contains(full());
    assertThat(s.get(ip("10.0.0.9"))).contains(declined);
    assertThat(s.get(ip("10.0.0.7"))).contains(infinite);
    assertThat(s.get(ip("10.0.0.8"))).isEmpty();
    assertThat(s.size()).isEqualTo(3);
  }

  @Test
  void expire_holdsTheTrueInstant_andAnInfiniteLeaseItsCltt() throws IOException {
    PgLeaseStore s = open();
    s.add(lease(1));
    s.add(lease(2).renewed(CLTT, Lease4Row.INFINITE_LIFETIME));
    assertThat(
            pg.psql(
                db.name(),
                "SELECT address, extract(epoch from expire)::bigint,"
                    + " to_char(expire AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')"
                    + " FROM lease4 ORDER BY address"))
        .isEqualTo(
            (Lease4Row.toUnsigned(ip("10.0.0.1"))
                    + "|"
                    + (CLTT + 3600)
                    + "|"
                    + Instant.ofEpochSecond(CLTT + 3600)
                        .toString()
                        .replace('T', ' ')
                        .replace("Z", ""))
                + "\n"
                + Lease4Row.toUnsigned(ip("10.0.0.2"))
                + "|"
                + CLTT
                + "|"
                + Instant.ofEpochSecond(CLTT).toString().replace('T', ' ').replace("Z", ""));
  }

  @Test
  void addUpdateDelete_reportWhetherTheyChangedAnything() throws IOException {
    PgLeaseStore s = open();
    assertThat(s.update(lease(1))).isFalse();
    assertThat(s.delete(ip("10.0.0.1"))).isFalse();
    assertThat(s.add(lease(1))).isTrue();
    assertThat(s.add(lease(1).renewed(CLTT + 5, 60))).isFalse();
    assertThat(s.get(ip("10.0.0.1"))).contains(lease(1));
    Lease4 renamed = lease(1).renewed(CLTT + 100, 7200).withDns("h1.example.org.", true, true);
    assertThat(s.update(renamed)).isTrue();
    assertThat(s.get(ip("10.0.0.1"))).contains(renamed);
    assertThat(s.delete(ip("10.0.0.1"))).isTrue();
    assertThat(s.get(ip("10.0.0.1"))).isEmpty();
    assertThat(s.size()).isZero();
  }

  @Test
  void lookupsByIdentifier_inAddressOrder_andEmptyIdentifiersMatchNothing() throws IOException {
    PgLeaseStore s = open();
    Lease4 a = lease(9);
    Lease4 b = Lease4.assigned(ip("10.0.0.3"), a.hwaddr(), Octets.EMPTY, 3600, CLTT, 2); // same MAC
    Lease4 declined = Leases.declined("10.0.0.4", 60);
    s.add(a);
    s.add(b);
    s.add(declined);
    assertThat(s.getByHwAddress(a.hwaddr())).containsExactly(b, a);
    assertThat(s.getByClientId(a.clientId())).containsExactly(a);
    assertThat(s.getByHwAddress(Octets.EMPTY)).isEmpty();
    assertThat(s.getByClientId(Octets.EMPTY)).isEmpty();
    assertThat(s.getByClientId(Octets.of((byte) 1, (byte) 2))).isEmpty();
  }

  @Test
  void allPagesAndExpiry_followKeasQueries() throws IOException {
    PgLeaseStore s = open();
    for (int n : new int[] {5, 1, 3, 2, 4}) {
      s.add(lease(n).renewed(CLTT + n * 10L, 100));
    }
    s.add(lease(6).renewed(CLTT, Lease4Row.INFINITE_LIFETIME));
    s.update(lease(2).renewed(CLTT + 20, 100).withState(LeaseState.EXPIRED_RECLAIMED));
    assertThat(s.all())
        .extracting(l -> l.address().getHostAddress())
        .containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5", "10.0.0.6");
    assertThat(s.page(Optional.empty(), 2))
        .extracting(l -> l.address().getHostAddress())
        .containsExactly("10.0.0.1", "10.0.0.2");
    assertThat(s.page(Optional.of(ip("10.0.0.2")), 3))
        .extracting(l -> l.address().getHostAddress())
        .containsExactly("10.0.0.3", "10.0.0.4", "10.0.0.5");
    assertThat(s.page(Optional.of(ip("10.0.0.6")), 3)).isEmpty();
    // Expired before CLTT+141: 1 (CLTT+110), 3 (+130), 4 (+140); 2 is reclaimed, 6 infinite.
    Instant before = Instant.ofEpochSecond(CLTT + 141);
    assertThat(s.expired(before, 0))
        .extracting(l -> l.address().getHostAddress())
        .containsExactly("10.0.0.1", "10.0.0.3", "10.0.0.4");
    assertThat(s.expired(before, 2))
        .extracting(l -> l.address().getHostAddress())
        .containsExactly("10.0.0.1", "10.0.0.3");
    assertThat(s.deleteReclaimed(Instant.ofEpochSecond(CLTT + 120))).isZero();
    assertThat(s.deleteReclaimed(Instant.ofEpochSecond(CLTT + 121))).isEqualTo(1);
    assertThat(s.get(ip("10.0.0.2"))).isEmpty();
  }

  @Test
  void keasTriggers_countOurLeases_andKeaAdminDumpsThemInKeasCsv(@TempDir Path tmp)
      throws IOException {
    PgLeaseStore s = open();
    s.add(full());
    s.add(lease(1));
    s.add(lease(2));
    s.update(lease(2).withState(LeaseState.DECLINED));
    s.delete(ip("10.0.0.1"));
    // Kea's lease4_stat (what kea-dhcp4 reads its assigned/declined statistics from).
    assertThat(
            pg.psql(
                db.name(),
                "SELECT subnet_id, state, leases FROM lease4_stat"
                    + " WHERE leases > 0 ORDER BY subnet_id, state"))
        .isEqualTo("1|1|1\n4000000000|0|1");
    // kea-admin's own dump: the same rows our memfile writes.
    Path dump = tmp.resolve("dump.csv");
    pgKeaAdmin("lease-dump", "-4", "-o", dump.toString());
    List<String> rows = Files.readAllLines(dump);
    assertThat(rows.get(0)).isEqualTo(Lease4Csv.HEADER);
    assertThat(rows.subList(1, rows.size()))
        .containsExactly(
            Lease4Csv.row(lease(2).withState(LeaseState.DECLINED)), Lease4Csv.row(full()));
  }

  private void pgKeaAdmin(String... args) throws IOException {
    java.util.List<String> cmd =
        new java.util.ArrayList<>(java.util.List.of("kea-admin", args[0], "pgsql"));
    cmd.addAll(java.util.List.of(args).subList(1, args.length));
    cmd.addAll(
        java.util.List.of(
            "-h",
            pg.host(),
            "-P",
            Integer.toString(pg.port()),
            "-u",
            db.user(),
            "-p",
            db.password(),
            "-n",
            db.name(),
            "-y"));
    ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true);
    b.environment().put("PATH", System.getenv("PATH") + ":/usr/sbin");
    // kea-admin 2.2's lease-dump does not hand -P to psql; psql takes the port from here.
    b.environment().put("PGPORT", Integer.toString(pg.port()));
    Process p = b.start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    try {
      assertThat(p.waitFor()).as(out).isZero();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  @Test
  void batch_isOneTransaction_seenByOthersOnlyAfterTheCommit() throws Exception {
    PgLeaseStore s = open();
    s.deferSyncs();
    s.add(lease(1));
    s.add(lease(2));
    assertThat(s.get(ip("10.0.0.1"))).contains(lease(1)); // the batch sees its own changes
    assertThat(pg.psql(db.name(), "SELECT count(*) FROM lease4")).isEqualTo("0");
    // Another thread's call waits for the batch instead of reading around it.
    CompletableFuture<Optional<Lease4>> other =
        CompletableFuture.supplyAsync(() -> s.get(ip("10.0.0.2")));
    assertThatThrownBy(() -> other.get(300, TimeUnit.MILLISECONDS))
        .isInstanceOf(TimeoutException.class);
    s.commitDeferred();
    assertThat(other.get(5, TimeUnit.SECONDS)).contains(lease(2));
    assertThat(pg.psql(db.name(), "SELECT count(*) FROM lease4")).isEqualTo("2");
    // Without a deferral each change commits at once.
    s.add(lease(3));
    assertThat(pg.psql(db.name(), "SELECT count(*) FROM lease4")).isEqualTo("3");
  }

  @Test
  void batchWithAFailedStatement_commitsNothing_andSaysSo() throws IOException {
    PgLeaseStore s = openFresh();
    // A row the schema refuses aborts PostgreSQL's transaction, and with it the batch.
    pg.psql(db.name(), "ALTER TABLE lease4 ADD CONSTRAINT no_subnet_9 CHECK (subnet_id <> 9)");
    s.deferSyncs();
    s.add(lease(1));
    assertThatThrownBy(
            () ->
                s.add(
                    Lease4.assigned(ip("10.0.0.9"), lease(9).hwaddr(), Octets.EMPTY, 60, CLTT, 9)))
        .isInstanceOf(LeaseStoreException.class)
        .hasMessageStartingWith("add lease 10.0.0.9: ")
        .hasMessageContaining("no_subnet_9");
    assertThatThrownBy(() -> s.add(lease(2)))
        .isInstanceOf(LeaseStoreException.class)
        .hasMessage("add lease 10.0.0.2: an earlier statement of this batch failed");
    assertThatThrownBy(s::commitDeferred)
        .isInstanceOf(LeaseStoreException.class)
        .hasMessage("the batch's lease changes were rolled back: a statement in it failed");
    assertThat(s.all()).isEmpty();
    assertThat(losses).isEmpty();
    s.add(lease(3)); // the next batch is a new transaction
    assertThat(s.all()).containsExactly(lease(3));
  }

  @Test
  void batchOpenWhenTheStoreCloses_failsItsCommit_andStoresNothing() throws IOException {
    PgLeaseStore s = open();
    s.deferSyncs();
    s.add(lease(1));
    s.close();
    assertThatThrownBy(s::commitDeferred)
        .isInstanceOf(LeaseStoreException.class)
        .hasMessage(
            "the lease store closed before the batch committed: its changes were rolled back");
    assertThat(pg.psql(db.name(), "SELECT count(*) FROM lease4")).isEqualTo("0");
  }

  @Test
  void addingAnAddressAnotherServerHolds_isFalse_notABatchFailure() throws IOException {
    PgLeaseStore s = open();
    PgLeaseStore other = PgLeaseStore.open(access(db), PgLeaseStore.Listener.NONE);
    try {
      other.add(lease(1));
      s.deferSyncs();
      assertThat(s.add(lease(1).renewed(CLTT, 10))).isFalse();
      assertThat(s.add(lease(2))).isTrue();
      s.commitDeferred();
      assertThat(other.all()).containsExactly(lease(1), lease(2));
    } finally {
      other.close();
    }
  }

  @Test
  void leasesTheSchemaHoldsButALeaseCannot_areSkippedInLists_andRefusedByAddress()
      throws IOException {
    PgLeaseStore s = open();
    s.add(lease(1));
    // Another tool wrote a one-octet client id (Kea needs 2-128).
    pg.psql(
        db.name(),
        "INSERT INTO lease4 (address, hwaddr, client_id, valid_lifetime, expire, subnet_id,"
            + " fqdn_fwd, fqdn_rev, hostname, state, user_context) VALUES ("
            + Lease4Row.toUnsigned(ip("10.0.0.2"))
            + ", '\\x0102'::bytea, '\\x01'::bytea, 60, now(), 1, false, false, '', 0, '')");
    assertThat(s.all()).containsExactly(lease(1));
    assertThatThrownBy(() -> s.get(ip("10.0.0.2")))
        .isInstanceOf(LeaseStoreException.class)
        .hasMessage(
            "get lease 10.0.0.2: lease4 row 10.0.0.2: lease 10.0.0.2: client-id of 1 octets is"
                + " outside 2-128");
  }

  @Test
  void wrongSchemaVersion_isRefusedAsKeaRefusesIt() throws IOException {
    db = pg.keaDatabase("leases_" + DATABASES.incrementAndGet());
    pg.psql(db.name(), "UPDATE schema_version SET version = 12, minor = 0");
    assertThatThrownBy(() -> PgLeaseStore.open(access(db), PgLeaseStore.Listener.NONE))
        .isInstanceOf(LeaseStoreException.class)
        .hasMessage(
            "cannot open the PostgreSQL lease database (connect-timeout=5 host=127.0.0.1 name="
                + db.name()
                + " password=***** port="
                + pg.port()
                + " type=postgresql user=kea): PostgreSQL schema version mismatch: need version:"
                + " 13.0 found version: 12.0 (d2j-dhcp4 uses the schema of Kea 2.2; 'kea-admin"
                + " db-upgrade pgsql' of Kea 2.2 brings an older one to it)");
  }

  @Test
  void databaseWithoutKeasSchema_isRefusedWithTheCommandThatMakesIt() throws IOException {
    PostgresServer.Database empty = pg.emptyDatabase("empty_" + DATABASES.incrementAndGet());
    assertThatThrownBy(() -> PgLeaseStore.open(access(empty), PgLeaseStore.Listener.NONE))
        .isInstanceOf(LeaseStoreException.class)
        .hasMessageEndingWith(
            "database '"
                + empty.name()
                + "' has no Kea lease schema (no schema_version table); create it with"
                + " 'kea-admin db-init pgsql'");
  }

  @Test
  void wrongPasswordAndNoServer_failAtOnceWithTheServersReason() {
    db = shared;
    PgAccess wrong =
        new PgAccess(
            pg.host(),
            pg.port(),
            db.name(),
            Optional.of("kea"),
            Optional.of("nope"),
            Duration.ofSeconds(5));
    assertThatThrownBy(() -> PgLeaseStore.open(wrong, PgLeaseStore.Listener.NONE))
        .isInstanceOf(LeaseStoreException.class)
        .hasMessageEndingWith("FATAL: password authentication failed for user \"kea\"");
    int closed = io.d2j.testkit.Ports.freeUdpPort(); // nothing listens on TCP there either
    PgAccess nobody =
        new PgAccess(
            "127.0.0.1",
            closed,
            db.name(),
            Optional.of("kea"),
            Optional.of("x"),
            Duration.ofSeconds(5));
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> PgLeaseStore.open(nobody, PgLeaseStore.Listener.NONE))
        .isInstanceOf(LeaseStoreException.class)
        .hasMessageContaining("Connection to 127.0.0.1:" + closed + " refused");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void serverGoesAway_callsFailAtOnceUntilReconnected_andTheListenerHearsOnce() throws IOException {
    PgLeaseStore s = open();
    s.add(lease(1));
    pg.stop();
    try {
      assertThatThrownBy(() -> s.add(lease(2)))
          .isInstanceOf(LeaseStoreException.class)
          .hasMessageStartingWith("add lease 10.0.0.2: lease database connection lost: ");
      assertThat(s.isLost()).isTrue();
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> s.get(ip("10.0.0.1")))
          .isInstanceOf(LeaseStoreException.class)
          .hasMessageStartingWith("get lease 10.0.0.1: the lease database connection is lost (");
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(100));
      assertThatThrownBy(s::reconnect)
          .isInstanceOf(LeaseStoreException.class)
          .hasMessageContaining("refused");
      assertThat(losses).hasSize(1);
      assertThat(losses.get(0)).startsWith("add lease 10.0.0.2: ");
    } finally {
      pg.restart();
    }
    s.reconnect();
    assertThat(s.isLost()).isFalse();
    assertThat(s.get(ip("10.0.0.1"))).contains(lease(1)); // the pool's dead connections are gone
    assertThat(s.add(lease(2))).isTrue();
    assertThat(losses).hasSize(1);
  }
}
