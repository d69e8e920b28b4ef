package io.d2j.dhcp4.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.ncr.IpAddresses;
import java.net.Inet4Address;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The headers a raw socket writes and reads, octet by octet (RFC 791, RFC 768, RFC 1071). */
class Ipv4UdpTest {

  private static final Inet4Address SERVER = ip("10.1.0.1");
  private static final Inet4Address CLIENT = ip("10.1.0.100");

  @Test
  void build_writesBothHeadersWithValidChecksums_andParseReadsThemBack() {
    byte[] payload = {1, 2, 3, 4, 5};
    byte[] p = Ipv4Udp.build(SERVER, 67, CLIENT, 68, payload);

    assertThat(HexFormat.of().formatHex(p, 0, 20))
        .isEqualTo("450000210000000040116666" + "0a010001" + "0a010064");
    // A header whose checksum is right sums to zero (RFC 1071).
    assertThat(Ipv4Udp.checksum(p, 0, 20, 0)).isZero();
    long pseudo = 0x0a01 + 0x0001 + 0x0a01 + 0x0064 + 17 + 13;
    assertThat(Ipv4Udp.checksum(p, 20, 13, pseudo)).isZero();

    Ipv4Udp.Datagram d = Ipv4Udp.parse(p, p.length);
    assertThat(d.source()).isEqualTo(SERVER);
    assertThat(d.sourcePort()).isEqualTo(67);
    assertThat(d.destination()).isEqualTo(CLIENT);
    assertThat(d.port()).isEqualTo(68);
    assertThat(d.payload()).containsExactly(payload);
  }

  @Test
  void parse_refusesWhatIsNotAWholeUdpDatagram() {
    byte[] p = Ipv4Udp.build(SERVER, 67, CLIENT, 68, new byte[10]);
    assertThat(Ipv4Udp.parse(p, 27)).as("cut short").isNull();
    byte[] fragment = p.clone();
    fragment[6] = 0x20; // more fragments
    assertThat(Ipv4Udp.parse(fragment, fragment.length)).as("first fragment").isNull();
    byte[] tcp = p.clone();
    tcp[9] = 6;
    assertThat(Ipv4Udp.parse(tcp, tcp.length)).as("TCP").isNull();
    byte[] v6 = p.clone();
    v6[0] = 0x60;
    assertThat(Ipv4Udp.parse(v6, v6.length)).as("not IPv4").isNull();
    byte[] longUdp = p.clone();
    longUdp[25] = 100; // UDP length past the IP length
    assertThat(Ipv4Udp.parse(longUdp, longUdp.length)).as("UDP length").isNull();
  }

  private static Inet4Address ip(String s) {
    return (Inet4Address) IpAddresses.parse(s);
  }
}
