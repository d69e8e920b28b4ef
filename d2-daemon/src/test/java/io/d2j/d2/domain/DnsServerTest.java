package io.d2j.d2.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.tsig.TsigKeySpec;
import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** equals and hashCode are written out (not the record's): every component counts. */
class DnsServerTest {

  private static final TsigKeySpec KEY =
      TsigKeySpec.of("d2key", "HMAC-SHA256", 0, "LSWXnfkKZjdPJI5QxlpnfQ==");

  private static DnsServer server(String address, int port, String ownKey, TsigKeySpec key)
      throws Exception {
    return new DnsServer(
        InetAddress.getByName(address),
        port,
        Optional.ofNullable(ownKey),
        Optional.ofNullable(key));
  }

  @Test
  void equality_isComponentWise_andHashesAgree() throws Exception {
    DnsServer server = server("192.0.2.53", 53, "d2key", KEY);
    DnsServer same = server("192.0.2.53", 53, "d2key", KEY);

    assertThat(server).isEqualTo(same).hasSameHashCodeAs(same);
    assertThat(server)
        .isNotEqualTo(server("192.0.2.54", 53, "d2key", KEY))
        .isNotEqualTo(server("192.0.2.53", 5353, "d2key", KEY))
        .isNotEqualTo(server("192.0.2.53", 53, null, KEY))
        .isNotEqualTo(server("192.0.2.53", 53, "d2key", null))
        .isNotEqualTo(null)
        .isNotEqualTo("192.0.2.53:53");
    assertThat(server("2001:db8::53", 53, null, null))
        .isEqualTo(server("2001:db8::53", 53, null, null))
        .hasSameHashCodeAs(server("2001:db8::53", 53, null, null));
  }
}
