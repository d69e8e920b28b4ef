package io.d2j.dhcp4.handler;

import static io.d2j.dhcp4.alloc.Fixtures.NOW;
import static io.d2j.dhcp4.alloc.Fixtures.SERVER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.dhcp4.alloc.Fixtures;
import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.dhcp4.lease.InMemoryLeaseStore;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.lease.LeaseEvents;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.dhcp4.plugins.BuiltInPlugins;
import io.d2j.keaconfig.ConfigException;
import io.d2j.keaconfig.KeaConfigReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainAssemblerTest {

  private static final PluginCatalog CATALOG =
      PluginCatalog.withServiceLoader(
          BuiltInPlugins.all(), ChainAssemblerTest.class.getClassLoader());

  private static Dhcp4Config config(String extra) {
    String text =
        Fixtures.CONFIG.replace(
            "\"valid-lifetime\": 3600,",
            "\"valid-lifetime\": 3600,"
                + " \"renew-timer\": 900, \"rebind-timer\": 1800, "
                + extra);
    return Dhcp4ConfigParser.parse(KeaConfigReader.parse(text, "test.json"), Path.of("/tmp"));
  }

  @Test
  void chain_isSlotsThenConfiguredPlugins() {
    HandlerChain chain =
        ChainAssembler.assemble(
            CATALOG,
            context(
                config(
                    "\"hooks-libraries\": [{\"library\": \"d2j:tag\", \"parameters\": {\"hex\": \"cafe\"}}],"),
                new InMemoryLeaseStore(),
                LeaseEvents.NONE));
    assertThat(chain)
        .hasToString(
            "classify -> ha -> ddns-naming -> allocation -> lease-times -> options -> ddns -> tag");
  }

  @Test
  void discover_getsAFullOffer_andAThirdPartyOption() {
    HandlerChain chain =
        ChainAssembler.assemble(
            CATALOG,
            context(
                config(
                    "\"hooks-libraries\": [{\"library\": \"d2j:tag\", \"parameters\": {\"hex\": \"cafe\"}}],"),
                new InMemoryLeaseStore(),
                LeaseEvents.NONE));
    DhcpPacket discover = Fixtures.query(DhcpMessageType.DISCOVER, 'a', "gi=192.0.2.1 82");
    HandlerChain.Result r = chain.run(discover, new PacketContext(NOW, SERVER_ID, List.of()));
    DhcpPacket offer = ((HandlerChain.Send) r).reply();
    assertThat(offer.op()).isEqualTo(DhcpPacket.BOOTREPLY);
    assertThat(offer.yiaddr()).isEqualTo(Fixtures.ip("10.0.0.10"));
    assertThat(offer.giaddr()).isEqualTo(Fixtures.ip("192.0.2.1"));
    assertThat(offer.xid()).isEqualTo(discover.xid());
    // 53 first, 54, lease times, mask and routers, the plugin's 224, and option 82 echoed last
    assertThat(offer.options().asMap().keySet()).containsExactly(53, 51, 59, 58, 1, 3, 54, 224, 82);
    assertThat(offer.options().leaseTime()).hasValue(3600);
    assertThat(offer.options().renewalTime()).hasValue(900);
    assertThat(offer.options().rebindingTime()).hasValue(1800);
    assertThat(offer.options().serverIdentifier()).contains(SERVER_ID);
    assertThat(offer.options().subnetMask()).contains(Fixtures.ip("255.255.255.0"));
    assertThat(offer.options().get(224).orElseThrow().toColonHex()).isEqualTo("ca:fe");
    assertThat(offer.options().relayAgentInformation())
        .isEqualTo(discover.options().relayAgentInformation());
  }

  @Test
  void requestThenRelease_storeAndReportTheLease() {
    InMemoryLeaseStore store = new InMemoryLeaseStore();
    List<String> events = new ArrayList<>();
    LeaseEvents listener =
        new LeaseEvents() {
          @Override
          public void onAllocated(Lease4 lease) {
            events.add("allocated " + lease.address().getHostAddress());
          }

          @Override
          public void onReleased(Lease4 lease) {
            events.add("released " + lease.address().getHostAddress());
          }
        };
    HandlerChain chain = ChainAssembler.assemble(CATALOG, context(config(""), store, listener));
    HandlerChain.Result ack =
        chain.run(
            Fixtures.query(
                DhcpMessageType.REQUEST, 'a', "gi=192.0.2.1 sid=192.0.2.100 req=10.0.0.10"),
            new PacketContext(NOW, SERVER_ID, List.of()));
    assertThat(((HandlerChain.Send) ack).reply().messageType()).contains(DhcpMessageType.ACK);
    assertThat(store.size()).isEqualTo(1);
    HandlerChain.Result release =
        chain.run(
            Fixtures.query(DhcpMessageType.RELEASE, 'a', "ci=10.0.0.10"),
            new PacketContext(NOW, SERVER_ID, List.of()));
    assertThat(release).isEqualTo(new HandlerChain.Silent("allocation", "released 10.0.0.10"));
    assertThat(store.size()).isZero();
    assertThat(events).containsExactly("allocated 10.0.0.10", "released 10.0.0.10");
  }

  @Test
  void nak_carriesOnlyTypeServerIdAndMessage() {
    InMemoryLeaseStore store = Fixtures.leases("10.0.0.10=b");
    HandlerChain chain =
        ChainAssembler.assemble(CATALOG, context(config(""), store, LeaseEvents.NONE));
    HandlerChain.Result r =
        chain.run(
            Fixtures.query(
                DhcpMessageType.REQUEST, 'a', "gi=192.0.2.1 sid=192.0.2.100 req=10.0.0.10"),
            new PacketContext(NOW, SERVER_ID, List.of()));
    DhcpPacket nak = ((HandlerChain.Send) r).reply();
    assertThat(nak.options().asMap().keySet()).containsExactly(53, 56, 54);
    assertThat(nak.yiaddr()).isEqualTo(DhcpPacket.ANY);
  }

  @Test
  void unknownPlugin_isAConfigErrorAtItsLibrary() {
    Dhcp4Config c = config("\"hooks-libraries\": [{\"library\": \"d2j:nope\"}],");
    assertThatThrownBy(
            () ->
                ChainAssembler.assemble(
                    CATALOG, context(c, new InMemoryLeaseStore(), LeaseEvents.NONE)))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "/Dhcp4/hooks-libraries/0/library: no d2j plugin named 'nope' is installed"
                + " (known: classify, ha, ddns-naming, allocation, lease-times, options, ddns, tag)"
                + " (test.json:2:101)");
  }

  @Test
  void builtInSlot_cannotBeEnabledAgain() {
    Dhcp4Config c = config("\"hooks-libraries\": [{\"library\": \"d2j:options\"}],");
    assertThatThrownBy(
            () ->
                ChainAssembler.assemble(
                    CATALOG, context(c, new InMemoryLeaseStore(), LeaseEvents.NONE)))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "/Dhcp4/hooks-libraries/0/library: 'options' is a built-in slot of the handler"
                + " chain and cannot be enabled as a hook library (test.json:2:101)");
  }

  private static PluginContext context(Dhcp4Config c, InMemoryLeaseStore store, LeaseEvents e) {
    return new PluginContext(c, store, e);
  }
}
