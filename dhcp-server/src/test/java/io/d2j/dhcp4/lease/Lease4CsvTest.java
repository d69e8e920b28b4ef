package io.d2j.dhcp4.lease;

import static io.d2j.dhcp4.lease.Leases.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.dhcp4.Octets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Lease4CsvTest {
  private static final String HEADER_22 =
      "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,"
          + "user_context";

  /** The client of spec §5.2, as Kea 2.2.0 wrote it. */
  private static Lease4 keaSampleLease(String hostname) {
    return new Lease4(
        ip("10.0.0.14"),
        Octets.parseColonHex("00:0c:01:02:03:08"),
        Octets.parseColonHex("01:00:0c:01:02:03:08"),
        3600,
        1795814219L - 3600,
        1,
        true,
        true,
        hostname,
        LeaseState.DEFAULT,
        "");
  }

  @Test
  void rows_matchWhatKea22WroteForTheSameLeases() {
    assertThat(Lease4Csv.HEADER).isEqualTo(HEADER_22);
    assertThat(Lease4Csv.row(keaSampleLease("")))
        .isEqualTo("10.0.0.14,00:0c:01:02:03:08,01:00:0c:01:02:03:08,3600,1795814219,1,1,1,,0,");
    assertThat(Lease4Csv.row(keaSampleLease("myhost-10-0-0-14.example.com")))
        .isEqualTo(
            "10.0.0.14,00:0c:01:02:03:08,01:00:0c:01:02:03:08,3600,1795814219,1,1,1,"
                + "myhost-10-0-0-14.example.com,0,");
    assertThat(Lease4Csv.deletionRow(keaSampleLease("myhost-10-0-0-14.example.com")))
        .isEqualTo(
            "10.0.0.14,00:0c:01:02:03:08,01:00:0c:01:02:03:08,0,1795810619,1,1,1,"
                + "myhost-10-0-0-14.example.com,0,");
  }

  @ParameterizedTest(name = "escape({0}) = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "plain.example.com|plain.example.com",
        "a,b|a&#x2cb",
        "a&b|a&#x26b",
        "&#x2c|&#x26#x2c",
        "é|&#xc3&#xa9",
        "{\"a\":1,\"b\":\"x\"}|{\"a\":1&#x2c\"b\":\"x\"}",
      })
  void escaping_isKeasAndRoundTrips(String text, String escaped) {
    assertThat(Lease4Csv.escape(text)).isEqualTo(escaped);
    assertThat(Lease4Csv.unescape(escaped)).isEqualTo(text);
  }

  @Test
  void controlCharacters_areEscapedSoThatARowStaysOneLine() {
    assertThat(Lease4Csv.escape("a\nb\tc")).isEqualTo("a&#x0ab&#x09c");
  }

  @ParameterizedTest(name = "unescape({0}) = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a&#x2Cb|a,b", // upper-case hex digits
        "a&#xzzb|a&#xzzb", // not hex: kept as text, as Kea does
        "tail&#x4|tail&#x4", // too short at the end: kept
        "&&#x26|&&",
      })
  void unescape_followsKeasRules(String escaped, String text) {
    assertThat(Lease4Csv.unescape(escaped)).isEqualTo(text);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Kea 2.2 (schema 2.1)|" + HEADER_22 + "|11",
        "Kea 2.0 schema|address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state|10",
        "schema 1.0|address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname|9",
        "Kea 2.4+ (pool_id)|" + HEADER_22 + ",pool_id|12",
      })
  void headersOfKeaSchemas_areAccepted(String name, String header, int columns) {
    assertThat(Lease4Csv.parseHeader(header)).isEqualTo(columns);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "address,hwaddr,clientid,valid_lifetime|header column 3 is 'clientid', expected 'client_id'",
        "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev|header has 8 columns, at least 9 (through hostname) needed",
        "10.0.0.1,00:01,,60,100,1,0,0,,0,|header column 1 is '10.0.0.1', expected 'address'",
      })
  void badHeaders_areRejected(String header, String message) {
    assertThatThrownBy(() -> Lease4Csv.parseHeader(header)).hasMessage(message);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "10.0.0.1,00:01,,60,100,1,0,0|row has 8 columns, the header 11",
        "10.0.0,00:01,,60,100,1,0,0,,0,|address: '10.0.0' is not an IPv4 address",
        "2001:db8::1,00:01,,60,100,1,0,0,,0,|address: '2001:db8::1' is not an IPv4 address",
        "10.0.0.1,00:zz,,60,100,1,0,0,,0,|hwaddr: invalid hex octet 'zz' at group 2 in '00:zz'",
        "10.0.0.1,00:01,,-5,100,1,0,0,,0,|valid_lifetime: '-5' is not an unsigned integer",
        "10.0.0.1,00:01,,4294967296,5000000000,1,0,0,,0,|valid_lifetime: 4294967296 exceeds 4294967295",
        "10.0.0.1,00:01,,60,59,1,0,0,,0,|expire: 59 is before valid_lifetime 60 after the epoch",
        "10.0.0.1,00:01,,60,100,1,true,0,,0,|fqdn_fwd: 'true' is not 0 or 1",
        "10.0.0.1,00:01,,60,100,1,0,0,,7,|state: 7 is not 0 (default), 1 (declined) or 2 (expired-reclaimed)",
        "10.0.0.1,00:01,,60,100,1,0,0,,0,[1]|lease 10.0.0.1: user-context is not a JSON object: [1]",
        "10.0.0.1,,,60,100,1,0,0,,0,|lease 10.0.0.1: neither hwaddr nor client-id (only a declined lease may have neither)",
      })
  void badRows_areRejectedNamingTheColumn(String row, String message) {
    assertThatThrownBy(() -> Lease4Csv.parse(row, 11))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void validLifetimeZero_isADeletion() {
    assertThat(Lease4Csv.parse("10.0.0.14,00:0c:01:02:03:08,,0,1795810619,1,1,1,h,0,", 11))
        .isEqualTo(new LeaseFileRow.Delete(ip("10.0.0.14")));
  }

  @Test
  void olderSchemaRows_takeTheDefaultsOfTheMissingColumns() {
    LeaseFileRow row = Lease4Csv.parse("10.0.0.9,00:0c:01:02:03:09,,600,1600,7,0,1,h%", 9);
    Lease4 lease = ((LeaseFileRow.Upsert) row).lease();
    assertThat(lease.state()).isEqualTo(LeaseState.DEFAULT);
    assertThat(lease.userContext()).isEmpty();
    assertThat(lease.cltt()).isEqualTo(1000);
    assertThat(lease.fqdnRev()).isTrue();
  }

  @Test
  void everyField_roundTripsThroughARow() {
    Lease4 lease =
        new Lease4(
            ip("192.0.2.200"),
            Octets.parseColonHex("aa:bb:cc:dd:ee:ff"),
            Octets.parseColonHex("ff:00:00:00:01:00:01:2b:3c"),
            4294967295L,
            1_700_000_000L,
            4294967295L,
            true,
            false,
            "host,with&odd.chars",
            LeaseState.EXPIRED_RECLAIMED,
            "{ \"ISC\": { \"relay-agent-info\": \"0x0102\" }, \"n\": [1, 2] }");
    assertThat(Lease4Csv.parse(Lease4Csv.row(lease), 11)).isEqualTo(new LeaseFileRow.Upsert(lease));
  }
}
