package io.d2j.dhcp4.alloc;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.dhcp4.lease.InMemoryLeaseStore;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.lease.LeaseState;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpOptions;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.dhcp4.packet.OptionCodes;
import io.d2j.keaconfig.KeaConfigReader;
import io.d2j.ncr.IpAddresses;
import java.net.Inet4Address;
import java.nio.file.Path;
import java.time.Instant;

/** A small configuration, clients by one-letter name, and queries built from table cells. */
public final class Fixtures {

  public static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
  public static final Inet4Address SERVER_ID = ip("192.0.2.100");

  public static final String CONFIG =
      """
      {"Dhcp4": {
        "valid-lifetime": 3600, "decline-probation-period": 600,
        "subnet4": [{"id": 1, "subnet": "10.0.0.0/24", "relay": {"ip-addresses": ["192.0.2.1"]},
                     "pools": [{"pool": "10.0.0.10 - 10.0.0.12"}],
                     "option-data": [{"name": "routers", "data": "10.0.0.1"}],
                     "reservations": [{"hw-address": "00:00:00:00:00:0f", "ip-address": "10.0.0.50"},
                                      {"hw-address": "00:00:00:00:00:0e", "ip-address": "10.0.0.11"}]}],
        "shared-networks": [{"name": "net", "subnet4": [
            {"id": 2, "subnet": "10.1.0.0/24", "pools": [{"pool": "10.1.0.10 - 10.1.0.10"}]},
            {"id": 3, "subnet": "10.2.0.0/24", "relay": {"ip-addresses": ["192.0.2.2"]},
             "pools": [{"pool": "10.2.0.10 - 10.2.0.11"}]}]}]
      }}
      """;

  private Fixtures() {}

  public static Dhcp4Config config() {
    return Dhcp4ConfigParser.parse(KeaConfigReader.parse(CONFIG, "test.json"), Path.of("/tmp"));
  }

  public static Inet4Address ip(String text) {
    return (Inet4Address) IpAddresses.parse(text);
  }

  /** Client letter a..z as MAC 00:00:00:00:00:0X. */
  public static Octets mac(char client) {
    return Octets.of(new byte[] {0, 0, 0, 0, 0, (byte) (client - 'a' + 10)});
  }

  /**
   * Leases from text {@code 10.0.0.10=b} (client b, live), {@code 10.0.0.10=b/expired}, {@code
   * 10.0.0.10=declined}; entries separated by spaces; "-" for none.
   */
  public static InMemoryLeaseStore leases(String spec) {
    InMemoryLeaseStore store = new InMemoryLeaseStore();
    if (spec == null || spec.equals("-")) {
      return store;
    }
    for (String entry : spec.trim().split("\\s+")) {
      String[] kv = entry.split("=");
      Inet4Address address = ip(kv[0]);
      long subnet = kv[0].startsWith("10.0.") ? 1 : kv[0].startsWith("10.1.") ? 2 : 3;
      if (kv[1].equals("declined")) {
        store.add(
            new Lease4(
                address,
                Octets.EMPTY,
                Octets.EMPTY,
                600,
                NOW.getEpochSecond() - 10,
                subnet,
                false,
                false,
                "",
                LeaseState.DECLINED,
                ""));
        continue;
      }
      char who = kv[1].charAt(0);
      long cltt =
          kv[1].endsWith("/expired") ? NOW.getEpochSecond() - 7200 : NOW.getEpochSecond() - 100;
      store.add(Lease4.assigned(address, mac(who), Octets.EMPTY, 3600, cltt, subnet));
    }
    return store;
  }

  /**
   * A query from {@code client}: type, and optional cells "sid=…", "req=…", "ci=…", "gi=…", "82".
   */
  public static DhcpPacket query(DhcpMessageType type, char client, String fields) {
    DhcpOptions.Builder b = DhcpOptions.builder().messageType(type);
    Inet4Address ciaddr = DhcpPacket.ANY;
    Inet4Address giaddr = DhcpPacket.ANY;
    if (fields != null) {
      for (String f : fields.trim().split("\\s+")) {
        if (f.startsWith("sid=")) {
          b.address(OptionCodes.SERVER_IDENTIFIER, ip(f.substring(4)));
        } else if (f.startsWith("req=")) {
          b.address(OptionCodes.REQUESTED_ADDRESS, ip(f.substring(4)));
        } else if (f.startsWith("ci=")) {
          ciaddr = ip(f.substring(3));
        } else if (f.startsWith("gi=")) {
          giaddr = ip(f.substring(3));
        } else if (f.equals("82")) {
          b.put(OptionCodes.RELAY_AGENT_INFORMATION, (byte) 1, (byte) 2, (byte) 0x41, (byte) 0x42);
        } else if (!f.isEmpty() && !f.equals("-")) {
          throw new IllegalArgumentException("unknown query field " + f);
        }
      }
    }
    DhcpPacket p = DhcpPacket.request(0x1234, mac(client), b.build());
    return new DhcpPacket(
        p.op(),
        p.htype(),
        p.hlen(),
        giaddr.equals(DhcpPacket.ANY) ? 0 : 1,
        p.xid(),
        0,
        0,
        ciaddr,
        DhcpPacket.ANY,
        DhcpPacket.ANY,
        giaddr,
        p.chaddr(),
        p.sname(),
        p.file(),
        p.options());
  }
}
