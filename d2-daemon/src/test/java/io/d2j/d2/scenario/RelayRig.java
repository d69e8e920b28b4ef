package io.d2j.d2.scenario;

import static io.d2j.d2.scenario.ScenarioConfig.server;

import io.d2j.d2.it.D2Harness;
import io.d2j.testkit.FakeDnsServer;
import io.d2j.testkit.FakeDnsServer.Reply;
import io.d2j.testkit.Ports;
import io.d2j.testkit.Received;
import io.d2j.testkit.TestKey;
import io.d2j.testkit.TestZones;
import io.d2j.testkit.ZoneServer;
import java.io.IOException;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A d2j D2 whose every domain (example.org. and both reverse zones) points at a {@link
 * FakeDnsServer} relaying to a real zone server (BIND, Knot or PowerDNS): the server decides every
 * answer, and the test still sees each UPDATE exactly as d2j sent it.
 */
final class RelayRig implements AutoCloseable {
  final FakeDnsServer relay;
  final D2Harness d2;

  private RelayRig(FakeDnsServer relay, D2Harness d2) {
    this.relay = relay;
    this.d2 = d2;
  }

  /** Forward and both reverse zones of {@code test-zones/}, all through the relay. */
  static RelayRig start(ZoneServer bind) throws IOException {
    String key = bind.key().name();
    return start(
        bind,
        (config, to) ->
            config
                .forward(TestZones.FORWARD, key, to)
                .reverse(TestZones.REVERSE_V4, key, to)
                .reverse(TestZones.REVERSE_V6, key, to));
  }

  /**
   * Domains as {@code domains} adds them to a config that already holds BIND's first key; its
   * second argument is the relay's {@code dns-servers} entry.
   */
  static RelayRig start(ZoneServer bind, BiFunction<ScenarioConfig, String, ScenarioConfig> domains)
      throws IOException {
    TestKey key = bind.key();
    FakeDnsServer relay = FakeDnsServer.start(key).otherwise(Reply.relayTo(bind.socketAddress()));
    String to = server(relay.socketAddress());
    try {
      D2Harness d2 =
          D2Harness.start(
              domains.apply(ScenarioConfig.create().key(key), to).json(Ports.freeUdpPort()));
      return new RelayRig(relay, d2);
    } catch (IOException | RuntimeException e) {
      relay.close();
      throw e;
    }
  }

  List<Received> sent() {
    return relay.received();
  }

  @Override
  public void close() {
    d2.close();
    relay.close();
  }
}
