package io.d2j.dhcp4.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpOptions;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.dhcp4.packet.OptionCodes;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoadBalancingTest {

  private static Octets hex(String text) {
    return Octets.of(HexFormat.of().parseHex(text));
  }

  /** Spec §6.6's vectors (computed from RFC 3074's algorithm, checked against Kea 2.2.0). */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "01000c01020304, 104, 0",
    "01000c01020305, 62, 0",
    "01000c01020306, 202, 0",
    "01000c01020307, 69, 1",
    "01000c0102030d, 28, 0",
    "01000c0102030e, 165, 1",
    "000c01020304, 131, 1",
    "010203040506, 179, 1",
    "000000000000, 254, 0",
    "aabbccddeeff, 57, 1",
    "01aabbccddeeff, 102, 0"
  })
  void specVectors(String key, int hash, int index) {
    assertThat(LoadBalancing.hash(hex(key))).isEqualTo(hash);
    assertThat(LoadBalancing.serverIndex(hex(key), 2)).isEqualTo(index);
  }

  private static final HaConfig LB = config(HaMode.LOAD_BALANCING, HaRole.SECONDARY);
  private static final HaConfig HS = config(HaMode.HOT_STANDBY, HaRole.STANDBY);

  private static HaConfig config(HaMode mode, HaRole second) {
    var url1 = new PeerUrl(false, io.d2j.ncr.IpAddresses.parse("127.0.0.1"), 8001, "http://x/");
    var url2 = new PeerUrl(false, io.d2j.ncr.IpAddresses.parse("127.0.0.1"), 8002, "http://y/");
    var empty = java.util.Optional.<BasicAuth>empty();
    var noTls = java.util.Optional.<TlsFiles>empty();
    // the secondary listed first: the hash indexes the primary first whatever the file order
    List<HaPeer> peers =
        List.of(
            new HaPeer("server2", url2, second, true, empty, noTls),
            new HaPeer("server1", url1, HaRole.PRIMARY, true, empty, noTls));
    return new HaConfig(
        "server1",
        mode,
        java.time.Duration.ofSeconds(10),
        java.time.Duration.ofSeconds(60),
        java.time.Duration.ofSeconds(10),
        10,
        10,
        mode == HaMode.LOAD_BALANCING ? 100 : 0,
        true,
        true,
        java.time.Duration.ofSeconds(60),
        10_000,
        false,
        false,
        true,
        HaConfig.MultiThreading.DEFAULTS,
        java.util.Map.of(),
        peers);
  }

  /** perfdhcp client n: MAC 00:0c:01:02:03:04 + n, option 61 = 01 + MAC (spec §6.6). */
  private static DhcpPacket perfdhcpClient(int n, DhcpMessageType type, boolean withClientId) {
    byte[] mac = HexFormat.of().parseHex("000c01020304");
    mac[5] = (byte) (mac[5] + n);
    var options =
        DhcpOptions.builder().put(OptionCodes.MESSAGE_TYPE, Octets.of((byte) type.code()));
    if (withClientId) {
      byte[] id = new byte[7];
      id[0] = 1;
      System.arraycopy(mac, 0, id, 1, 6);
      options.put(OptionCodes.CLIENT_IDENTIFIER, Octets.of(id));
    }
    return DhcpPacket.request(1, Octets.of(mac), options.build());
  }

  @Test
  void perfdhcpClients_primaryGetsTheElevenKeaAnswers() {
    QueryScopes scopes = new QueryScopes(LB);
    List<Integer> primary = new ArrayList<>();
    IntStream.range(0, 20)
        .forEach(
            n -> {
              var q = perfdhcpClient(n, DhcpMessageType.DISCOVER, true);
              if (scopes.served(q, Set.of("server1"))) {
                primary.add(n);
              }
              assertThat(scopes.served(q, Set.of("server1", "server2"))).isTrue();
            });
    assertThat(primary).containsExactly(0, 1, 2, 4, 5, 6, 7, 8, 9, 13, 15);
  }

  @Test
  void classNames_followTheHash_clientIdFirstThenChaddr() {
    QueryScopes scopes = new QueryScopes(LB);
    // client-id 01000c01020307: index 1
    assertThat(scopes.className(perfdhcpClient(3, DhcpMessageType.REQUEST, true)))
        .contains("HA_server2");
    // no option 61: chaddr 000c01020304 hashes to 131, index 1
    assertThat(scopes.className(perfdhcpClient(0, DhcpMessageType.REQUEST, false)))
        .contains("HA_server2");
    // with option 61 the same client is the primary's
    assertThat(scopes.className(perfdhcpClient(0, DhcpMessageType.REQUEST, true)))
        .contains("HA_server1");
  }

  @Test
  void noIdentifier_isNotPlaced_andNotServed() {
    var q =
        DhcpPacket.request(
            1,
            Octets.EMPTY,
            DhcpOptions.builder()
                .put(OptionCodes.MESSAGE_TYPE, Octets.of((byte) DhcpMessageType.DISCOVER.code()))
                .build());
    QueryScopes scopes = new QueryScopes(LB);
    assertThat(scopes.classify(q)).isEqualTo(new QueryScopes.NoIdentifier());
    assertThat(scopes.className(q)).isEmpty();
    assertThat(scopes.served(q, Set.of("server1", "server2"))).isFalse();
  }

  @Test
  void typesHaDoesNotFilter_areThePrimarysClass_andAlwaysProcessed() {
    QueryScopes scopes = new QueryScopes(LB);
    // client #3 hashes to the secondary, but a DHCPLEASEQUERY is not filtered
    var q = perfdhcpClient(3, DhcpMessageType.LEASEQUERY, true);
    assertThat(scopes.classify(q))
        .isEqualTo(new QueryScopes.Owned(LB.peer("server1").orElseThrow(), false));
    assertThat(scopes.served(q, Set.of())).isTrue();
  }

  @Test
  void hotStandby_everyQueryIsThePrimarys() {
    QueryScopes scopes = new QueryScopes(HS);
    for (int n = 0; n < 20; n++) {
      var q = perfdhcpClient(n, DhcpMessageType.DISCOVER, true);
      assertThat(scopes.className(q)).contains("HA_server1");
      assertThat(scopes.served(q, Set.of("server1"))).isTrue();
      // a standby serving no scope answers nobody
      assertThat(scopes.served(q, Set.of())).isFalse();
    }
  }
}
