package io.d2j.dhcp4.plugins.classify;

import static io.d2j.dhcp4.plugins.classify.ChainHarness.discover;
import static io.d2j.dhcp4.plugins.classify.ChainHarness.hex;
import static io.d2j.dhcp4.plugins.classify.ChainHarness.ip;
import static io.d2j.dhcp4.plugins.classify.ChainHarness.mac;
import static io.d2j.dhcp4.plugins.classify.ChainHarness.relayed;
import static io.d2j.dhcp4.plugins.classify.ChainHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpPacket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Client classes through the whole chain, without sockets: tests before subnet selection, the
 * reservation's classes and KNOWN/UNKNOWN, only-if-required classes, and what classes decide (pool,
 * boot fields, options, lifetime, drop).
 */
class ClassificationChainTest {

  private static final String PXE_TEST =
      "\"test\": \"substring(option[60].text, 0, 9) == 'PXEClient'\"";

  @Test
  void pxeClient_getsBootFieldsOfItsClass_othersTheSubnets() {
    ChainHarness h =
        new ChainHarness(
            """
            "client-classes": [{"name": "pxe", %s, "next-server": "192.0.2.10",
                                "server-hostname": "boot1", "boot-file-name": "pxelinux.0"}],
            "subnet4": [{"id": 1, "subnet": "10.0.0.0/24", "relay": {"ip-addresses": ["192.0.2.1"]},
                         "next-server": "192.0.2.9", "boot-file-name": "default.bin",
                         "pools": [{"pool": "10.0.0.10 - 10.0.0.20"}]}]
            """
                .formatted(PXE_TEST));

    DhcpPacket pxe =
        h.run(discover(mac(1), Map.of(60, text("PXEClient:Arch:00000:UNDI:002001")))).orElseThrow();
    DhcpPacket plain = h.run(discover(mac(2), Map.of())).orElseThrow();

    assertThat(pxe.siaddr()).isEqualTo(ip("192.0.2.10"));
    assertThat(ascii(pxe.file())).isEqualTo("pxelinux.0");
    assertThat(ascii(pxe.sname())).isEqualTo("boot1");
    assertThat(plain.siaddr()).isEqualTo(ip("192.0.2.9"));
    assertThat(ascii(plain.file())).isEqualTo("default.bin");
    assertThat(ascii(plain.sname())).isEmpty();
  }

  @Test
  void classRestrictedPool_servesItsClass_andIsRefusedToOthers() {
    ChainHarness h =
        new ChainHarness(
            """
            "client-classes": [{"name": "phones", "test": "option[60].text == 'voip'"}],
            "subnet4": [{"id": 1, "subnet": "10.0.0.0/24", "relay": {"ip-addresses": ["192.0.2.1"]},
                         "pools": [{"pool": "10.0.0.10 - 10.0.0.19", "client-class": "phones"},
                                   {"pool": "10.0.0.20 - 10.0.0.20"}]}]
            """);

    DhcpPacket phone = h.run(discover(mac(1), Map.of(60, text("voip")))).orElseThrow();
    DhcpPacket pc = h.run(discover(mac(2), Map.of())).orElseThrow();
    h.dora(mac(2), Map.of());
    Optional<DhcpPacket> second = h.run(discover(mac(3), Map.of()));
    DhcpPacket stolen =
        h.run(
                relayed(
                    DhcpMessageType.REQUEST,
                    mac(3),
                    Map.of(50, Octets.of(ip("10.0.0.11").getAddress()), 54, serverId()),
                    DhcpPacket.ANY))
            .orElseThrow();

    assertThat(phone.yiaddr()).isEqualTo(ip("10.0.0.10"));
    assertThat(pc.yiaddr()).isEqualTo(ip("10.0.0.20"));
    // The unrestricted pool is used up; the phones' pool stays closed to a PC.
    assertThat(second).isEmpty();
    assertThat(stolen.messageType()).contains(DhcpMessageType.NAK);
  }

  @Test
  void classRestrictedSubnet_isNotSelectedForOthers() {
    ChainHarness h =
        new ChainHarness(
            """
            "client-classes": [{"name": "lab", "test": "option[60].exists"}],
            "subnet4": [{"id": 1, "subnet": "10.0.0.0/24", "relay": {"ip-addresses": ["192.0.2.1"]},
                         "client-class": "lab", "pools": [{"pool": "10.0.0.10 - 10.0.0.20"}]},
                        {"id": 2, "subnet": "10.1.0.0/24", "relay": {"ip-addresses": ["192.0.2.1"]},
                         "pools": [{"pool": "10.1.0.10 - 10.1.0.20"}]}]
            """);

    assertThat(h.run(discover(mac(1), Map.of(60, text("x")))).orElseThrow().yiaddr())
        .isEqualTo(ip("10.0.0.10"));
    assertThat(h.run(discover(mac(2), Map.of())).orElseThrow().yiaddr()).isEqualTo(ip("10.1.0.10"));
  }

  @Test
  void circuitIdReservation_givesTheReservedAddress_andKnownClassesFollow() {
    ChainHarness h =
        new ChainHarness(
            """
            "host-reservation-identifiers": ["circuit-id", "hw-address"],
            "client-classes": [
              {"name": "port7", "test": "relay4[1].hex == 'port-7'"},
              {"name": "known", "test": "member('KNOWN')",
               "option-data": [{"name": "domain-name", "data": "known.example"}]},
              {"name": "stranger", "test": "member('UNKNOWN')",
               "option-data": [{"name": "domain-name", "data": "guest.example"}]}],
            "subnet4": [{"id": 1, "subnet": "10.0.0.0/24", "relay": {"ip-addresses": ["192.0.2.1"]},
                         "pools": [{"pool": "10.0.0.10 - 10.0.0.20"}],
                         "reservations": [{"circuit-id": "'port-7'", "ip-address": "10.0.0.77",
                                           "client-classes": ["printers"]}]}]
            """);
    Map<Integer, Octets> port7 = Map.of(82, hex("01:06:70:6f:72:74:2d:37"));

    DhcpPacket printer = h.run(discover(mac(1), port7)).orElseThrow();
    DhcpPacket other =
        h.run(discover(mac(2), Map.of(82, hex("01:06:70:6f:72:74:2d:38")))).orElseThrow();

    assertThat(printer.yiaddr()).isEqualTo(ip("10.0.0.77"));
    assertThat(ascii(printer.options().get(15).orElseThrow())).isEqualTo("known.example");
    assertThat(other.yiaddr()).isEqualTo(ip("10.0.0.10"));
    assertThat(ascii(other.options().get(15).orElseThrow())).isEqualTo("guest.example");
  }

  @Test
  void reservedClientClasses_joinBeforeTheSecondPass() {
    ChainHarness h =
        new ChainHarness(
            """
            "client-classes": [
              {"name": "gold"},
              {"name": "not-gold", "test": "not member('gold')",
               "option-data": [{"name": "domain-name", "data": "silver.example"}]},
              {"name": "gold-known", "test": "member('gold') and member('KNOWN')",
               "option-data": [{"name": "domain-name", "data": "gold.example"}]}],
            "subnet4": [{"id": 1, "subnet": "10.0.0.0/24", "relay": {"ip-addresses": ["192.0.2.1"]},
                         "pools": [{"pool": "10.0.0.10 - 10.0.0.20"}],
                         "reservations": [{"hw-address": "00:11:22:33:44:01",
                                           "client-classes": ["gold"]}]}]
            """);

    DhcpPacket gold = h.run(discover(mac(1), Map.of())).orElseThrow();
    DhcpPacket silver = h.run(discover(mac(2), Map.of())).orElseThrow();

    // Kea re-runs the first pass with the reserved class: 'not member(gold)' no longer matches.
    assertThat(ascii(gold.options().get(15).orElseThrow())).isEqualTo("gold.example");
    assertThat(ascii(silver.options().get(15).orElseThrow())).isEqualTo("silver.example");
  }

  @Test
  void onlyIfRequired_isEvaluatedWhereASubnetOrPoolRequiresIt() {
    ChainHarness h =
        new ChainHarness(
            """
            "client-classes": [
              {"name": "late", "test": "option[60].exists", "only-if-required": true,
               "option-data": [{"name": "domain-name", "data": "late.example"}]}],
            "subnet4": [
              {"id": 1, "subnet": "10.0.0.0/24", "relay": {"ip-addresses": ["192.0.2.1"]},
               "require-client-classes": ["late"],
               "pools": [{"pool": "10.0.0.10 - 10.0.0.20"}]},
              {"id": 2, "subnet": "10.1.0.0/24", "relay": {"ip-addresses": ["192.0.2.2"]},
               "pools": [{"pool": "10.1.0.10 - 10.1.0.20"}]}]
            """);

    DhcpPacket required = h.run(discover(mac(1), Map.of(60, text("x")))).orElseThrow();

    assertThat(ascii(required.options().get(15).orElseThrow())).isEqualTo("late.example");
    DhcpPacket q = discover(mac(2), Map.of(60, text("x")));
    DhcpPacket elsewhere =
        h.run(
                new DhcpPacket(
                    q.op(),
                    q.htype(),
                    q.hlen(),
                    1,
                    q.xid(),
                    0,
                    0,
                    q.ciaddr(),
                    q.yiaddr(),
                    q.siaddr(),
                    ip("192.0.2.2"),
                    q.chaddr(),
                    q.sname(),
                    q.file(),
                    q.options()))
            .orElseThrow();
    assertThat(elsewhere.options().has(15)).isFalse();
  }

  @Test
  void classOptions_rankBelowTheSubnetAndAboveTheGlobals() {
    ChainHarness h =
        new ChainHarness(
            """
            "option-data": [{"name": "domain-name", "data": "global.example"},
                            {"name": "ntp-servers", "data": "192.0.2.123"},
                            {"name": "tftp-server-name", "data": "global-tftp"}],
            "client-classes": [{"name": "all-of-them", "test": "'a' == 'a'",
               "option-data": [{"name": "domain-name", "data": "class.example"},
                               {"name": "tftp-server-name", "data": "class-tftp"}]}],
            "subnet4": [{"id": 1, "subnet": "10.0.0.0/24", "relay": {"ip-addresses": ["192.0.2.1"]},
                         "option-data": [{"name": "domain-name", "data": "subnet.example"}],
                         "pools": [{"pool": "10.0.0.10 - 10.0.0.20"}]}]
            """);

    DhcpPacket offer =
        h.run(discover(mac(1), Map.of(55, Octets.of((byte) 15, (byte) 42, (byte) 66))))
            .orElseThrow();

    assertThat(ascii(offer.options().get(15).orElseThrow())).isEqualTo("subnet.example");
    assertThat(ascii(offer.options().get(66).orElseThrow())).isEqualTo("class-tftp");
    assertThat(offer.options().get(42).orElseThrow().toColonHex()).isEqualTo("c0:00:02:7b");
  }

  @Test
  void classLifetime_winsOverTheSubnets_andClampsWhatTheClientAsks() {
    ChainHarness h =
        new ChainHarness(
            """
            "valid-lifetime": 3600,
            "client-classes": [{"name": "short", "test": "option[60].text == 'iot'",
               "valid-lifetime": 600, "min-valid-lifetime": 300, "max-valid-lifetime": 900}],
            "subnet4": [{"id": 1, "subnet": "10.0.0.0/24", "relay": {"ip-addresses": ["192.0.2.1"]},
                         "valid-lifetime": 3600, "min-valid-lifetime": 1000, "max-valid-lifetime": 7000,
                         "pools": [{"pool": "10.0.0.10 - 10.0.0.20"}]}]
            """);

    assertThat(lifetime(h, 1, Map.of(60, text("iot")))).isEqualTo(600);
    assertThat(lifetime(h, 2, Map.of(60, text("iot"), 51, uint32(5000)))).isEqualTo(900);
    assertThat(lifetime(h, 3, Map.of(60, text("iot"), 51, uint32(10)))).isEqualTo(300);
    assertThat(lifetime(h, 4, Map.of())).isEqualTo(3600);
    assertThat(lifetime(h, 5, Map.of(51, uint32(60_000)))).isEqualTo(7000);
    assertThat(lifetime(h, 6, Map.of(51, uint32(1500)))).isEqualTo(1500);
  }

  @Test
  void dropClass_dropsTheQuery() {
    ChainHarness h =
        new ChainHarness(
            """
            "client-classes": [{"name": "DROP", "test": "option[60].text == 'scanner'"}],
            "subnet4": [{"id": 1, "subnet": "10.0.0.0/24", "relay": {"ip-addresses": ["192.0.2.1"]},
                         "pools": [{"pool": "10.0.0.10 - 10.0.0.20"}]}]
            """);

    assertThat(h.run(discover(mac(1), Map.of(60, text("scanner"))))).isEmpty();
    assertThat(h.run(discover(mac(2), Map.of(60, text("laptop"))))).isPresent();
  }

  @Test
  void vendorClassBuiltIn_andAFailingTest_leaveOtherClassesAlone() {
    ChainHarness h =
        new ChainHarness(
            """
            "client-classes": [
              {"name": "VENDOR_CLASS_acme", "option-data": [{"name": "domain-name", "data": "acme.example"}]},
              {"name": "broken", "test": "addrtotext(option[60].hex) == 'x'",
               "option-data": [{"name": "tftp-server-name", "data": "never"}]}],
            "subnet4": [{"id": 1, "subnet": "10.0.0.0/24", "relay": {"ip-addresses": ["192.0.2.1"]},
                         "pools": [{"pool": "10.0.0.10 - 10.0.0.20"}]}]
            """);

    DhcpPacket offer =
        h.run(discover(mac(1), Map.of(60, text("acme"), 55, Octets.of((byte) 15, (byte) 66))))
            .orElseThrow();

    assertThat(ascii(offer.options().get(15).orElseThrow())).isEqualTo("acme.example");
    assertThat(offer.options().has(66)).isFalse();
  }

  private static long lifetime(ChainHarness h, int client, Map<Integer, Octets> options) {
    DhcpPacket ack = h.dora(mac(client), options);
    Lease4 lease = h.leases.get(ack.yiaddr()).orElseThrow();
    assertThat(ack.options().leaseTime()).hasValue(lease.validLifetime());
    return lease.validLifetime();
  }

  static Octets uint32(long v) {
    return Octets.of(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
  }

  static Octets serverId() {
    return Octets.of(ChainHarness.SERVER_ID.getAddress());
  }

  static String ascii(Octets o) {
    return new String(o.toByteArray(), StandardCharsets.US_ASCII);
  }
}
