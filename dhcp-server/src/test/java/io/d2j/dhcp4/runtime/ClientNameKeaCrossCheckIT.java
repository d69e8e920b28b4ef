package io.d2j.dhcp4.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.kea.KeaDhcp4;
import io.d2j.dhcp4.packet.DhcpCodec;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpPacket;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ClientNameAbuseTest}'s datagrams sent to kea-dhcp4 2.2 through a relay socket on loopback,
 * its NCRs caught on a socket standing in for D2: with the default {@code hostname-char-set} Kea's
 * ACK names and NCR FQDNs are the table's, row for row; with sanitising off, Kea agrees with the
 * table wherever d2j uses the name, and where d2j refuses it Kea sends an NCR for it (with {@code
 * \DDD} escapes for the control and non-ASCII octets: the difference the table documents). Kea's
 * NCR is read as text: with sanitising off it is not valid JSON. Needs kea-dhcp4 (Debian
 * kea-dhcp4-server); skipped with the reason otherwise. One Kea per char-set, each answering the
 * table's DORAs.
 */
class ClientNameKeaCrossCheckIT {

  @TempDir Path dir;

  @Test
  void keaDhcp4_answersTheTablesDatagramsAsTheTableSays() throws Exception {
    assumeTrue(KeaDhcp4.installed(), "kea-dhcp4 not installed (kea-dhcp4-server)");
    List<ClientNameAbuseTest.Row> rows = ClientNameAbuseTest.rows();
    List<String> disagreements = new ArrayList<>();
    int escaped = 0;
    for (boolean sanitise : new boolean[] {true, false}) {
      List<ClientNameAbuseTest.Row> part =
          rows.stream().filter(r -> r.sanitise() == sanitise).toList();
      List<String[]> kea = kea(part, sanitise);
      for (int i = 0; i < part.size(); i++) {
        ClientNameAbuseTest.Row r = part.get(i);
        String[] got = kea.get(i);
        if (r.keaNcr().equals("any NCR")) {
          // Kea keeps the name and sends it to D2 (\DDD escapes, or an escape it resolved).
          if (!got[1].equals("-")) {
            escaped++;
          } else {
            disagreements.add(r + ": kea sent " + Arrays.toString(got) + ", expected an NCR");
          }
        } else if (!r.keaNcr().equals(r.ncr())) {
          // Kea keeps what d2j removes (NUL) or splits (a dot inside a wire label).
          if (!got[1].equals(r.keaNcr())) {
            disagreements.add(r + ": kea " + Arrays.toString(got) + ", table " + r.keaNcr());
          }
        } else if (!got[0].equals(r.reply()) || !got[1].equals(r.ncr())) {
          disagreements.add(
              r + ": kea " + Arrays.toString(got) + ", table [" + r.reply() + ", " + r.ncr() + "]");
        }
      }
    }
    assertThat(disagreements).isEmpty();
    assertThat(escaped).isEqualTo(8);
  }

  /** For each row: the ACK's name ("-", "no reply") and the NCR's fqdn as Kea wrote it ("-"). */
  private List<String[]> kea(List<ClientNameAbuseTest.Row> rows, boolean sanitise)
      throws Exception {
    Path run = dir.resolve(sanitise ? "default" : "off");
    Files.createDirectories(run);
    List<String[]> out = new ArrayList<>();
    try (DatagramSocket relay = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        DatagramSocket d2 = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      int serverPort = probe.getLocalPort();
      probe.close();
      String config =
          """
          {"Dhcp4": {
            "interfaces-config": {"interfaces": ["lo"], "dhcp-socket-type": "udp"},
            "lease-database": {"type": "memfile", "persist": false},
            "valid-lifetime": 3600,
            "dhcp-ddns": {"enable-updates": true, "server-ip": "127.0.0.1", "server-port": %d},
            "ddns-qualifying-suffix": "example.com",
            %s
            "subnet4": [{"id": 1, "subnet": "127.0.0.0/8",
                         "pools": [{"pool": "127.0.0.100 - 127.0.0.200"}]}]
          }}
          """
              .formatted(d2.getLocalPort(), sanitise ? "" : "\"hostname-char-set\": \"\",");
      try (KeaDhcp4 kea =
          KeaDhcp4.start(
              run,
              config,
              List.of(
                  "-p",
                  Integer.toString(serverPort),
                  "-P",
                  Integer.toString(relay.getLocalPort())))) {
        relay.setSoTimeout(2000);
        d2.setSoTimeout(2000);
        int n = 0;
        for (ClientNameAbuseTest.Row r : rows) {
          Octets mac = Octets.of(new byte[] {2, 0, 0, 0, 0x20, (byte) n++});
          Optional<DhcpPacket> offer =
              exchange(
                  relay,
                  serverPort,
                  relayedFrom127(mac, DhcpMessageType.DISCOVER, r, Optional.empty()));
          if (offer.isEmpty()) {
            out.add(new String[] {"no reply", "-"});
            continue;
          }
          DhcpPacket ack =
              exchange(
                      relay,
                      serverPort,
                      relayedFrom127(
                          mac, DhcpMessageType.REQUEST, r, Optional.of(offer.get().yiaddr())))
                  .orElseThrow(() -> new AssertionError(r + ": no ACK from kea-dhcp4"));
          String name = name(ack, r.code());
          out.add(new String[] {name, name.equals("-") ? "-" : ncrFqdn(d2)});
        }
      }
    }
    return out;
  }

  private static DhcpPacket relayedFrom127(
      Octets mac,
      DhcpMessageType type,
      ClientNameAbuseTest.Row r,
      Optional<java.net.Inet4Address> requested) {
    DhcpPacket p = ClientNameAbuseTest.relayed(mac, type, r, requested);
    // kea-dhcp4 answers the relay at giaddr, which must be the loopback relay socket's address;
    // its server identifier there is 127.0.0.1.
    java.net.Inet4Address lo = io.d2j.dhcp4.alloc.Fixtures.ip("127.0.0.1");
    DhcpPacket q =
        requested.isEmpty()
            ? p
            : p.withOptions(
                p.options().toBuilder()
                    .address(io.d2j.dhcp4.packet.OptionCodes.SERVER_IDENTIFIER, lo)
                    .build());
    return new DhcpPacket(
        q.op(),
        q.htype(),
        q.hlen(),
        q.hops(),
        q.xid(),
        q.secs(),
        q.flags(),
        q.ciaddr(),
        q.yiaddr(),
        q.siaddr(),
        lo,
        q.chaddr(),
        q.sname(),
        q.file(),
        q.options());
  }

  private static Optional<DhcpPacket> exchange(DatagramSocket relay, int port, DhcpPacket query)
      throws Exception {
    byte[] out = DhcpCodec.encode(query, 1500);
    relay.send(new DatagramPacket(out, out.length, new InetSocketAddress("127.0.0.1", port)));
    byte[] buf = new byte[4096];
    DatagramPacket in = new DatagramPacket(buf, buf.length);
    try {
      relay.receive(in);
    } catch (SocketTimeoutException e) {
      return Optional.empty();
    }
    return Optional.of(DhcpCodec.decode(Arrays.copyOf(buf, in.getLength())));
  }

  private static String name(DhcpPacket ack, int code) {
    if (code == 12) {
      return ack.options().hostName().orElse("-");
    }
    return ack.options()
        .get(io.d2j.dhcp4.packet.OptionCodes.CLIENT_FQDN)
        .map(o -> io.d2j.dhcp4.ddns.ClientFqdn.decode(o).name() + ".")
        .orElse("-");
  }

  /** The "fqdn" member of the next NCR, as text (Kea's \DDD escapes are not valid JSON). */
  private static String ncrFqdn(DatagramSocket d2) throws Exception {
    byte[] buf = new byte[4096];
    DatagramPacket in = new DatagramPacket(buf, buf.length);
    try {
      d2.receive(in);
    } catch (SocketTimeoutException e) {
      return "-";
    }
    String text = new String(buf, 2, in.getLength() - 2, StandardCharsets.ISO_8859_1);
    int at = text.indexOf("\"fqdn\":");
    int start = text.indexOf('"', at + 7) + 1;
    int end = start;
    while (text.charAt(end) != '"' || text.charAt(end - 1) == '\\') {
      end++;
    }
    return text.substring(start, end);
  }
}
