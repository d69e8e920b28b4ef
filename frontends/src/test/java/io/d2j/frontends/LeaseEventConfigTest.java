package io.d2j.frontends;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * d2j-lease-event's settings: a Kea-format file (D2J_FRONTEND_CONFIG) or the environment; every
 * error names the JSON path and file:line:col, and the program exits 2 without sending anything.
 */
class LeaseEventConfigTest {
  @TempDir Path dir;

  @BeforeEach
  void built() {
    LeaseEventProgram.assumeBuilt();
  }

  private LeaseEventProgram.Result check(String text) throws IOException {
    Path file = Files.writeString(dir.resolve("frontend.json"), text);
    return LeaseEventProgram.run(Map.of("D2J_FRONTEND_CONFIG", file.toString()), List.of("check"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          server-port of the wrong type | {"Dhcp4": {"dhcp-ddns": {"enable-updates": true, "server-port": "53001"}}} | /Dhcp4/dhcp-ddns/server-port: expected an integer, got a string (FILE:1:65)
          unknown key in dhcp-ddns | {"Dhcp4": {"dhcp-ddns": {"enable-update": true}}} | /Dhcp4/dhcp-ddns/enable-update: unknown key 'enable-update' (FILE:1:43)
          server-ip not an address | {"Dhcp4": {"dhcp-ddns": {"server-ip": "d2.example.org"}}} | /Dhcp4/dhcp-ddns/server-ip: server-ip 'd2.example.org' is not an IP address (FILE:1:39)
          TCP | {"Dhcp4": {"dhcp-ddns": {"ncr-protocol": "TCP"}}} | /Dhcp4/dhcp-ddns/ncr-protocol: ncr-protocol TCP is not supported (Kea rejects it too); use UDP (FILE:1:42)
          suffix with an empty label in a subnet | {"Dhcp4": {"subnet4": [{"id": 1, "subnet": "192.0.2.0/24", "ddns-qualifying-suffix": "a..b"}]}} | /Dhcp4/subnet4/0/ddns-qualifying-suffix: ddns-qualifying-suffix 'a..b' is not a domain name (empty or over-long label) (FILE:1:86)
          bad regex | {"Dhcp4": {"hostname-char-set": "[a-"}} | /Dhcp4/hostname-char-set: invalid regex '[a-': Unmatched [, [^, [:, [., or [= (FILE:1:33)
          replace mode | {"Dhcp4": {"ddns-replace-client-name": "sometimes"}} | /Dhcp4/ddns-replace-client-name: ddns-replace-client-name must be never, always, when-present or when-not-present, got 'sometimes' (FILE:1:40)
          negative ttl percent | {"Dhcp4": {"ddns-ttl-percent": -0.5}} | /Dhcp4/ddns-ttl-percent: ddns-ttl-percent must not be negative, got -0.5 (FILE:1:32)
          conflict mode | {"Dhcp4": {"ddns-conflict-resolution-mode": "maybe"}} | /Dhcp4/ddns-conflict-resolution-mode: unknown conflict resolution mode 'maybe' (expected check-with-dhcid, no-check-with-dhcid, check-exists-with-dhcid or no-check-without-dhcid) (FILE:1:45)
          shared network's subnet prefix | {"Dhcp4": {"shared-networks": [{"name": "n", "subnet4": [{"id": 1, "subnet": "192.0.2.0"}]}]}} | /Dhcp4/shared-networks/0/subnet4/0/subnet: '192.0.2.0' is not an IPv4 prefix (FILE:1:78)
          frontend state-dir relative | {"Dhcp4": {"dhcp-ddns": {"user-context": {"d2j": {"frontend": {"state-dir": "spool"}}}}}} | /Dhcp4/dhcp-ddns/user-context/d2j/frontend/state-dir: state-dir must be an absolute path, got 'spool' (FILE:1:77)
          no Dhcp4 | {"DhcpDdns": {}} | : no Dhcp4 map in the file (FILE:1:1)
          duplicate key | {"Dhcp4": {"dhcp-ddns": {}, "dhcp-ddns": {}}} | FILE:1:29: duplicate key 'dhcp-ddns' (first at line 1)
          include | {"Dhcp4": <?include "other.json"?>} | FILE:1:11: <?include?> is not supported here: give the file its settings directly
          not closed | {"Dhcp4": {"ddns-qualifying-suffix": "example.org} | FILE:1:38: string is not closed
          """)
  void badFile_namesPathAndPosition_exit2(String what, String text, String message)
      throws IOException {
    LeaseEventProgram.Result r = check(text);
    assertThat(r.exit()).as("%s", r).isEqualTo(2);
    String file = dir.resolve("frontend.json").toString();
    assertThat(r.stderr().strip())
        .endsWith("D2J_FRONTEND_CONFIG_ERROR " + message.replace("FILE", file));
  }

  @Test
  void keaFile_withComments_legacyKeysAndUserContext_isRead() throws IOException {
    LeaseEventProgram.Result r =
        check(
            """
            // A kea-dhcp4.conf as operators write them.
            {"Dhcp4": {
              # Kea 2.2's spelling inside dhcp-ddns moves to the global scope
              "dhcp-ddns": {"enable-updates": true, "server-ip": "192.0.2.53", "server-port": 53011,
                            "qualifying-suffix": "lan.example.org",
                            /* d2j only */
                            "user-context": {"d2j": {"acks": true,
                               "frontend": {"state-dir": "/var/lib/d2j/fe", "ack-timeout-ms": 250}}}},
              "hostname-char-replacement": "x",
              "subnet4": [{"id": 1, "subnet": "192.0.2.0/24"}]
            }}
            """);
    assertThat(r.exit()).as("%s", r).isZero();
    assertThat(r.stdout())
        .contains("updates enabled, D2 192.0.2.53:53011, acks on, ack timeout 250 ms")
        .contains("state directory /var/lib/d2j/fe")
        .contains("ddns-qualifying-suffix 'lan.example.org'")
        .contains("hostname-char-replacement 'x'");
  }

  @Test
  void sharedNetworkAndSubnetScopes_inheritKeyByKey() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("scopes.json"),
            """
            {"Dhcp4": {
              "dhcp-ddns": {"enable-updates": true},
              "ddns-qualifying-suffix": "example.org", "hostname-char-replacement": "x",
              "shared-networks": [{"name": "lab", "ddns-qualifying-suffix": "lab.example.org",
                "subnet4": [{"id": 1, "subnet": "198.51.100.0/24", "hostname-char-replacement": "-"},
                            {"id": 2, "subnet": "203.0.113.0/24", "ddns-send-updates": false}]}],
              "subnet4": [{"id": 3, "subnet": "192.0.2.0/24"}]
            }}
            """);
    Map<String, String> env = Map.of("D2J_FRONTEND_CONFIG", file.toString());
    assertThat(fqdn(env, "198.51.100.7", "a_b")).isEqualTo("a-b.lab.example.org.");
    assertThat(fqdn(env, "203.0.113.7", "a_b"))
        .isEqualTo("no NCR: ddns-send-updates is false for this lease's scope");
    assertThat(fqdn(env, "192.0.2.7", "a_b")).isEqualTo("axb.example.org.");
    // An address in no subnet gets the global scope.
    assertThat(fqdn(env, "10.0.0.7", "a_b")).isEqualTo("axb.example.org.");
  }

  @Test
  void updatesDisabledInTheFile_noNcr() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("off.json"),
            """
            {"Dhcp4": {"dhcp-ddns": {"enable-updates": false}, "ddns-qualifying-suffix": "example.org"}}
            """);
    assertThat(fqdn(Map.of("D2J_FRONTEND_CONFIG", file.toString()), "192.0.2.7", "a"))
        .isEqualTo("no NCR: dhcp-ddns.enable-updates is false");
  }

  @Test
  void environment_overridesTheFile() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("env.json"),
            """
            {"Dhcp4": {"dhcp-ddns": {"enable-updates": true}, "ddns-qualifying-suffix": "example.org",
              "subnet4": [{"id": 1, "subnet": "192.0.2.0/24", "ddns-qualifying-suffix": "sub.example.org"}]}}
            """);
    Map<String, String> env =
        Map.of("D2J_FRONTEND_CONFIG", file.toString(), "D2J_QUALIFYING_SUFFIX", "env.example.net");
    assertThat(fqdn(env, "192.0.2.7", "a")).isEqualTo("a.env.example.net.");
    assertThat(fqdn(env, "10.0.0.7", "a")).isEqualTo("a.env.example.net.");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          D2J_NCR_SERVER | d2.example.org:53001 | D2J_NCR_SERVER: 'd2.example.org:53001' is not host:port with an IP address (e.g. 127.0.0.1:53001 or [::1]:53001)
          D2J_NCR_SERVER | 127.0.0.1          | D2J_NCR_SERVER: '127.0.0.1' is not host:port with an IP address (e.g. 127.0.0.1:53001 or [::1]:53001)
          D2J_QUALIFYING_SUFFIX | a..b          | D2J_QUALIFYING_SUFFIX: 'a..b' is not a domain name
          D2J_FRONTEND_STATE_DIR | relative     | D2J_FRONTEND_STATE_DIR: 'relative' is not an absolute path
          D2J_FRONTEND_ACK_TIMEOUT_MS | 0       | D2J_FRONTEND_ACK_TIMEOUT_MS: '0' is not 1..600000
          """)
  void badEnvironment_namesTheVariable_exit2(String name, String value, String message)
      throws IOException {
    LeaseEventProgram.Result r = LeaseEventProgram.run(Map.of(name, value), List.of("check"));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.stderr().strip()).endsWith("D2J_FRONTEND_CONFIG_ERROR " + message);
  }

  @Test
  void environmentOnly_ipv6Server() throws IOException {
    LeaseEventProgram.Result r =
        LeaseEventProgram.run(
            Map.of("D2J_NCR_SERVER", "[::1]:53011", "D2J_QUALIFYING_SUFFIX", "example.org"),
            List.of("check"));
    assertThat(r.exit()).as("%s", r).isZero();
    assertThat(r.stdout())
        .startsWith("settings from environment\n")
        .contains("updates enabled, D2 [::1]:53011, acks on, ack timeout 1000 ms");
  }

  @Test
  void unknownCommand_usage_exit2() throws IOException {
    LeaseEventProgram.Result r = LeaseEventProgram.run(Map.of(), List.of("frobnicate"));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.stderr()).startsWith("d2j-lease-event: unknown event or command 'frobnicate'");
  }

  @Test
  void dnsmasqEventsItDoesNotMap_exit0_printNothing() throws IOException {
    for (String action : List.of("init", "tftp", "arp-add", "arp-del", "relay-snoop")) {
      LeaseEventProgram.Result r = LeaseEventProgram.run(Map.of(), List.of(action, "a", "b", "c"));
      assertThat(r.exit()).as(action).isZero();
      assertThat(r.stdout()).as(action).isEmpty();
    }
  }

  private static String fqdn(Map<String, String> env, String address, String hostname)
      throws IOException {
    LeaseEventProgram.Result r =
        LeaseEventProgram.run(
            env,
            List.of(
                "ncr",
                "add",
                "--ip",
                address,
                "--hostname",
                hostname,
                "--mac",
                "02:00:00:00:00:01"));
    String out = r.stdout().strip();
    if (out.startsWith("no NCR")) {
      return out;
    }
    int at = out.indexOf("\"fqdn\":\"") + 8;
    return out.substring(at, out.indexOf('"', at));
  }
}
