package io.d2j.d2.scenario;

import io.d2j.testkit.TestKey;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds Kea-format {@code DhcpDdns} configurations for the scenario tests.
 *
 * <pre>{@code
 * String json = ScenarioConfig.create().key(key).timeoutMs(300)
 *     .forward("example.org.", key.name(), server(dns.socketAddress()))
 *     .json(port);
 * }</pre>
 */
final class ScenarioConfig {
  private final List<String> keys = new ArrayList<>();
  private final List<String> forward = new ArrayList<>();
  private final List<String> reverse = new ArrayList<>();
  private int timeoutMs = 1000;
  private String d2jSettings = "";

  private ScenarioConfig() {}

  static ScenarioConfig create() {
    return new ScenarioConfig();
  }

  ScenarioConfig key(TestKey key) {
    keys.add(key.keaJson());
    return this;
  }

  /** A {@code tsig-keys} entry as given, e.g. one whose name lacks the trailing dot. */
  ScenarioConfig keyJson(String json) {
    keys.add(json);
    return this;
  }

  /** d2j's own settings, the members of {@code user-context.d2j}, e.g. {@code "a": true}. */
  ScenarioConfig d2j(String members) {
    this.d2jSettings = members;
    return this;
  }

  ScenarioConfig timeoutMs(int ms) {
    this.timeoutMs = ms;
    return this;
  }

  /** A forward domain; {@code keyName} null for none. */
  ScenarioConfig forward(String name, String keyName, String... servers) {
    forward.add(domain(name, keyName, servers));
    return this;
  }

  ScenarioConfig reverse(String name, String keyName, String... servers) {
    reverse.add(domain(name, keyName, servers));
    return this;
  }

  static String server(InetSocketAddress address) {
    return server(address, null);
  }

  /** A dns-servers entry, with its own {@code key-name} unless null. */
  static String server(InetSocketAddress address, String keyName) {
    return "{ \"ip-address\": \""
        + address.getAddress().getHostAddress()
        + "\", \"port\": "
        + address.getPort()
        + (keyName == null ? "" : ", \"key-name\": \"" + keyName + "\"")
        + " }";
  }

  private static String domain(String name, String keyName, String... servers) {
    return "{ \"name\": \""
        + name
        + "\""
        + (keyName == null ? "" : ", \"key-name\": \"" + keyName + "\"")
        + ", \"dns-servers\": [ "
        + String.join(", ", servers)
        + " ] }";
  }

  String json(int port) {
    return """
        { "DhcpDdns": {
            "ip-address": "127.0.0.1", "port": %d, "dns-server-timeout": %d,
            "tsig-keys": [ %s ],
            "forward-ddns": { "ddns-domains": [ %s ] },
            "reverse-ddns": { "ddns-domains": [ %s ] }%s } }
        """
        .formatted(
            port,
            timeoutMs,
            String.join(", ", keys),
            String.join(", ", forward),
            String.join(", ", reverse),
            d2jSettings.isEmpty()
                ? ""
                : ", \"user-context\": { \"d2j\": { " + d2jSettings + " } }");
  }
}
