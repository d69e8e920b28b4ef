package io.d2j.dhcp4.plugins.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.dhcp4.ha.ScopeFilter;
import io.d2j.dhcp4.handler.ChainAssembler;
import io.d2j.dhcp4.handler.HandlerChain;
import io.d2j.dhcp4.handler.PacketContext;
import io.d2j.dhcp4.handler.PluginCatalog;
import io.d2j.dhcp4.handler.PluginContext;
import io.d2j.dhcp4.lease.InMemoryLeaseStore;
import io.d2j.dhcp4.lease.LeaseEvents;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpOptions;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.dhcp4.plugins.BuiltInPlugins;
import io.d2j.keaconfig.KeaConfigReader;
import io.d2j.keacontrol.stats.Statistics;
import io.d2j.ncr.IpAddresses;
import java.net.Inet4Address;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HaPluginTest {

  private static final Dhcp4Config CONFIG =
      Dhcp4ConfigParser.parse(
          KeaConfigReader.parse(
              "{\"Dhcp4\": {\"subnet4\": [{\"id\": 1, \"subnet\": \"192.0.2.0/24\","
                  + " \"pools\": [{\"pool\": \"192.0.2.10 - 192.0.2.20\"}]}]}}",
              "kea.json"),
          Path.of("."));

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "ADMIT, OFFER",
    "NOT_IN_SCOPE, 'silent (ha): not in the HA scopes this server serves'",
    "NO_IDENTIFIER, 'silent (ha): HA_LOAD_BALANCING_IDENTIFIER_MISSING: neither client"
        + " identifier nor hardware address to place the query'"
  })
  void theFiltersDecision_passesOrDropsTheQuery(ScopeFilter.Decision decision, String outcome) {
    HandlerChain chain =
        ChainAssembler.assemble(
            new PluginCatalog(BuiltInPlugins.all()),
            new PluginContext(
                CONFIG,
                new InMemoryLeaseStore(),
                LeaseEvents.NONE,
                new Statistics(Clock.systemUTC()),
                query -> decision));
    Inet4Address server = (Inet4Address) IpAddresses.parse("192.0.2.1");
    DhcpPacket discover =
        DhcpPacket.request(
            7,
            Octets.parseColonHex("02:00:00:00:00:01"),
            DhcpOptions.builder().messageType(DhcpMessageType.DISCOVER).build());
    HandlerChain.Result result =
        chain.run(discover, new PacketContext(Instant.EPOCH, server, List.of(server)));
    String seen =
        result instanceof HandlerChain.Silent s
            ? "silent (" + s.handler() + "): " + s.reason()
            : ((HandlerChain.Send) result).reply().messageType().orElseThrow().name();
    assertThat(seen).isEqualTo(outcome);
  }
}
