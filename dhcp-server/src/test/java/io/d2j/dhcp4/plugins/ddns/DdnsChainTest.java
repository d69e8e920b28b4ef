package io.d2j.dhcp4.plugins.ddns;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.dhcp4.handler.ChainAssembler;
import io.d2j.dhcp4.handler.HandlerChain;
import io.d2j.dhcp4.handler.PacketContext;
import io.d2j.dhcp4.handler.PluginCatalog;
import io.d2j.dhcp4.handler.PluginContext;
import io.d2j.dhcp4.lease.InMemoryLeaseStore;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.lease.LeaseEvents;
import io.d2j.dhcp4.lease.LeaseState;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpOptions;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.dhcp4.packet.OptionCodes;
import io.d2j.dhcp4.plugins.BuiltInPlugins;
import io.d2j.keaconfig.KeaConfigReader;
import io.d2j.ncr.IpAddresses;
import java.net.Inet4Address;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The naming and reply slots around allocation, without sockets: names reach the OFFER, the ACK and
 * the stored lease together, and lease events carry what DDNS needs (renamed, moved, taken over,
 * declined).
 */
class DdnsChainTest {

  private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
  private static final Inet4Address SERVER_ID = ip("192.0.2.100");
  private static final String CONFIG =
      """
      {"Dhcp4": {
        "valid-lifetime": 3600,
        "dhcp-ddns": {"enable-updates": true},
        "ddns-qualifying-suffix": "example.com",
        "ddns-replace-client-name": "when-not-present",
        "subnet4": [{"id": 1, "subnet": "10.0.0.0/24", "relay": {"ip-addresses": ["192.0.2.1"]},
                     "pools": [{"pool": "10.0.0.10 - 10.0.0.20"}],
                     "reservations": [{"hw-address": "00:00:00:00:00:0f", "hostname": "printer"}]},
                    {"id": 2, "subnet": "10.9.0.0/24", "relay": {"ip-addresses": ["192.0.2.9"]},
                     "pools": [{"pool": "10.9.0.10 - 10.9.0.20"}], "ddns-send-updates": false}]
      }}
      """;

  private final InMemoryLeaseStore store = new InMemoryLeaseStore();
  private final List<String> events = new ArrayList<>();
  private final HandlerChain chain;

  DdnsChainTest() {
    Dhcp4Config config =
        Dhcp4ConfigParser.parse(KeaConfigReader.parse(CONFIG, "test.json"), Path.of("/tmp"));
    LeaseEvents recorder =
        new LeaseEvents() {
          @Override
          public void onAllocated(Lease4 lease) {
            events.add("allocated " + show(lease));
          }

          @Override
          public void onRenewed(Lease4 previous, Lease4 renewed) {
            events.add("renewed " + show(previous) + " -> " + show(renewed));
          }

          @Override
          public void onDeclined(Lease4 previous) {
            events.add("declined " + show(previous));
          }

          @Override
          public void onReclaimed(Lease4 lease) {
            events.add("reclaimed " + show(lease));
          }
        };
    chain =
        ChainAssembler.assemble(
            new PluginCatalog(BuiltInPlugins.all()), new PluginContext(config, store, recorder));
  }

  private static String show(Lease4 l) {
    return IpAddresses.format(l.address())
        + " '"
        + l.hostname()
        + "' "
        + (l.fqdnFwd() ? "A" : "-")
        + (l.fqdnRev() ? "PTR" : "-");
  }

  private static Inet4Address ip(String s) {
    return (Inet4Address) IpAddresses.parse(s);
  }

  private static Octets mac(char client) {
    return Octets.of(new byte[] {0, 0, 0, 0, 0, (byte) (client - 'a' + 10)});
  }

  private static Octets hex(String h) {
    return Octets.of(HexFormat.of().parseHex(h.replace(" ", "")));
  }

  private HandlerChain.Result run(
      char client, String relay, Inet4Address ciaddr, DhcpOptions options) {
    DhcpPacket p = DhcpPacket.request(0x1234, mac(client), options);
    DhcpPacket relayed =
        new DhcpPacket(
            p.op(),
            p.htype(),
            p.hlen(),
            1,
            p.xid(),
            0,
            0,
            ciaddr,
            DhcpPacket.ANY,
            DhcpPacket.ANY,
            ip(relay),
            p.chaddr(),
            p.sname(),
            p.file(),
            p.options());
    return chain.run(relayed, new PacketContext(NOW, SERVER_ID, List.of()));
  }

  private DhcpPacket reply(char client, DhcpOptions options) {
    return ((HandlerChain.Send) run(client, "192.0.2.1", DhcpPacket.ANY, options)).reply();
  }

  private static DhcpOptions.Builder q(DhcpMessageType type) {
    return DhcpOptions.builder().messageType(type);
  }

  private static DhcpOptions.Builder select(String address) {
    return q(DhcpMessageType.REQUEST)
        .address(OptionCodes.SERVER_IDENTIFIER, SERVER_ID)
        .address(OptionCodes.REQUESTED_ADDRESS, ip(address));
  }

  @Test
  void generatedName_isInTheOffer_theAck_andTheStoredLease() {
    DhcpPacket offer = reply('a', q(DhcpMessageType.DISCOVER).build());
    assertThat(offer.options().hostName()).contains("myhost-10-0-0-10.example.com");
    assertThat(store.size()).isZero();
    DhcpPacket ack = reply('a', select("10.0.0.10").build());
    assertThat(ack.options().hostName()).contains("myhost-10-0-0-10.example.com");
    assertThat(show(store.get(ip("10.0.0.10")).orElseThrow()))
        .isEqualTo("10.0.0.10 'myhost-10-0-0-10.example.com' APTR");
    assertThat(events).containsExactly("allocated 10.0.0.10 'myhost-10-0-0-10.example.com' APTR");
  }

  @Test
  void renewalUnderANewName_isReportedFromTheOldNames() {
    reply(
        'a',
        select("10.0.0.10").put(OptionCodes.CLIENT_FQDN, hex("05 00 00 05 686f737431")).build());
    HandlerChain.Result renew =
        run(
            'a',
            "192.0.2.1",
            ip("10.0.0.10"),
            q(DhcpMessageType.REQUEST)
                .put(OptionCodes.CLIENT_FQDN, hex("05 00 00 05 686f737432"))
                .build());
    assertThat(((HandlerChain.Send) renew).reply().options().clientFqdn())
        .contains(hex("05 00 00 05 686f737432 07 6578616d706c65 03 636f6d 00"));
    assertThat(events)
        .containsExactly(
            "allocated 10.0.0.10 'host1.example.com.' APTR",
            "renewed 10.0.0.10 'host1.example.com.' APTR -> 10.0.0.10 'host2.example.com.' APTR");
  }

  @Test
  void clientMovingToAnotherAddress_clearsTheOldNames_andReportsTheMove() {
    DhcpOptions.Builder fqdn =
        select("10.0.0.10").put(OptionCodes.CLIENT_FQDN, hex("05 00 00 05 686f737431"));
    reply('a', fqdn.build());
    reply(
        'a',
        select("10.0.0.15").put(OptionCodes.CLIENT_FQDN, hex("05 00 00 05 686f737431")).build());
    assertThat(show(store.get(ip("10.0.0.10")).orElseThrow())).isEqualTo("10.0.0.10 '' --");
    assertThat(events)
        .containsExactly(
            "allocated 10.0.0.10 'host1.example.com.' APTR",
            "renewed 10.0.0.10 'host1.example.com.' APTR -> 10.0.0.15 'host1.example.com.' APTR");
  }

  @Test
  void expiredLeaseOfAnotherClient_isReclaimedBeforeItIsReused() {
    store.add(
        new Lease4(
            ip("10.0.0.12"),
            mac('b'),
            Octets.EMPTY,
            3600,
            NOW.getEpochSecond() - 7200,
            1,
            true,
            true,
            "old.example.com.",
            LeaseState.DEFAULT,
            ""));
    reply(
        'a',
        select("10.0.0.12").put(OptionCodes.CLIENT_FQDN, hex("05 00 00 05 686f737431")).build());
    assertThat(events)
        .containsExactly(
            "reclaimed 10.0.0.12 'old.example.com.' APTR",
            "allocated 10.0.0.12 'host1.example.com.' APTR");
  }

  @Test
  void decline_reportsTheNamedLeaseBeforeProbation() {
    reply('a', select("10.0.0.10").build());
    run(
        'a',
        "192.0.2.1",
        DhcpPacket.ANY,
        q(DhcpMessageType.DECLINE)
            .address(OptionCodes.REQUESTED_ADDRESS, ip("10.0.0.10"))
            .address(OptionCodes.SERVER_IDENTIFIER, SERVER_ID)
            .build());
    assertThat(events)
        .containsExactly(
            "allocated 10.0.0.10 'myhost-10-0-0-10.example.com' APTR",
            "declined 10.0.0.10 'myhost-10-0-0-10.example.com' APTR");
    assertThat(store.get(ip("10.0.0.10")).orElseThrow().hostname()).isEmpty();
  }

  @Test
  void reservationHostname_isSentWhenOption12IsRequested() {
    DhcpPacket offer =
        reply(
            'f',
            q(DhcpMessageType.DISCOVER)
                .put(OptionCodes.PARAMETER_REQUEST_LIST, (byte) 1, (byte) 3, (byte) 12)
                .build());
    assertThat(offer.options().hostName()).contains("printer.example.com");
  }

  @Test
  void subnetWithUpdatesOff_stillNamesTheLease_butAsksForNoUpdate() {
    HandlerChain.Result r =
        run(
            'a',
            "192.0.2.9",
            DhcpPacket.ANY,
            select("10.9.0.10")
                .put(OptionCodes.CLIENT_FQDN, hex("05 00 00 05 686f737431"))
                .build());
    assertThat(((HandlerChain.Send) r).reply().options().clientFqdn())
        .contains(hex("0e 00 00 05 686f737431 07 6578616d706c65 03 636f6d 00"));
    assertThat(events).containsExactly("allocated 10.9.0.10 'host1.example.com.' --");
  }

  @Test
  void inform_getsNoNameOption() {
    HandlerChain.Result r =
        run(
            'a',
            "192.0.2.1",
            ip("10.0.0.77"),
            q(DhcpMessageType.INFORM)
                .put(OptionCodes.CLIENT_FQDN, hex("05 00 00 05 686f737431"))
                .build());
    assertThat(((HandlerChain.Send) r).reply().options().has(OptionCodes.CLIENT_FQDN)).isFalse();
  }

  @Test
  void option81WithNAndS_dropsTheQuery() {
    HandlerChain.Result r =
        run(
            'a',
            "192.0.2.1",
            DhcpPacket.ANY,
            q(DhcpMessageType.DISCOVER)
                .put(OptionCodes.CLIENT_FQDN, hex("0d 00 00 05 686f737431"))
                .build());
    assertThat(r)
        .isEqualTo(
            new HandlerChain.Silent(
                "ddns-naming", "option 81: flags N and S are both set (RFC 4702 §2.1)"));
  }
}
