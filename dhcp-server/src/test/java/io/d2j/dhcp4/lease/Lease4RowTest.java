package io.d2j.dhcp4.lease;

import static io.d2j.dhcp4.lease.Leases.CLTT;
import static io.d2j.dhcp4.lease.Leases.ip;
import static io.d2j.dhcp4.lease.Leases.lease;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.dhcp4.Octets;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SQL mapping of a lease to Kea's {@code lease4} row and back, and the failure rules. */
class Lease4RowTest {

  @Test
  void lease_mapsColumnByColumn_asKeaWritesIt() {
    Lease4 l =
        new Lease4(
            ip("192.0.2.1"),
            Octets.parseColonHex("08:00:2b:01:02:03"),
            Octets.parseColonHex("01:08:00:2b:01:02:03"),
            3600,
            CLTT,
            7,
            true,
            false,
            "h.example.org.",
            LeaseState.DECLINED,
            "{\"a\":1}");
    Lease4Row row = Lease4Row.of(l);
    assertThat(row)
        .isEqualTo(
            new Lease4Row(
                3_221_225_985L, // 192.0.2.1 as an unsigned number
                new byte[] {8, 0, 0x2b, 1, 2, 3},
                new byte[] {1, 8, 0, 0x2b, 1, 2, 3},
                3600,
                CLTT + 3600,
                7,
                true,
                false,
                "h.example.org.",
                1,
                "{\"a\":1}"));
    assertThat(row.toLease()).isEqualTo(l);
  }

  @Test
  void addressAbove2pow31_isAPositiveBigint() {
    assertThat(Lease4Row.of(lease(1).renewed(CLTT, 60)).address()).isEqualTo(167_772_161L);
    Lease4 high = Lease4.assigned(ip("255.255.255.254"), lease(1).hwaddr(), Octets.EMPTY, 60, 0, 1);
    assertThat(Lease4Row.of(high).address()).isEqualTo(4_294_967_294L);
    assertThat(Lease4Row.of(high).toLease()).isEqualTo(high);
  }

  @Test
  void infiniteLifetime_storesClttAsExpiry_andReadsItBack() {
    Lease4 infinite = lease(1).renewed(CLTT, Lease4Row.INFINITE_LIFETIME);
    Lease4Row row = Lease4Row.of(infinite);
    assertThat(row.expire()).isEqualTo(CLTT);
    assertThat(row.toLease()).isEqualTo(infinite);
  }

  @Test
  void absentValues_areEmpty_andNullsFromOtherToolsReadAsEmpty() {
    Lease4 declined = Leases.declined("10.0.0.9", 60);
    Lease4Row row = Lease4Row.of(declined);
    assertThat(row.hwaddr()).isEmpty();
    assertThat(row.clientId()).isEmpty();
    assertThat(row.hostname()).isEmpty();
    assertThat(row.userContext()).isEmpty();
    Lease4Row nulls =
        new Lease4Row(167_772_169L, null, null, 60, CLTT + 60, 1, false, false, null, 1, null);
    assertThat(nulls.toLease()).isEqualTo(declined);
  }

  @Test
  void expiryPastKeasLimit_isRefusedBeforeTheDatabaseSeesIt() {
    Lease4 late = lease(1).renewed(Lease4Row.MAX_DB_TIME - 10, 11);
    assertThatThrownBy(() -> Lease4Row.of(late))
        .isInstanceOf(LeaseStoreException.class)
        .hasMessage(
            "lease 10.0.0.1: expiry 2147483648 is past 2147483647, the latest time Kea's lease"
                + " database holds");
    assertThat(Lease4Row.of(lease(1).renewed(Lease4Row.MAX_DB_TIME - 10, 10)).expire())
        .isEqualTo(Lease4Row.MAX_DB_TIME);
  }

  @Test
  void hostnameWiderThanTheColumn_orWithNul_isRefused() {
    String wide = "a".repeat(256);
    assertThatThrownBy(() -> Lease4Row.of(lease(1).withDns(wide, true, true)))
        .isInstanceOf(LeaseStoreException.class)
        .hasMessage("lease 10.0.0.1: hostname of 256 characters exceeds the column's 255");
    assertThat(Lease4Row.of(lease(1).withDns("a".repeat(255), true, true)).hostname()).hasSize(255);
    assertThatThrownBy(() -> Lease4Row.of(lease(1).withDns("a\0b", true, true)))
        .isInstanceOf(LeaseStoreException.class)
        .hasMessage("lease 10.0.0.1: hostname contains a NUL character");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          state          | 167772161 | 0102 | 0102 | 60 | 9 | lease4 row 10.0.0.1: state: 9 is not 0 (default), 1 (declined) or 2 (expired-reclaimed)
          short id       | 167772161 | 0102 | 01   | 60 | 0 | lease4 row 10.0.0.1: lease 10.0.0.1: client-id of 1 octets is outside 2-128
          zero lifetime  | 167772161 | 0102 | 0102 | 0  | 0 | lease4 row 10.0.0.1: lease 10.0.0.1: valid-lifetime 0 is outside 1-4294967295
          no identity    | 167772161 | ''   | ''   | 60 | 0 | lease4 row 10.0.0.1: lease 10.0.0.1: neither hwaddr nor client-id (only a declined lease may have neither)
          address        | 4294967296 | 0102 | 0102 | 60 | 0 | lease4 row: address 4294967296 is not a uint32
          """)
  void rowThatIsNoLease_isRefusedNamingTheRow(
      String what, long address, String hw, String cid, long lifetime, long state, String message) {
    Lease4Row row =
        new Lease4Row(
            address,
            Octets.parseColonHex(colons(hw)).toByteArray(),
            Octets.parseColonHex(colons(cid)).toByteArray(),
            lifetime,
            CLTT + lifetime,
            1,
            false,
            false,
            "",
            state,
            "");
    assertThatThrownBy(row::toLease)
        .as(what)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  private static String colons(String hex) {
    return hex.replaceAll("(..)(?!$)", "$1:");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "08006, true", // connection failure (server closed the socket)
    "08001, true", // cannot connect
    "57P01, true", // admin shutdown
    "53300, true", // too many connections
    "54000, true", // program limit exceeded
    "58030, true", // I/O error
    "23505, false", // unique violation
    "23514, false", // check violation
    "42P01, false", // undefined table
    "22001, false", // string too long
    "40001, false" // serialization failure
  })
  void connectionLoss_followsKeasSqlstateClasses(String state, boolean loss) {
    assertThat(PgLeaseStore.isConnectionLoss(new SQLException("x", state))).isEqualTo(loss);
  }

  @Test
  void noSqlstateAtAll_isALostConnection_asForKea() {
    assertThat(PgLeaseStore.isConnectionLoss(new SQLException("gone"))).isTrue();
    assertThat(PgLeaseStore.isConnectionLoss(new SQLTransientConnectionException("timeout")))
        .isTrue();
  }

  @Test
  void reason_isTheDeepestDatabaseMessage() {
    SQLException driver = new SQLException("Connection to 127.0.0.1:5 refused.", "08001");
    driver.initCause(new java.net.ConnectException("Connection refused"));
    SQLTransientConnectionException pool =
        new SQLTransientConnectionException("pool - request timed out after 5000ms", null, driver);
    assertThat(PgLeaseStore.reason(pool)).isEqualTo("Connection to 127.0.0.1:5 refused.");
    assertThat(PgLeaseStore.reason(new SQLException("plain"))).isEqualTo("plain");
  }
}
