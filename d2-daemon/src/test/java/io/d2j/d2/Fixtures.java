package io.d2j.d2;

import io.d2j.d2.domain.DdnsDomain;
import io.d2j.d2.domain.DnsServer;
import io.d2j.ncr.ChangeType;
import io.d2j.ncr.ConflictResolutionMode;
import io.d2j.ncr.Dhcid;
import io.d2j.ncr.Fqdn;
import io.d2j.ncr.NameChangeRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Small builders for unit tests of the pure core. */
public final class Fixtures {

  public static final String DHCID_A =
      "0001012191B7B21AF97E0E656DF887C5E2DEF30E7758A207EDF4CCB2DE8CA37066021C";
  public static final String DHCID_B =
      "000201202F813E7D9C88BADA41250F2A66297742BB9B3EB37C0981D4A905745A30BDD3";

  private Fixtures() {}

  public static NameChangeRequest ncr(
      ChangeType type, ConflictResolutionMode mode, String fqdn, String ip, String dhcid) {
    return new NameChangeRequest(
        type, true, true, Fqdn.of(fqdn), ip(ip), Dhcid.fromHex(dhcid), null, 1200, mode);
  }

  public static NameChangeRequest add(String fqdn, String ip) {
    return ncr(ChangeType.ADD, ConflictResolutionMode.CHECK_WITH_DHCID, fqdn, ip, DHCID_A);
  }

  public static NameChangeRequest remove(String fqdn, String ip) {
    return ncr(ChangeType.REMOVE, ConflictResolutionMode.CHECK_WITH_DHCID, fqdn, ip, DHCID_A);
  }

  public static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  public static DnsServer server(String ip) {
    return new DnsServer(ip(ip), 53, Optional.empty(), Optional.empty());
  }

  public static DdnsDomain domain(String name, String... serverIps) {
    List<DnsServer> servers = Arrays.stream(serverIps).map(Fixtures::server).toList();
    return new DdnsDomain(name, Optional.empty(), servers);
  }
}
