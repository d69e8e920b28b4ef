package io.d2j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.ncr.Dhcid;
import io.d2j.ncr.Fqdn;
import io.d2j.testkit.BindServer;
import java.io.IOException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.xbill.DNS.DHCIDRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/** What BIND holds for one client's name, read with dnsjava queries and AXFR. */
final class ChainRecords {
  private ChainRecords() {}

  /** The DHCID an RFC 4701 §3.3 server computes for a client without a client identifier. */
  static Dhcid dhcidOfHwAddress(String mac, String fqdn) {
    byte[] chaddr = HexFormat.ofDelimiter(":").parseHex(mac);
    return Dhcid.fromHwAddress(1, chaddr, Fqdn.of(fqdn));
  }

  /**
   * The DHCID a server computes for a lease (RFC 4701 §3.3): from its client identifier if it has
   * one (identifier type 1), else from its hardware address (type 0).
   */
  static Dhcid dhcidOf(Lease lease) {
    HexFormat colons = HexFormat.ofDelimiter(":");
    return lease.clientId().isEmpty()
        ? Dhcid.fromHwAddress(1, colons.parseHex(lease.hwAddress()), Fqdn.of(lease.fqdn()))
        : Dhcid.fromClientId(colons.parseHex(lease.clientId()), Fqdn.of(lease.fqdn()));
  }

  /** One row of a Kea memfile lease file (d2j-dhcp4 writes the same format). */
  record Lease(String address, String hwAddress, String clientId, String hostname) {
    /** The hostname as a DNS name: option-12 names are stored without the trailing dot. */
    String fqdn() {
      return hostname.endsWith(".") ? hostname : hostname + ".";
    }
  }

  /**
   * The last row per address with a hostname and a non-zero lifetime (a release row has 0) of a Kea
   * 2.2 lease file: {@code address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,
   * fqdn_rev,hostname,state,user_context}.
   */
  static List<Lease> leases(Path csv) throws IOException {
    Map<String, Lease> out = new TreeMap<>();
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      List<String> f = List.of(line.split(",", -1));
      if (f.size() > 8 && !f.get(8).isEmpty() && !f.get(3).equals("0")) {
        out.put(f.get(0), new Lease(f.get(0), f.get(1), f.get(2), f.get(8)));
      }
    }
    return List.copyOf(out.values());
  }

  /** True once the A, DHCID and PTR of the name are all there (whatever their values). */
  static boolean allPresent(BindServer bind, String fqdn, String address) {
    return !bind.query(fqdn, Type.A).isEmpty()
        && !bind.query(fqdn, Type.DHCID).isEmpty()
        && !bind.query(reverseName(address), Type.PTR).isEmpty();
  }

  /** True once the A, DHCID and PTR of the name are all gone. */
  static boolean allGone(BindServer bind, String fqdn, String address) {
    return bind.query(fqdn, Type.A).isEmpty()
        && bind.query(fqdn, Type.DHCID).isEmpty()
        && bind.query(reverseName(address), Type.PTR).isEmpty();
  }

  /** A = the leased address, DHCID = {@code dhcid}, PTR = the name: exactly one of each. */
  static void assertRecords(BindServer bind, String fqdn, String address, Dhcid dhcid) {
    assertThat(bind.query(fqdn, Type.A))
        .as("A %s", fqdn)
        .extracting(Record::rdataToString)
        .containsExactly(address);
    List<Record> dhcids = bind.query(fqdn, Type.DHCID);
    assertThat(dhcids).as("DHCID %s", fqdn).hasSize(1);
    assertThat(HexFormat.of().formatHex(((DHCIDRecord) dhcids.get(0)).getData()))
        .as("DHCID %s (RFC 4701 from the client's hardware address)", fqdn)
        .isEqualToIgnoringCase(dhcid.toHex());
    assertThat(bind.query(reverseName(address), Type.PTR))
        .as("PTR %s", reverseName(address))
        .extracting(Record::rdataToString)
        .containsExactly(fqdn);
  }

  /** Every owner name and type of {@code zone} except the SOA (whose serial each update bumps). */
  static Set<String> zoneContent(BindServer bind, String zone) {
    Set<String> out = new TreeSet<>();
    for (Record r : bind.axfr(zone)) {
      if (r.getType() != Type.SOA) {
        out.add(r.getName() + " " + Type.string(r.getType()) + " " + r.rdataToString());
      }
    }
    return out;
  }

  /** The SOA serial of {@code zone}. */
  static long serial(BindServer bind, String zone) {
    return ((SOARecord) bind.query(zone, Type.SOA).get(0)).getSerial();
  }

  static String reverseName(String address) {
    try {
      return ReverseMap.fromAddress(address).toString();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("address: not an IP literal: " + address, e);
    }
  }
}
