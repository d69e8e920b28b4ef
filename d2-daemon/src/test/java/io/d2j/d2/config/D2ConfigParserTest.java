package io.d2j.d2.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.d2.domain.DdnsDomain;
import io.d2j.d2.transaction.TransactionPolicy;
import io.d2j.keaconfig.ConfigException;
import io.d2j.keaconfig.KeaConfigReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The DhcpDdns rules, each with its whole error text. In the table, {@code @} marks where the error
 * must be located (it is removed before parsing); {@code '} stands for {@code "}.
 */
class D2ConfigParserTest {

  private static final String KEY =
      "{'name': 'k', 'algorithm': 'HMAC-SHA256', 'secret': 'LSWXnfkKZjdPJI5QxlpnfQ=='}";
  private static final String SERVER = "{'ip-address': '127.0.0.1'}";

  @TempDir Path dir;

  private static D2Config parse(String text) {
    return D2ConfigParser.parse(KeaConfigReader.parse(text, "d2.json"), Path.of("."));
  }

  private static String fwd(String domains) {
    return "'forward-ddns': {'ddns-domains': [" + domains + "]}";
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "'port': @0 | /DhcpDdns/port: port must be between 1 and 65535, got 0",
        "'port': @65536 | /DhcpDdns/port: port must be between 1 and 65535, got 65536",
        "'port': @'53001' | /DhcpDdns/port: expected an integer, got string",
        "'ip-address': @'bogus' | /DhcpDdns/ip-address: 'bogus' is not an IPv4 or IPv6 address",
        "'ip-address': @'localhost' | /DhcpDdns/ip-address: 'localhost' is not an IPv4 or IPv6 address",
        "'ip-address': @'192.0.2.256' | /DhcpDdns/ip-address: '192.0.2.256' is not an IPv4 or IPv6 address",
        "'dns-server-timeout': @0 | /DhcpDdns/dns-server-timeout: dns-server-timeout must be between 1 and 2147483647, got 0",
        "'dns-server-timeout': @2147483648 | /DhcpDdns/dns-server-timeout: dns-server-timeout must be between 1 and 2147483647, got 2147483648",
        "'ncr-protocol': @'TCP' | /DhcpDdns/ncr-protocol: TCP is not supported for NameChangeRequests (nor by Kea); use UDP",
        "'ncr-protocol': @'SCTP' | /DhcpDdns/ncr-protocol: expected UDP or TCP, got 'SCTP'",
        "'ncr-format': @'XML' | /DhcpDdns/ncr-format: only JSON is supported, got 'XML'",
        "'foo': @1 | /DhcpDdns/foo: unknown key 'foo'",
        "'tsig-keys': [@{'algorithm': 'HMAC-MD5', 'secret': 'LSWXnfkKZjdPJI5QxlpnfQ=='}] | /DhcpDdns/tsig-keys/0: missing mandatory 'name'",
        "'tsig-keys': [{'name': @'', 'algorithm': 'HMAC-MD5', 'secret': 'LSWXnfkKZjdPJI5QxlpnfQ=='}] | /DhcpDdns/tsig-keys/0/name: TSIG key name must not be blank",
        "'tsig-keys': [{'name': 'k', 'algorithm': @'HMAC-SHA3', 'secret': 'LSWXnfkKZjdPJI5QxlpnfQ=='}] | /DhcpDdns/tsig-keys/0/algorithm: Unknown TSIG Key algorithm: HMAC-SHA3",
        "'tsig-keys': [{'name': 'k', 'algorithm': 'HMAC-SHA256', 'digest-bits': @120, 'secret': 'LSWXnfkKZjdPJI5QxlpnfQ=='}] | /DhcpDdns/tsig-keys/0/digest-bits: 120 is too small for HMAC-SHA256 (minimum 128)",
        "'tsig-keys': [{'name': 'k', 'algorithm': 'HMAC-SHA256', 'secret': @'not base64!'}] | /DhcpDdns/tsig-keys/0/secret: attempt to decode a value not in base64 char set",
        "'tsig-keys': [@{'name': 'k', 'algorithm': 'HMAC-SHA256'}] | /DhcpDdns/tsig-keys/0: missing mandatory 'secret' (or 'secret-file')",
        "'tsig-keys': [{'name': 'k', 'algorithm': 'HMAC-SHA256', 'secret': 'LSWXnfkKZjdPJI5QxlpnfQ==', 'bits': @1}] | /DhcpDdns/tsig-keys/0/bits: unknown key 'bits'",
        "'tsig-keys': @{} | /DhcpDdns/tsig-keys: expected a list, got map",
        "'forward-ddns': {'ddns-domains': [{'name': 'example.org.', 'key-name': @'nokey', 'dns-servers': [{'ip-address': '127.0.0.1'}]}]} | /DhcpDdns/forward-ddns/ddns-domains/0/key-name: no TSIG key named 'nokey' is defined",
        "'forward-ddns': {'ddns-domains': [{'name': 'example.org.', 'dns-servers': [{'ip-address': '127.0.0.1', 'key-name': @'nokey'}]}]} | /DhcpDdns/forward-ddns/ddns-domains/0/dns-servers/0/key-name: no TSIG key named 'nokey' is defined",
        "'forward-ddns': {'ddns-domains': [@{'name': 'example.org.'}]} | /DhcpDdns/forward-ddns/ddns-domains/0: missing mandatory 'dns-servers' for domain 'example.org.'",
        "'forward-ddns': {'ddns-domains': [{'name': 'example.org.', 'dns-servers': @[]}]} | /DhcpDdns/forward-ddns/ddns-domains/0/dns-servers: domain 'example.org.' must list at least one DNS server",
        "'forward-ddns': {'ddns-domains': [{'name': 'example.org.', 'dns-servers': @{}}]} | /DhcpDdns/forward-ddns/ddns-domains/0/dns-servers: expected a list, got map",
        "'forward-ddns': {'ddns-domains': [{'name': 'example.org.', 'dns-servers': [{'hostname': @'ns1.example.org.'}]}]} | /DhcpDdns/forward-ddns/ddns-domains/0/dns-servers/0/hostname: DNS servers by hostname are not supported (nor by Kea); give the server's ip-address",
        "'forward-ddns': {'ddns-domains': [{'name': 'example.org.', 'dns-servers': [{'ip-address': @'bogus'}]}]} | /DhcpDdns/forward-ddns/ddns-domains/0/dns-servers/0/ip-address: 'bogus' is not an IPv4 or IPv6 address",
        "'forward-ddns': {'ddns-domains': [{'name': 'example.org.', 'dns-servers': [@{'port': 53}]}]} | /DhcpDdns/forward-ddns/ddns-domains/0/dns-servers/0: missing mandatory 'ip-address'",
        "'forward-ddns': {'ddns-domains': [{'name': 'example.org.', 'dns-servers': [{'ip-address': '127.0.0.1', 'port': @0}]}]} | /DhcpDdns/forward-ddns/ddns-domains/0/dns-servers/0/port: port must be between 1 and 65535, got 0",
        "'forward-ddns': {'ddns-domains': [{'name': 'example.org.', 'zone': @'x', 'dns-servers': [{'ip-address': '127.0.0.1'}]}]} | /DhcpDdns/forward-ddns/ddns-domains/0/zone: unknown key 'zone'",
        "'forward-ddns': {'ddns-domains': [{'name': @'', 'dns-servers': [{'ip-address': '127.0.0.1'}]}]} | /DhcpDdns/forward-ddns/ddns-domains/0/name: domain name must not be blank",
        "'forward-ddns': {'ddns-domains': [@'example.org.']} | /DhcpDdns/forward-ddns/ddns-domains/0: expected a map, got string",
        "'forward-ddns': {'domains': @[]} | /DhcpDdns/forward-ddns/domains: unknown key 'domains'",
        "'reverse-ddns': {'ddns-domains': [{'name': '2.0.192.in-addr.arpa.', 'dns-servers': [{'ip-address': '127.0.0.1', 'port': @-1}]}]} | /DhcpDdns/reverse-ddns/ddns-domains/0/dns-servers/0/port: port must be between 1 and 65535, got -1",
      })
  void invalid_isRejectedWithPathReasonAndPosition(String body, String expected) {
    String text = ("{'DhcpDdns': {" + body + "}}").replace('\'', '"');
    int at = text.indexOf('@');
    String config = text.replace("@", "");
    String position = "d2.json:1:" + (at + 1);
    assertThatThrownBy(() -> parse(config))
        .isInstanceOf(ConfigException.class)
        .hasMessage(expected + " (" + position + ")");
  }

  @Test
  void duplicateKeyNames_nameBothPlaces() {
    String text =
        ("{'DhcpDdns': {'tsig-keys': [" + KEY + ", " + KEY.replace("'k'", "'K.'") + "]}}")
            .replace('\'', '"');
    int first = text.indexOf("\"k\"") + 1;
    int second = text.indexOf("\"K.\"") + 1;
    assertThatThrownBy(() -> parse(text))
        .hasMessage(
            "/DhcpDdns/tsig-keys/1/name: duplicate TSIG key name 'K.' (first at d2.json:1:"
                + first
                + ") (d2.json:1:"
                + second
                + ")");
  }

  @Test
  void duplicateDomainNames_areExactStringDuplicatesOnly() {
    String dom = "{'name': 'example.org.', 'dns-servers': [" + SERVER + "]}";
    // Kea compares domain names as strings: different case is not a duplicate.
    D2Config ok =
        parse(
            ("{'DhcpDdns': {" + fwd(dom + ", " + dom.replace("example", "EXAMPLE")) + "}}")
                .replace('\'', '"'));
    assertThat(ok.forwardDomains()).hasSize(2);
    String text = ("{'DhcpDdns': {" + fwd(dom + ", " + dom) + "}}").replace('\'', '"');
    assertThatThrownBy(() -> parse(text))
        .hasMessageStartingWith(
            "/DhcpDdns/forward-ddns/ddns-domains/1/name: duplicate domain name 'example.org.' (first at d2.json:1:");
  }

  @Test
  void unknownTopLevelObject_isAnError_otherDaemonsSectionsAreIgnored() {
    String text = "{\"DhcpDdns\": {}, \"Dhcp5\": {}}";
    int column = text.indexOf("{}", text.indexOf("Dhcp5")) + 1;
    assertThatThrownBy(() -> parse(text))
        .hasMessage("/Dhcp5: unknown top-level object 'Dhcp5' (d2.json:1:" + column + ")");
    D2Config c = parse("{\"DhcpDdns\": {}, \"Dhcp4\": {\"anything\": 1}}");
    assertThat(c.warnings())
        .containsExactly("/Dhcp4: ignored; this file is read by the DHCP-DDNS server only");
  }

  @Test
  void emptyDhcpDdns_getsKeaDefaults() {
    D2Config c = parse("{\"DhcpDdns\": {}}");
    assertThat(c.ipAddress().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(c.port()).isEqualTo(53001);
    assertThat(c.dnsServerTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.tsigKeys()).isEmpty();
    assertThat(c.forwardDomains()).isEmpty();
    assertThat(c.reverseDomains()).isEmpty();
    assertThat(c.warnings()).isEmpty();
  }

  @Test
  void missingDhcpDdns_isAnError() {
    assertThatThrownBy(() -> parse("{}"))
        .hasMessage("/: missing mandatory 'DhcpDdns' (d2.json:1:1)");
  }

  @Test
  void specMinimalExample_loads_withServerKeyOverDomainKeyOverNone() {
    String text =
        """
        { "DhcpDdns": { "ip-address": "127.0.0.1", "port": 53001, "dns-server-timeout": 500,
          "control-socket": { "socket-type": "unix", "socket-name": "kea-ddns-ctrl-socket" },
          "tsig-keys": [ { "name": "d2.key.", "algorithm": "HMAC-SHA256", "secret": "LSWXnfkKZjdPJI5QxlpnfQ==" },
                         { "name": "other", "algorithm": "hmac-md5", "secret": "LSWXnfkKZjdPJI5QxlpnfQ==" } ],
          "forward-ddns": { "ddns-domains": [
            { "name": "example.com.", "dns-servers": [ { "ip-address": "192.0.2.53" }, { "ip-address": "192.0.2.54" } ] },
            { "name": "signed.example.com.", "key-name": "d2.key.", "comment": "signed zone",
              "dns-servers": [ { "ip-address": "192.0.2.54" }, { "ip-address": "2001:db8::53", "port": 5353, "key-name": "other" } ] } ] },
          "reverse-ddns": { "ddns-domains": [
            { "name": "2.0.192.in-addr.arpa.", "user-context": { "site": "lab" }, "dns-servers": [ { "ip-address": "192.0.2.54" } ] } ] } } }
        """;
    D2Config c = parse(text);
    assertThat(c.forwardDomains())
        .extracting(DdnsDomain::name)
        .containsExactly("example.com.", "signed.example.com.");
    DdnsDomain signed = c.forwardDomains().get(1);
    assertThat(signed.keyName()).contains("d2.key.");
    assertThat(signed.servers().get(0).key().orElseThrow().name()).isEqualTo("d2.key.");
    assertThat(signed.servers().get(0).ownKeyName()).isEmpty();
    assertThat(signed.servers().get(1).key().orElseThrow().name()).isEqualTo("other.");
    assertThat(signed.servers().get(1).label()).isEqualTo("[2001:db8::53]:5353");
    assertThat(c.forwardDomains().get(0).servers().get(0).key()).isEmpty();
    assertThat(c.warnings()).isEmpty();
    assertThat(c.controlSocket().orElseThrow().socketName().getFileName().toString())
        .isEqualTo("kea-ddns-ctrl-socket");
    assertThat(c.controlSocket().orElseThrow().mode()).isEqualTo(0600);
  }

  @Test
  void domainWithoutTrailingDot_loadsWithAWarningNamingIt() {
    D2Config c =
        parse(
            ("{'DhcpDdns': {"
                    + fwd("{'name': 'example.com', 'dns-servers': [" + SERVER + "]}")
                    + "}}")
                .replace('\'', '"'));
    assertThat(c.warnings())
        .containsExactly(
            "/DhcpDdns/forward-ddns/ddns-domains/0/name: domain 'example.com' has no trailing dot;"
                + " names are matched as strings, so it can never match a fully qualified name;"
                + " write 'example.com.'");
  }

  @Test
  void listenAddressWarnings() {
    assertThat(parse("{\"DhcpDdns\": {\"ip-address\": \"0.0.0.0\"}}").warnings().get(0))
        .startsWith("DHCP_DDNS_LISTENING_ON_ALL_INTERFACES ");
    assertThat(parse("{\"DhcpDdns\": {\"ip-address\": \"192.0.2.1\"}}").warnings().get(0))
        .startsWith("DHCP_DDNS_NOT_ON_LOOPBACK ");
    assertThat(parse("{\"DhcpDdns\": {\"ip-address\": \"::1\"}}").warnings()).isEmpty();
  }

  @Test
  void secretFile_isReadRelativeToTheConfigAndWinsOverSecret() throws Exception {
    Files.writeString(dir.resolve("k.secret"), "LSWXnfkKZjdPJI5QxlpnfQ==\n");
    String text =
        "{\"DhcpDdns\": {\"tsig-keys\": [{\"name\": \"k\", \"algorithm\": \"HMAC-SHA1\","
            + " \"secret\": \"!!\", \"secret-file\": \"k.secret\"}]}}";
    D2Config c = D2ConfigParser.parse(KeaConfigReader.parse(text, "d2.json"), dir);
    assertThat(c.tsigKeys().get(0).secret().bytes()).hasSize(16);
  }

  @Test
  void emptySecretFile_isAnErrorNamingIt() throws Exception {
    Files.writeString(dir.resolve("empty"), "");
    String text =
        "{\"DhcpDdns\": {\"tsig-keys\": [{\"name\": \"k\", \"algorithm\": \"HMAC-SHA1\","
            + " \"secret-file\": \"empty\"}]}}";
    assertThatThrownBy(() -> D2ConfigParser.parse(KeaConfigReader.parse(text, "d2.json"), dir))
        .hasMessage(
            "/DhcpDdns/tsig-keys/0/secret-file: "
                + dir.resolve("empty")
                + " is empty (d2.json:1:"
                + (text.indexOf("\"empty\"") + 1)
                + ")");
  }

  @Test
  void throughputAndRetry_defaults_andEveryKeySet() {
    D2jSettings d = parse("{\"DhcpDdns\": {}}").d2j();
    assertThat(d.maxTransactions()).isEqualTo(256);
    assertThat(d.maxUpdatesPerServer()).isEqualTo(64);
    assertThat(d.queueCapacity()).isEqualTo(1024);
    assertThat(d.forceTcp()).isFalse();
    assertThat(d.maxNamesPerUpdate()).isEqualTo(16);
    assertThat(d.retry())
        .isEqualTo(
            new RetrySettings(
                java.time.Duration.ofSeconds(1),
                java.time.Duration.ofMinutes(1),
                java.time.Duration.ofDays(1)));

    D2jSettings set =
        parse(
                "{\"DhcpDdns\": {\"user-context\": {\"d2j\": {\"max-transactions\": 8,"
                    + " \"max-updates-per-server\": 4, \"max-names-per-update\": 16,"
                    + " \"queue-capacity\": 16, \"force-tcp\": true, \"retry\":"
                    + " {\"initial-ms\": 10, \"max-ms\": 20, \"max-age-s\": 30}}}}}")
            .d2j();
    assertThat(set.maxTransactions()).isEqualTo(8);
    assertThat(set.maxUpdatesPerServer()).isEqualTo(4);
    assertThat(set.maxNamesPerUpdate()).isEqualTo(16);
    assertThat(set.queueCapacity()).isEqualTo(16);
    assertThat(set.forceTcp()).isTrue();
    assertThat(set.retry())
        .isEqualTo(
            new RetrySettings(
                java.time.Duration.ofMillis(10),
                java.time.Duration.ofMillis(20),
                java.time.Duration.ofSeconds(30)));
  }

  @Test
  void yxrrsetOnRemove_defaultsToD2jsOwnerRule_andEachValueSelectsItsRule() {
    assertThat(parse("{\"DhcpDdns\": {}}").policy().yxrrsetOnRemove())
        .isEqualTo(TransactionPolicy.YxrrsetRule.SUCCEED_IF_OWNER);
    for (var v : D2jSettings.YxrrsetOnRemove.values()) {
      D2Config c =
          parse(
              "{\"DhcpDdns\": {\"user-context\": {\"d2j\": {\"yxrrset-on-remove\": \""
                  + v.text()
                  + "\"}}}}");
      assertThat(c.policy().yxrrsetOnRemove()).isEqualTo(v.rule());
    }
    assertThat(D2jSettings.YxrrsetOnRemove.FAIL.rule())
        .isEqualTo(TransactionPolicy.YxrrsetRule.FAIL);
    assertThat(D2jSettings.YxrrsetOnRemove.SUCCEED.rule())
        .isEqualTo(TransactionPolicy.YxrrsetRule.SUCCEED);
  }
}
