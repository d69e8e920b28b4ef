package io.d2j.dhcp4.ddns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.lease.LeaseState;
import io.d2j.ncr.ChangeType;
import io.d2j.ncr.ConflictResolutionMode;
import io.d2j.ncr.Fqdn;
import io.d2j.ncr.IpAddresses;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.ncr.NcrJsonCodec;
import java.net.Inet4Address;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lease events to NCRs (spec §3), DHCIDs (§4), TTLs (§1.6) and the NCR on the wire (§3.5). */
class NcrPolicyTest {

  private static final Octets CLIENT_ID = Octets.parseColonHex("01:00:0c:01:02:03:04");
  private static final Octets MAC = Octets.parseColonHex("00:0c:01:02:03:04");
  private static final DdnsParams ON = DdnsParams.DEFAULTS.withUpdatesEnabled(true);
  private static final long CLTT = Instant.parse("2026-11-27T20:14:14Z").getEpochSecond();

  private static Lease4 lease(String address, String hostname, boolean fwd, boolean rev) {
    return new Lease4(
        (Inet4Address) IpAddresses.parse(address),
        MAC,
        CLIENT_ID,
        3600,
        CLTT,
        1,
        fwd,
        rev,
        hostname,
        LeaseState.DEFAULT,
        "");
  }

  private static String summary(List<NameChangeRequest> ncrs) {
    return String.join(
        "; ",
        ncrs.stream()
            .map(
                n ->
                    n.type()
                        + " "
                        + n.fqdn().text()
                        + " "
                        + IpAddresses.format(n.address())
                        + (n.forward() ? " A" : "")
                        + (n.reverse() ? " PTR" : ""))
            .toList());
  }

  /** Spec §3.5: Kea 2.2.0's NCR for a generated name, byte for byte, plus the 3.x mode key. */
  @Test
  void newLease_addOnTheWire_matchesKea() {
    Lease4 l = lease("10.0.0.35", "myhost-10-0-0-35.example.com.", true, true);
    List<NameChangeRequest> ncrs = NcrPolicy.allocated(l, ON);
    assertThat(ncrs).hasSize(1);
    String json =
        NcrJsonCodec.compatible(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).encode(ncrs.get(0));
    assertThat(json)
        .isEqualTo(
            "{\"change-type\":0,\"forward-change\":true,\"reverse-change\":true,"
                + "\"fqdn\":\"myhost-10-0-0-35.example.com.\",\"ip-address\":\"10.0.0.35\","
                + "\"dhcid\":\"000101CC8B757C03268708347A5BE473B19E847E1F44A42BA273E63DAFE5B97170F90B\","
                + "\"lease-expires-on\":\"20261127203414\",\"lease-length\":1200,"
                + "\"use-conflict-resolution\":true,"
                + "\"conflict-resolution-mode\":\"check-with-dhcid\"}");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // event, previous (address name fwd rev), current, update-on-renew, NCRs
    "new lease,            -,                       10.0.0.5 h1.example.com. 1 1, false,"
        + " ADD h1.example.com. 10.0.0.5 A PTR",
    "new lease no name,    -,                       10.0.0.5 - 1 1,               false, ''",
    "new lease no flags,   -,                       10.0.0.5 h1.example.com. 0 0, false, ''",
    "new lease PTR only,   -,                       10.0.0.5 h1.example.com. 0 1, false,"
        + " ADD h1.example.com. 10.0.0.5 PTR",
    "renew same,           10.0.0.5 h1.example.com. 1 1, 10.0.0.5 H1.example.com. 1 1, false, ''",
    "renew same on-renew,  10.0.0.5 h1.example.com. 1 1, 10.0.0.5 h1.example.com. 1 1, true,"
        + " REMOVE h1.example.com. 10.0.0.5 A PTR; ADD h1.example.com. 10.0.0.5 A PTR",
    "renew new name,       10.0.0.5 h1.example.com. 1 1, 10.0.0.5 h2.example.com. 1 1, false,"
        + " REMOVE h1.example.com. 10.0.0.5 A PTR; ADD h2.example.com. 10.0.0.5 A PTR",
    "renew new flags,      10.0.0.5 h1.example.com. 1 1, 10.0.0.5 h1.example.com. 0 1, false,"
        + " REMOVE h1.example.com. 10.0.0.5 A PTR; ADD h1.example.com. 10.0.0.5 PTR",
    "moved with same name, 10.0.0.5 h1.example.com. 1 1, 10.0.0.9 h1.example.com. 1 1, false,"
        + " REMOVE h1.example.com. 10.0.0.5 A PTR; ADD h1.example.com. 10.0.0.9 A PTR",
    "renew gains a name,   10.0.0.5 - 0 0,              10.0.0.5 h1.example.com. 1 1, false,"
        + " ADD h1.example.com. 10.0.0.5 A PTR",
    "renew loses its name, 10.0.0.5 h1.example.com. 1 1, 10.0.0.5 - 0 0,             false,"
        + " REMOVE h1.example.com. 10.0.0.5 A PTR",
    "removed,              10.0.0.5 h1.example.com. 1 1, -,                          false,"
        + " REMOVE h1.example.com. 10.0.0.5 A PTR",
    "removed unnamed,      10.0.0.5 - 1 1,              -,                          false, ''",
  })
  void events_toNcrs(String event, String previous, String current, boolean onRenew, String ncrs) {
    DdnsParams p =
        new DdnsParams(
            true,
            false,
            false,
            ReplaceClientName.NEVER,
            "myhost",
            "",
            onRenew,
            ConflictResolutionMode.CHECK_WITH_DHCID,
            OptionalDouble.empty(),
            ON.sanitizer());
    List<NameChangeRequest> out;
    if (previous.equals("-")) {
      out = NcrPolicy.allocated(parse(current), p);
    } else if (current.equals("-")) {
      out = NcrPolicy.removed(parse(previous), p);
    } else {
      out = NcrPolicy.renewed(parse(previous), p, parse(current), p);
    }
    assertThat(summary(out)).isEqualTo(ncrs);
  }

  private static Lease4 parse(String row) {
    String[] f = row.split(" ");
    return lease(f[0], f[1].equals("-") ? "" : f[1], f[2].equals("1"), f[3].equals("1"));
  }

  @Test
  void remove_carriesTheStoredNameTtlAndExpiry() {
    NameChangeRequest ncr =
        NcrPolicy.removed(lease("10.0.0.35", "host1.example.com.", true, false), ON).get(0);
    assertThat(ncr.type()).isEqualTo(ChangeType.REMOVE);
    assertThat(ncr.forward()).isTrue();
    assertThat(ncr.reverse()).isFalse();
    assertThat(ncr.leaseLength()).isEqualTo(1200);
    assertThat(ncr.leaseExpiresOn()).isEqualTo(Instant.ofEpochSecond(CLTT + 1200));
    assertThat(ncr.dhcid().toHex())
        .isEqualTo("00010152C2424C88CCC4A13ED923456C414C5965EECA60F2D5A0A1D894FAE8F09D9720");
  }

  /** Spec §4: every DHCID vector, through the lease's identifier choice. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "fromClientId,      00:01:02:03:04:05:06, -, myhost.example.com.,"
        + " 0001012191B7B21AF97E0E656DF887C5E2DEF30E7758A207EDF4CCB2DE8CA37066021C",
    "fromHWAddr,        -, 00:01:02:03:04:05:06, myhost.example.com.,"
        + " 0000012247F6DC4423C3E8627434A9D6868609D88948F78018B215EDCAA30C0C135035",
    "fromClientIdDUID,  ff:5d:e2:6c:15:00:02:00:00:ab:11:9a:57:20:95:71:61:bd:d0, -,"
        + " myhost.example.com.,"
        + " 000201A250D060B9352AE68E5014B78D251C30EFB0D5F64E48303B2BC56E6938F129E7",
    "createNameChangeRequestsNewLease, 64:65:66:67, -, myhost.example.com.,"
        + " 00010132E91AA355CFBB753C0F0497A5A940436965B68B6D438D98E680BF10B09F3BCF",
    "RFC 4701 example 2, 01:07:08:09:0a:0b:0c, -, chi.example.com,"
        + " 0001013920FE5D1DCEB3FD0BA3379756A70D73B17009F41D58BDDBFCD6A2503956D8DA",
    "RFC 4701 example 3, -, 01:02:03:04:05:06, client.example.com,"
        + " 000001C4B9A5B249651343158DDE7BCC77169841F7A4243A572B5C283FFFEDEB3F75E6",
    "Kea 2.2.0 generated, 01:00:0c:01:02:03:04, -, myhost-10-0-0-35.example.com.,"
        + " 000101CC8B757C03268708347A5BE473B19E847E1F44A42BA273E63DAFE5B97170F90B",
    "Kea 2.2.0 host1,   01:00:0c:01:02:03:04, -, host1.example.com.,"
        + " 00010152C2424C88CCC4A13ED923456C414C5965EECA60F2D5A0A1D894FAE8F09D9720",
  })
  void dhcid_vectors(String source, String clientId, String hwaddr, String fqdn, String dhcid) {
    Lease4 l =
        new Lease4(
            (Inet4Address) IpAddresses.parse("10.0.0.1"),
            hwaddr.equals("-") ? Octets.EMPTY : Octets.parseColonHex(hwaddr),
            clientId.equals("-") ? Octets.EMPTY : Octets.parseColonHex(clientId),
            3600,
            CLTT,
            1,
            true,
            true,
            fqdn,
            LeaseState.DEFAULT,
            "");
    assertThat(NcrPolicy.dhcid(l, Fqdn.of(fqdn)).toHex()).isEqualTo(dhcid);
  }

  @Test
  void embeddedDuidTooShort_isRefusedWithTheReason() {
    Lease4 l =
        new Lease4(
            (Inet4Address) IpAddresses.parse("10.0.0.1"),
            MAC,
            Octets.parseColonHex("ff:01:02:03:04"),
            3600,
            CLTT,
            1,
            true,
            true,
            "h.example.com.",
            LeaseState.DEFAULT,
            "");
    assertThatThrownBy(() -> NcrPolicy.allocated(l, ON))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("embedded DUID length of: 5, is too short");
  }

  /** Spec §1.6. */
  @ParameterizedTest(name = "{0} s, percent {1}")
  @CsvSource({
    "3600, -,    1200",
    "4,    -,    600",
    "1799, -,    600",
    "1800, -,    600",
    "1803, -,    601",
    "7200, -,    2400",
    "3600, 0.5,  1800",
    "3600, 0.1,  600",
    "3601, 0.33333, 1200",
  })
  void ttl_table(long lifetime, String percent, long ttl) {
    OptionalDouble p =
        percent.equals("-")
            ? OptionalDouble.empty()
            : OptionalDouble.of(Double.parseDouble(percent));
    assertThat(DdnsTtl.of(lifetime, p)).isEqualTo(ttl);
  }
}
