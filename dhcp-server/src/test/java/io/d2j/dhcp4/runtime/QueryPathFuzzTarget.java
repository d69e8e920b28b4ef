package io.d2j.dhcp4.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.dhcp4.config.Subnet4;
import io.d2j.dhcp4.ddns.DdnsParams;
import io.d2j.dhcp4.ddns.NcrPolicy;
import io.d2j.dhcp4.handler.PacketContext;
import io.d2j.dhcp4.lease.InMemoryLeaseStore;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.lease.LeaseEvents;
import io.d2j.dhcp4.packet.DhcpCodec;
import io.d2j.dhcp4.packet.DhcpFormatException;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.keaconfig.KeaConfigReader;
import io.d2j.keacontrol.stats.Statistics;
import io.d2j.ncr.IpAddresses;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.ncr.NcrFormatException;
import io.d2j.ncr.NcrJsonCodec;
import java.net.Inet4Address;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;

/**
 * Jazzer target: a datagram on the DHCP port through everything the packet thread does with it
 * (decode, client classes with Kea expressions over options, relay sub-options and the MAC, subnet
 * selection by relay and class, reservations by hw-address and circuit-id, allocation, the DDNS
 * name policy of option 81 and option 12), then what leaves: the reply is encoded as the socket
 * would send it, and the NCRs the lease events cause are built and written as the D2 would read
 * them. The chain may drop a query (counted as {@code pkt4-receive-drop}) only because it does not
 * decode; anything else dropped means a handler threw on the client's input. One server keeps its
 * leases across inputs, so later queries meet the leases earlier ones made (the pools are small:
 * renewals, conflicts and exhaustion all happen). Seeds: the packet decoder's.
 */
class QueryPathFuzzTarget {

  private static final String CONFIG =
      """
      {"Dhcp4": {
        "valid-lifetime": 3600,
        "host-reservation-identifiers": ["circuit-id", "hw-address", "client-id"],
        "option-def": [{"name": "site-id", "code": 224, "type": "record",
                        "record-types": "uint8, ipv4-address, string"}],
        "client-classes": [
          {"name": "pxe", "test": "substring(option[60].text, 0, 9) == 'PXEClient'",
           "next-server": "10.0.0.2", "boot-file-name": "pxelinux.0"},
          {"name": "efi",
           "test": "option[93].exists and ifelse(option[93].hex == 0x0007, 'efi', 'bios') == 'efi'"},
          {"name": "voip", "test": "lcase(option[60].text) == 'aastra' or member('efi')",
           "option-data": [{"name": "tftp-server-name", "data": "tftp.example.org"}]},
          {"name": "circuit", "test": "relay4[1].hex == 0x0a0b or option[82].option[2].exists"},
          {"name": "named", "test": "split(option[12].text, '.', 1) == 'printer'"},
          {"name": "mac",
           "test": "not (concat(hexstring(pkt4.mac, ':'), uint32totext(pkt4.hlen)) == '') and not (addrtotext(pkt4.giaddr) == '10.9.9.9')"}
        ],
        "dhcp-ddns": {"enable-updates": true},
        "ddns-send-updates": true,
        "ddns-qualifying-suffix": "example.org",
        "ddns-update-on-renew": true,
        "ddns-generated-prefix": "host",
        "hostname-char-set": "[^A-Za-z0-9.-]",
        "hostname-char-replacement": "x",
        "subnet4": [
          {"id": 1, "subnet": "10.0.0.0/24", "relay": {"ip-addresses": ["192.0.2.1"]},
           "pools": [{"pool": "10.0.0.10 - 10.0.0.13"},
                     {"pool": "10.0.0.20 - 10.0.0.21", "client-class": "pxe"}],
           "option-data": [{"name": "routers", "data": "10.0.0.1"},
                           {"name": "site-id", "code": 224, "data": "7, 10.0.0.3, lab"}],
           "reservations": [
             {"hw-address": "00:00:00:00:00:0f", "ip-address": "10.0.0.50", "hostname": "fixed"},
             {"circuit-id": "0a:0b", "ip-address": "10.0.0.51"}]},
          {"id": 2, "subnet": "10.1.0.0/24", "client-class": "voip",
           "relay": {"ip-addresses": ["192.0.2.1"]},
           "ddns-replace-client-name": "always",
           "pools": [{"pool": "10.1.0.10 - 10.1.0.11"}]},
          {"id": 3, "subnet": "10.2.0.0/24",
           "ddns-override-client-update": true,
           "pools": [{"pool": "10.2.0.10 - 10.2.0.12"}]}
        ]
      }}
      """;

  private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
  private static final Inet4Address SERVER_ID = (Inet4Address) IpAddresses.parse("10.2.0.1");

  private final Dhcp4Config config =
      Dhcp4ConfigParser.parse(KeaConfigReader.parse(CONFIG, "fuzz.json"), Path.of("/tmp"));
  private final Statistics stats = new Statistics(Clock.fixed(NOW, ZoneOffset.UTC));
  private final NcrJsonCodec codec = NcrJsonCodec.compatible(Clock.fixed(NOW, ZoneOffset.UTC));
  private final QueryBatch<String> batch =
      QueryBatch.assemble(config, new InMemoryLeaseStore(), new NcrsWritten(), stats);

  @FuzzTest(maxDuration = "30s")
  void query(byte[] datagram) {
    try {
      if (DhcpCodec.decode(datagram).op() != DhcpPacket.BOOTREQUEST) {
        return;
      }
    } catch (DhcpFormatException e) {
      return;
    }
    long dropped = stats.value("pkt4-receive-drop");

    List<QueryBatch.Answer<String>> answers =
        batch.process(
            List.of(
                new QueryBatch.Query<>(
                    datagram, "q", "fuzz", new PacketContext(NOW, SERVER_ID, List.of(SERVER_ID)))));

    assertThat(stats.value("pkt4-receive-drop"))
        .as("a decodable query was dropped: a handler threw (DHCP4_PACKET_PROCESS_EXCEPTION)")
        .isEqualTo(dropped);
    for (QueryBatch.Answer<String> a : answers) {
      byte[] wire;
      try {
        wire = DhcpCodec.encode(a.reply(), DhcpCodec.replySizeLimit(a.query().options()));
      } catch (IllegalArgumentException e) {
        // The packet loop drops such a reply (DHCP4_PACKET_PACK_FAIL); only a real overflow may.
        assertThat(e.getMessage())
            .matches("options: \\d+ octets do not fit a \\d+-octet message.*");
        continue;
      }
      try {
        assertThat(DhcpCodec.decode(wire).xid()).isEqualTo(a.reply().xid());
      } catch (DhcpFormatException e) {
        throw new AssertionError("our own reply does not decode: " + e.getMessage(), e);
      }
    }
  }

  /** The NCRs the lease events cause, built and encoded as NcrEmitter does, minus the socket. */
  private final class NcrsWritten implements LeaseEvents {

    @Override
    public void onAllocated(Lease4 lease) {
      write(() -> NcrPolicy.allocated(lease, params(lease)));
    }

    @Override
    public void onRenewed(Lease4 previous, Lease4 renewed) {
      write(() -> NcrPolicy.renewed(previous, params(previous), renewed, params(renewed)));
    }

    @Override
    public void onReleased(Lease4 lease) {
      write(() -> NcrPolicy.removed(lease, params(lease)));
    }

    @Override
    public void onDeclined(Lease4 previous) {
      write(() -> NcrPolicy.removed(previous, params(previous)));
    }

    private DdnsParams params(Lease4 lease) {
      return config.subnet(lease.subnetId()).map(Subnet4::ddns).orElseThrow();
    }

    /** NcrEmitter counts an IllegalArgumentException as ncr-build-failed; nothing else may come. */
    private void write(Supplier<List<NameChangeRequest>> policy) {
      List<NameChangeRequest> ncrs;
      try {
        ncrs = policy.get();
      } catch (IllegalArgumentException e) {
        return;
      } catch (RuntimeException e) {
        // DeferredLeaseEvents would log it and go on: here it is a finding.
        throw new AssertionError("the NCR policy threw on a lease the chain made: " + e, e);
      }
      for (NameChangeRequest ncr : ncrs) {
        String fqdn = ncr.fqdn().text();
        assertThat(fqdn.length()).as(fqdn).isLessThanOrEqualTo(254);
        for (String label : fqdn.split("\\.")) {
          assertThat(label).as(fqdn).isNotEmpty().hasSizeLessThanOrEqualTo(63);
        }
        try {
          assertThat(codec.decode(codec.encode(ncr))).isEqualTo(ncr);
        } catch (NcrFormatException e) {
          throw new AssertionError("the D2 would refuse our NCR: " + e.getMessage(), e);
        }
      }
    }
  }
}
