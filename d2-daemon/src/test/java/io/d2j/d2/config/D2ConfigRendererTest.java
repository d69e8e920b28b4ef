package io.d2j.d2.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.d2j.keaconfig.KeaConfigReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * config-get renderings (d2-behaviour.md §5.3): in the table, a {@code DhcpDdns} body and the whole
 * {@code DhcpDdns} map config-get prints; {@code '} stands for {@code "}.
 */
class D2ConfigRendererTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEFAULTS =
      "'dns-server-timeout': 500, 'ip-address': '127.0.0.1', 'ncr-format': 'JSON',"
          + " 'ncr-protocol': 'UDP', 'port': 53001";

  private static D2Config parse(String body) {
    String text = ("{'DhcpDdns': {" + body + "}}").replace('\'', '"');
    return D2ConfigParser.parse(KeaConfigReader.parse(text, "d2.json"), Path.of("."));
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text.replace('\'', '"'));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "empty: the injected defaults | | {'forward-ddns': {'ddns-domains': []}, 'hooks-libraries': [],"
            + " 'reverse-ddns': {'ddns-domains': []}, 'tsig-keys': [], "
            + DEFAULTS
            + "}",
        "globals as configured, IPv6 as Kea prints it | 'ip-address': '2001:DB8:0:0::1', 'port': 5300,"
            + " 'dns-server-timeout': 100, 'ncr-protocol': 'UDP', 'ncr-format': 'JSON'"
            + " | {'dns-server-timeout': 100, 'forward-ddns': {'ddns-domains': []}, 'hooks-libraries': [],"
            + " 'ip-address': '2001:db8::1', 'ncr-format': 'JSON', 'ncr-protocol': 'UDP', 'port': 5300,"
            + " 'reverse-ddns': {'ddns-domains': []}, 'tsig-keys': []}",
        "keys: digest-bits injected, sorted by name, secret shown as Kea shows it, secret-file shown, comment folded"
            + " | 'tsig-keys': [{'name': 'z', 'algorithm': 'hmac-sha256', 'secret': 'LSWXnfkKZjdPJI5QxlpnfQ==',"
            + " 'comment': 'zed'}, {'name': 'a.', 'algorithm': 'HMAC-MD5', 'digest-bits': 80,"
            + " 'secret': 'LSWXnfkKZjdPJI5QxlpnfQ==', 'user-context': {'o': 1}, 'comment': 'ay'}]"
            + " | {'forward-ddns': {'ddns-domains': []}, 'hooks-libraries': [], 'reverse-ddns': {'ddns-domains': []},"
            + " 'tsig-keys': [{'algorithm': 'HMAC-MD5', 'digest-bits': 80, 'name': 'a.', 'secret': 'LSWXnfkKZjdPJI5QxlpnfQ==',"
            + " 'user-context': {'comment': 'ay', 'o': 1}}, {'algorithm': 'hmac-sha256', 'digest-bits': 0,"
            + " 'name': 'z', 'secret': 'LSWXnfkKZjdPJI5QxlpnfQ==', 'user-context': {'comment': 'zed'}}], "
            + DEFAULTS
            + "}",
        "secrets redacted when the operator asks | 'user-context': {'d2j': {'config-get-secrets': 'redact'}},"
            + " 'tsig-keys': [{'name': 'k', 'algorithm': 'HMAC-SHA1', 'secret': 'LSWXnfkKZjdPJI5QxlpnfQ=='}]"
            + " | {'forward-ddns': {'ddns-domains': []}, 'hooks-libraries': [], 'reverse-ddns': {'ddns-domains': []},"
            + " 'tsig-keys': [{'algorithm': 'HMAC-SHA1', 'digest-bits': 0, 'name': 'k', 'secret': '*****'}],"
            + " 'user-context': {'d2j': {'config-get-secrets': 'redact'}}, "
            + DEFAULTS
            + "}",
        "domains: sorted, server hostname and port injected, key-name only where set"
            + " | 'tsig-keys': [{'name': 'k', 'algorithm': 'HMAC-SHA1', 'secret': 'LSWXnfkKZjdPJI5QxlpnfQ=='}],"
            + " 'forward-ddns': {'ddns-domains': [{'name': 'z.org.', 'key-name': 'k', 'dns-servers':"
            + " [{'ip-address': '192.0.2.1'}, {'ip-address': '192.0.2.2', 'port': 5353, 'key-name': 'k', 'comment': 'two'}]},"
            + " {'name': 'a.org.', 'key-name': '', 'dns-servers': [{'ip-address': '2001:DB8::53', 'hostname': ''}]}]}"
            + " | {'forward-ddns': {'ddns-domains': [{'dns-servers': [{'hostname': '', 'ip-address': '2001:db8::53',"
            + " 'port': 53}], 'name': 'a.org.'}, {'dns-servers': [{'hostname': '', 'ip-address': '192.0.2.1', 'port': 53},"
            + " {'hostname': '', 'ip-address': '192.0.2.2', 'key-name': 'k', 'port': 5353, 'user-context': {'comment': 'two'}}],"
            + " 'key-name': 'k', 'name': 'z.org.'}]}, 'hooks-libraries': [], 'reverse-ddns': {'ddns-domains': []},"
            + " 'tsig-keys': [{'algorithm': 'HMAC-SHA1', 'digest-bits': 0, 'name': 'k', 'secret': 'LSWXnfkKZjdPJI5QxlpnfQ=='}], "
            + DEFAULTS
            + "}",
        "domain name kept as written, also when normalised | 'user-context': {'d2j': {'normalize-domain-names': true}},"
            + " 'reverse-ddns': {'ddns-domains': [{'name': '2.0.192.in-addr.arpa', 'dns-servers': [{'ip-address': '127.0.0.1'}]}]}"
            + " | {'forward-ddns': {'ddns-domains': []}, 'hooks-libraries': [], 'reverse-ddns': {'ddns-domains':"
            + " [{'dns-servers': [{'hostname': '', 'ip-address': '127.0.0.1', 'port': 53}], 'name': '2.0.192.in-addr.arpa'}]},"
            + " 'tsig-keys': [], 'user-context': {'d2j': {'normalize-domain-names': true}}, "
            + DEFAULTS
            + "}",
        "control socket, hooks and global comment | 'comment': 'lab', 'control-socket': {'socket-type': 'unix',"
            + " 'socket-name': 'ctl', 'comment': 'cs'}, 'hooks-libraries': [{'library': 'x.so', 'parameters': {'b': 2, 'a': 1}}]"
            + " | {'control-socket': {'socket-name': 'ctl', 'socket-type': 'unix', 'user-context': {'comment': 'cs'}},"
            + " 'forward-ddns': {'ddns-domains': []}, 'hooks-libraries': [{'library': 'x.so', 'parameters': {'a': 1, 'b': 2}}],"
            + " 'reverse-ddns': {'ddns-domains': []}, 'tsig-keys': [], 'user-context': {'comment': 'lab'}, "
            + DEFAULTS
            + "}",
        "loggers: Kea 2.2's output_options, maxver/maxsize for files only, severity upper case or omitted"
            + " | 'loggers': [{'name': 'kea-dhcp-ddns', 'severity': 'info', 'output-options': [{'output': 'stdout'},"
            + " {'output': 'd2.log', 'maxver': 4, 'pattern': '%m%n'}]}, {'name': 'kea-dhcp-ddns.d2-to-dns', 'debuglevel': 55}]"
            + " | {'forward-ddns': {'ddns-domains': []}, 'hooks-libraries': [], 'loggers': [{'debuglevel': 0,"
            + " 'name': 'kea-dhcp-ddns', 'output_options': [{'flush': true, 'output': 'stdout', 'pattern': ''},"
            + " {'flush': true, 'maxsize': 10240000, 'maxver': 4, 'output': 'd2.log', 'pattern': '%m%n'}], 'severity': 'INFO'},"
            + " {'debuglevel': 55, 'name': 'kea-dhcp-ddns.d2-to-dns'}], 'reverse-ddns': {'ddns-domains': []},"
            + " 'tsig-keys': [], "
            + DEFAULTS
            + "}",
      })
  void rendersAsKeaConfigGet(String name, String body, String expected) throws Exception {
    ObjectNode rendered = D2ConfigRenderer.render(parse(body == null ? "" : body));
    // Compared as printed: config-get sends text, and Jackson tells int from long nodes apart.
    assertThat(JSON.readTree(rendered.get("DhcpDdns").toString())).isEqualTo(json(expected));
    assertThat(rendered.size()).isEqualTo(1);
  }

  @Test
  void membersAreInAlphabeticalOrder_asKeaPrintsThem() {
    JsonNode d2 = D2ConfigRenderer.render(parse("'port': 1, 'ip-address': '::1'")).get("DhcpDdns");
    List<String> names = new ArrayList<>();
    d2.fieldNames().forEachRemaining(names::add);
    assertThat(names).isSorted().contains("dns-server-timeout", "tsig-keys");
  }

  @Test
  void explicitShow_printsSecretsWhateverTheSetting_forAFileThatMustLoadAgain() {
    D2Config c =
        parse(
            "'user-context': {'d2j': {'config-get-secrets': 'redact'}},"
                + " 'tsig-keys': [{'name': 'k', 'algorithm': 'HMAC-SHA1', 'secret': 'LSWXnfkKZjdPJI5QxlpnfQ=='}]");
    assertThat(
            D2ConfigRenderer.render(c, D2jSettings.SecretDisplay.SHOW)
                .at("/DhcpDdns/tsig-keys/0/secret")
                .asText())
        .isEqualTo("LSWXnfkKZjdPJI5QxlpnfQ==");
    assertThat(D2ConfigRenderer.render(c).at("/DhcpDdns/tsig-keys/0/secret").asText())
        .isEqualTo("*****");
  }

  @Test
  void renderedConfig_loadsAgainWithTheSameMeaning() {
    D2Config c =
        parse(
            "'port': 5300, 'tsig-keys': [{'name': 'k', 'algorithm': 'HMAC-SHA1', 'secret': 'LSWXnfkKZjdPJI5QxlpnfQ=='}],"
                + " 'forward-ddns': {'ddns-domains': [{'name': 'a.org.', 'key-name': 'k',"
                + " 'dns-servers': [{'ip-address': '192.0.2.1', 'port': 5353}]}]},"
                + " 'loggers': [{'name': 'kea-dhcp-ddns', 'severity': 'WARN'}]");
    String text = D2ConfigRenderer.render(c, D2jSettings.SecretDisplay.SHOW).toString();
    D2Config again = D2ConfigParser.parse(KeaConfigReader.parse(text, "get.json"), Path.of("."));
    assertThat(again.port()).isEqualTo(5300);
    assertThat(again.forwardDomains()).isEqualTo(c.forwardDomains());
    assertThat(again.tsigKeys()).isEqualTo(c.tsigKeys());
    assertThat(again.loggers()).isEqualTo(c.loggers());
    assertThat(D2ConfigRenderer.render(again)).isEqualTo(D2ConfigRenderer.render(c));
  }
}
