package io.d2j.dhcp4.plugins.classify;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.alloc.Ingress;
import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
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
import io.d2j.ncr.IpAddresses;
import java.net.Inet4Address;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The whole built-in chain on a configuration, without sockets: queries in, replies out. */
final class ChainHarness {

  static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
  static final Inet4Address SERVER_ID = ip("192.0.2.100");
  static final Inet4Address RELAY = ip("192.0.2.1");

  final Dhcp4Config config;
  final InMemoryLeaseStore leases = new InMemoryLeaseStore();
  private final HandlerChain chain;
  Instant now = NOW;

  ChainHarness(String dhcp4Body) {
    config =
        Dhcp4ConfigParser.parse(
            KeaConfigReader.parse("{\"Dhcp4\": {" + dhcp4Body + "}}", "test.json"),
            Path.of("/tmp"));
    chain =
        ChainAssembler.assemble(
            new PluginCatalog(BuiltInPlugins.all()),
            new PluginContext(config, leases, LeaseEvents.NONE));
  }

  static Inet4Address ip(String text) {
    return (Inet4Address) IpAddresses.parse(text);
  }

  static Octets mac(int last) {
    return Octets.of(new byte[] {0, 0x11, 0x22, 0x33, 0x44, (byte) last});
  }

  /** A query relayed by {@link #RELAY}. */
  static DhcpPacket relayed(
      DhcpMessageType type, Octets mac, Map<Integer, Octets> options, Inet4Address ciaddr) {
    DhcpOptions.Builder b = DhcpOptions.builder().messageType(type);
    options.forEach(b::put);
    return new DhcpPacket(
        DhcpPacket.BOOTREQUEST,
        1,
        6,
        1,
        0x4242,
        0,
        0,
        ciaddr,
        DhcpPacket.ANY,
        DhcpPacket.ANY,
        RELAY,
        mac,
        Octets.EMPTY,
        Octets.EMPTY,
        b.build());
  }

  static DhcpPacket discover(Octets mac, Map<Integer, Octets> options) {
    return relayed(DhcpMessageType.DISCOVER, mac, options, DhcpPacket.ANY);
  }

  /** Runs the chain; the reply, or empty when nothing is sent. */
  Optional<DhcpPacket> run(DhcpPacket query) {
    PacketContext context =
        new PacketContext(
            now, SERVER_ID, new Ingress(Optional.of("eth1"), List.of(), false), RELAY, SERVER_ID);
    HandlerChain.Result r = chain.run(query, context);
    return r instanceof HandlerChain.Send s ? Optional.of(s.reply()) : Optional.empty();
  }

  /** DISCOVER then REQUEST (SELECTING) of the offered address; the ACK. */
  DhcpPacket dora(Octets mac, Map<Integer, Octets> options) {
    DhcpPacket offer =
        run(discover(mac, options)).orElseThrow(() -> new AssertionError("no OFFER"));
    java.util.HashMap<Integer, Octets> req = new java.util.HashMap<>(options);
    req.put(50, Octets.of(offer.yiaddr().getAddress()));
    req.put(54, Octets.of(SERVER_ID.getAddress()));
    return run(relayed(DhcpMessageType.REQUEST, mac, req, DhcpPacket.ANY))
        .orElseThrow(() -> new AssertionError("no ACK"));
  }

  static Octets text(String s) {
    return Octets.of(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  static Octets hex(String colonHex) {
    return Octets.parseColonHex(colonHex);
  }
}
