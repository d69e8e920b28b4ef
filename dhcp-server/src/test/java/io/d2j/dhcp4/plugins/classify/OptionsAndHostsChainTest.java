package io.d2j.dhcp4.plugins.classify;

import static io.d2j.dhcp4.plugins.classify.ChainHarness.discover;
import static io.d2j.dhcp4.plugins.classify.ChainHarness.hex;
import static io.d2j.dhcp4.plugins.classify.ChainHarness.ip;
import static io.d2j.dhcp4.plugins.classify.ChainHarness.mac;
import static io.d2j.dhcp4.plugins.classify.ChainHarness.relayed;
import static io.d2j.dhcp4.plugins.classify.ChainHarness.text;
import static io.d2j.dhcp4.plugins.classify.ClassificationChainTest.ascii;
import static io.d2j.dhcp4.plugins.classify.ClassificationChainTest.serverId;
import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpPacket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Option definitions and spaces, vendor options, and the host/lease settings (authoritative,
 * match-client-id, echo-client-id, global reservations, store-extended-info, lease caching) through
 * the chain.
 */
class OptionsAndHostsChainTest {

  private static final String SUBNET =
      """
      "subnet4": [{"id": 1, "subnet": "10.0.0.0/24", "relay": {"ip-addresses": ["192.0.2.1"]},
                   "pools": [{"pool": "10.0.0.10 - 10.0.0.20"}] %s}]
      """;

  @Test
  void optionDef_record_array_and_encapsulatedSpace_areEncodedAsDefined() {
    ChainHarness h =
        new ChainHarness(
            """
            "option-def": [
              {"name": "site", "code": 224, "type": "record", "record-types": "uint8, ipv4-address, string"},
              {"name": "ports", "code": 225, "type": "uint16", "array": true},
              {"name": "box", "code": 226, "type": "empty", "encapsulate": "box-space"},
              {"name": "flag", "code": 1, "space": "box-space", "type": "boolean"},
              {"name": "label", "code": 2, "space": "box-space", "type": "string"}],
            "option-data": [
              {"name": "site", "data": "7, 192.0.2.5, north", "always-send": true},
              {"name": "ports", "data": "80, 443", "always-send": true},
              {"name": "box", "always-send": true},
              {"name": "flag", "space": "box-space", "data": "true"},
              {"name": "label", "space": "box-space", "data": "b1"}],
            %s
            """
                .formatted(SUBNET.formatted("")));

    DhcpPacket offer = h.run(discover(mac(1), Map.of())).orElseThrow();

    assertThat(offer.options().get(224).orElseThrow().toColonHex())
        .isEqualTo("07:c0:00:02:05:6e:6f:72:74:68");
    assertThat(offer.options().get(225).orElseThrow().toColonHex()).isEqualTo("00:50:01:bb");
    assertThat(offer.options().get(226).orElseThrow().toColonHex())
        .isEqualTo("01:01:01:02:02:62:31");
  }

  @Test
  void option43_withAClassScopedDefinition_carriesTheVendorsSubOptions() {
    // Kea's vendor-specific.json: VENDOR_CLASS_339 defines option 43 as space "339".
    ChainHarness h =
        new ChainHarness(
            """
            "option-def": [
              {"name": "vlanid", "code": 2, "space": "339", "type": "uint32"},
              {"name": "dls", "code": 3, "space": "339", "type": "string"}],
            "client-classes": [{"name": "VENDOR_CLASS_339",
              "option-def": [{"name": "vendor-encapsulated-options", "code": 43, "type": "empty",
                              "encapsulate": "339"}],
              "option-data": [{"name": "vendor-encapsulated-options"},
                              {"name": "vlanid", "space": "339", "data": "123"},
                              {"name": "dls", "space": "339", "data": "sdlp://192.0.2.11:18443"}]}],
            %s
            """
                .formatted(SUBNET.formatted("")));

    DhcpPacket phone =
        h.run(discover(mac(1), Map.of(60, text("339"), 55, Octets.of((byte) 43)))).orElseThrow();
    DhcpPacket other =
        h.run(discover(mac(2), Map.of(60, text("340"), 55, Octets.of((byte) 43)))).orElseThrow();

    assertThat(phone.options().get(43).orElseThrow().toColonHex())
        .isEqualTo("02:04:00:00:00:7b:03:17:" + hexText("sdlp://192.0.2.11:18443"));
    assertThat(other.options().has(43)).isFalse();
  }

  @Test
  void option125_carriesTheAlwaysSentSubOptionsOfTheClientsEnterprise() {
    // Kea's vivso.json.
    ChainHarness h =
        new ChainHarness(
            """
            "option-def": [
              {"name": "vlanid", "code": 2, "space": "vendor-339", "type": "uint32"},
              {"name": "dls", "code": 3, "space": "vendor-339", "type": "string"}],
            "client-classes": [{"name": "VENDOR_CLASS_339",
              "option-data": [{"name": "vivso-suboptions", "data": "339"},
                              {"name": "vlanid", "space": "vendor-339", "data": "123", "always-send": true},
                              {"name": "dls", "space": "vendor-339", "data": "a", "always-send": true}]}],
            %s
            """
                .formatted(SUBNET.formatted("")));

    DhcpPacket asking =
        h.run(discover(mac(1), Map.of(60, text("339"), 55, Octets.of((byte) 125)))).orElseThrow();
    DhcpPacket telling =
        h.run(discover(mac(2), Map.of(60, text("339"), 125, hex("00:00:01:53:00")))).orElseThrow();

    String expected = "00:00:01:53:09:02:04:00:00:00:7b:03:01:61";
    assertThat(asking.options().get(125).orElseThrow().toColonHex()).isEqualTo(expected);
    assertThat(telling.options().get(125).orElseThrow().toColonHex()).isEqualTo(expected);
  }

  @Test
  void authoritative_naksAnInitRebootTheServerHasNoLeaseOf() {
    ChainHarness quiet = new ChainHarness(SUBNET.formatted(""));
    ChainHarness loud = new ChainHarness(SUBNET.formatted(", \"authoritative\": true"));
    DhcpPacket initReboot =
        relayed(
            DhcpMessageType.REQUEST,
            mac(1),
            Map.of(50, Octets.of(ip("10.0.0.15").getAddress())),
            DhcpPacket.ANY);

    assertThat(quiet.run(initReboot)).isEmpty();
    assertThat(loud.run(initReboot).orElseThrow().messageType()).contains(DhcpMessageType.NAK);
  }

  @Test
  void matchClientIdOff_identifiesByHardwareAddress_andEchoCanBeOff() {
    ChainHarness h =
        new ChainHarness(
            "\"echo-client-id\": false, " + SUBNET.formatted(", \"match-client-id\": false"));
    Map<Integer, Octets> withId = Map.of(61, hex("01:00:11:22:33:44:01"));

    DhcpPacket ack = h.dora(mac(1), withId);
    DhcpPacket again =
        h.run(discover(mac(1), Map.of(61, hex("ff:00:00:00:01:00:01:02")))).orElseThrow();

    Lease4 lease = h.leases.get(ack.yiaddr()).orElseThrow();
    assertThat(lease.clientId().isEmpty()).isTrue();
    assertThat(ack.options().has(61)).isFalse();
    // Another client id, same hardware address: the same client.
    assertThat(again.yiaddr()).isEqualTo(ack.yiaddr());
  }

  @Test
  void globalReservation_appliesWhereTheSubnetLooksGlobally() {
    ChainHarness h =
        new ChainHarness(
            """
            "reservations": [{"hw-address": "00:11:22:33:44:01", "ip-address": "10.0.0.99",
                              "hostname": "global-host", "boot-file-name": "special.efi"}],
            "reservations-global": true, "reservations-in-subnet": false,
            %s
            """
                .formatted(SUBNET.formatted("")));
    ChainHarness off = new ChainHarness(SUBNET.formatted(""));

    DhcpPacket offer = h.run(discover(mac(1), Map.of())).orElseThrow();
    assertThat(offer.yiaddr()).isEqualTo(ip("10.0.0.99"));
    assertThat(ascii(offer.file())).isEqualTo("special.efi");
    assertThat(off.run(discover(mac(1), Map.of())).orElseThrow().yiaddr())
        .isEqualTo(ip("10.0.0.10"));
  }

  @Test
  void duidReservation_matchesTheDuidInsideAnRfc4361ClientId() {
    ChainHarness h =
        new ChainHarness(
            SUBNET.formatted(
                ", \"reservations\": [{\"duid\": \"00:01:02:03\", \"ip-address\": \"10.0.0.88\"}]"));

    DhcpPacket offer =
        h.run(discover(mac(1), Map.of(61, hex("ff:aa:bb:cc:dd:00:01:02:03")))).orElseThrow();

    assertThat(offer.yiaddr()).isEqualTo(ip("10.0.0.88"));
  }

  @Test
  void storeExtendedInfo_keepsTheRelayAgentInformationInTheLease() {
    ChainHarness h = new ChainHarness(SUBNET.formatted(", \"store-extended-info\": true"));

    DhcpPacket ack = h.dora(mac(1), Map.of(82, hex("01:02:ab:cd")));

    assertThat(h.leases.get(ack.yiaddr()).orElseThrow().userContext())
        .isEqualTo("{ \"ISC\": { \"relay-agent-info\": \"0x0102ABCD\" } }");
  }

  @Test
  void cacheThreshold_reusesAYoungLease_withoutWritingIt() {
    ChainHarness h =
        new ChainHarness(SUBNET.formatted(", \"valid-lifetime\": 1000, \"cache-threshold\": 0.25"));
    DhcpPacket first = h.dora(mac(1), Map.of());
    Lease4 stored = h.leases.get(first.yiaddr()).orElseThrow();

    h.now = ChainHarness.NOW.plusSeconds(100);
    DhcpPacket renew =
        h.run(relayed(DhcpMessageType.REQUEST, mac(1), Map.of(), first.yiaddr())).orElseThrow();
    h.now = ChainHarness.NOW.plusSeconds(400);
    DhcpPacket later =
        h.run(relayed(DhcpMessageType.REQUEST, mac(1), Map.of(), first.yiaddr())).orElseThrow();

    assertThat(renew.options().leaseTime()).hasValue(900);
    assertThat(later.options().leaseTime()).hasValue(1000);
    assertThat(h.leases.get(first.yiaddr()).orElseThrow().cltt()).isEqualTo(stored.cltt() + 400);
  }

  @Test
  void selectingRequestForAnotherServer_isIgnored_andServerIdIsTheConfiguredOne() {
    ChainHarness h =
        new ChainHarness(
            "\"option-data\": [{\"name\": \"dhcp-server-identifier\", \"data\": \"192.0.2.100\"}], "
                + SUBNET.formatted(""));

    DhcpPacket offer = h.run(discover(mac(1), Map.of())).orElseThrow();
    assertThat(offer.options().serverIdentifier()).contains(ip("192.0.2.100"));
    assertThat(
            h.run(
                relayed(
                    DhcpMessageType.REQUEST,
                    mac(1),
                    Map.of(50, Octets.of(offer.yiaddr().getAddress()), 54, hex("c0:00:02:63")),
                    DhcpPacket.ANY)))
        .isEmpty();
    assertThat(serverId()).isNotNull();
  }

  private static String hexText(String s) {
    return text(s).toColonHex();
  }
}
