package io.d2j.dhcp4.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.dhcp4.ddns.DdnsParams;
import io.d2j.dhcp4.ddns.DhcpDdns;
import io.d2j.dhcp4.ddns.HostnameSanitizer;
import io.d2j.dhcp4.ddns.ReplaceClientName;
import io.d2j.keaconfig.ConfigException;
import io.d2j.keaconfig.KeaConfigReader;
import io.d2j.ncr.ConflictResolutionMode;
import io.d2j.ncr.IpAddresses;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code dhcp-ddns} and the behavioural DDNS keys: scopes, inheritance, legacy moves, errors. */
class DdnsConfigTest {

  private static Dhcp4Config parse(String dhcp4Body) {
    return Dhcp4ConfigParser.parse(
        KeaConfigReader.parse("{\"Dhcp4\": {" + dhcp4Body + "}}", "kea.json"), Path.of("/etc"));
  }

  private static DdnsParams subnet(Dhcp4Config c, long id) {
    return c.subnet(id).orElseThrow().ddns();
  }

  @Test
  void noDhcpDdnsBlock_updatesOff_keaDefaults() {
    Dhcp4Config c = parse("\"subnet4\": [{\"id\": 1, \"subnet\": \"10.0.0.0/24\"}]");
    assertThat(c.dhcpDdns()).isEqualTo(DhcpDdns.DISABLED);
    assertThat(subnet(c, 1)).isEqualTo(DdnsParams.DEFAULTS);
  }

  @Test
  void dhcpDdnsBlock_everyKey() {
    Dhcp4Config c =
        parse(
            """
            "dhcp-ddns": {"enable-updates": true, "server-ip": "127.0.0.1", "server-port": 53101,
                          "sender-ip": "127.0.0.1", "sender-port": 53102, "max-queue-size": 64,
                          "ncr-protocol": "udp", "ncr-format": "JSON",
                          "user-context": {"d2j": {"acks": true}}, "comment": "to d2j"}
            """);
    assertThat(c.dhcpDdns())
        .isEqualTo(
            new DhcpDdns(
                true,
                new InetSocketAddress(IpAddresses.parse("127.0.0.1"), 53101),
                new InetSocketAddress(IpAddresses.parse("127.0.0.1"), 53102),
                64,
                true,
                java.util.Optional.empty()));
    assertThat(c.warnings()).isEmpty();
  }

  @Test
  void ncrKey_inTheD2jUserContext_signsNcrs_andIsCheckedByField() {
    String secret = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    Dhcp4Config c =
        parse(
            """
            "dhcp-ddns": {"enable-updates": true, "user-context": {"d2j": {"ncr-key":
                {"name": "NCR-Key.", "algorithm": "hmac-sha256", "secret": "%s"}}}}
            """
                .formatted(secret));
    assertThat(c.dhcpDdns().signingKey())
        .contains(
            new io.d2j.ncr.auth.NcrAuthKey(
                "ncr-key", java.util.Base64.getDecoder().decode(secret)));
    assertThatThrownBy(
            () ->
                parse(
                    """
                    "dhcp-ddns": {"user-context": {"d2j": {"ncr-key":
                        {"name": "k", "algorithm": "HMAC-MD5", "secret": "%s"}}}}
                    """
                        .formatted(secret)))
        .hasMessageStartingWith(
            "/Dhcp4/dhcp-ddns/user-context/d2j/ncr-key/algorithm: NCRs are signed with"
                + " HMAC-SHA256 only, got 'HMAC-MD5'");
    assertThatThrownBy(
            () ->
                parse(
                    """
                    "dhcp-ddns": {"user-context": {"d2j": {"ncr-key":
                        {"name": "k", "secret": "c2hvcnQ="}}}}
                    """))
        .hasMessageStartingWith(
            "/Dhcp4/dhcp-ddns/user-context/d2j/ncr-key/secret: secret: 5 octets is too short to"
                + " sign NCRs (at least 16)");
  }

  @Test
  void behaviouralKeys_inheritGlobalThenNetworkThenSubnet() {
    Dhcp4Config c =
        parse(
            """
            "dhcp-ddns": {"enable-updates": true},
            "ddns-qualifying-suffix": "global.org", "ddns-generated-prefix": "g",
            "ddns-update-on-renew": true, "ddns-ttl-percent": 0.5,
            "hostname-char-replacement": "x",
            "ddns-conflict-resolution-mode": "check-exists-with-dhcid",
            "shared-networks": [{"name": "n", "ddns-qualifying-suffix": "net.org",
                                 "ddns-replace-client-name": "always",
                                 "subnet4": [{"id": 2, "subnet": "10.2.0.0/24",
                                              "ddns-send-updates": false,
                                              "ddns-use-conflict-resolution": false},
                                             {"id": 3, "subnet": "10.3.0.0/24",
                                              "hostname-char-set": ""}]}],
            "subnet4": [{"id": 1, "subnet": "10.1.0.0/24", "ddns-override-no-update": true,
                         "ddns-override-client-update": true}]
            """);
    assertThat(subnet(c, 1))
        .isEqualTo(
            new DdnsParams(
                true,
                true,
                true,
                ReplaceClientName.NEVER,
                "g",
                "global.org",
                true,
                ConflictResolutionMode.CHECK_EXISTS_WITH_DHCID,
                OptionalDouble.of(0.5),
                HostnameSanitizer.of(HostnameSanitizer.DEFAULT_CHAR_SET, "x")));
    assertThat(subnet(c, 2))
        .isEqualTo(
            new DdnsParams(
                false,
                false,
                false,
                ReplaceClientName.ALWAYS,
                "g",
                "net.org",
                true,
                ConflictResolutionMode.NO_CHECK_WITH_DHCID,
                OptionalDouble.of(0.5),
                HostnameSanitizer.of(HostnameSanitizer.DEFAULT_CHAR_SET, "x")));
    assertThat(subnet(c, 3).updatesEnabled()).isTrue();
    assertThat(subnet(c, 3).sanitizer().enabled()).isFalse();
    assertThat(subnet(c, 3).conflictResolutionMode())
        .isEqualTo(ConflictResolutionMode.CHECK_EXISTS_WITH_DHCID);
  }

  /** Spec §1.4: enable-updates x ddns-send-updates. */
  @ParameterizedTest(name = "enable-updates {0}, global {1}, subnet {2}")
  @CsvSource({
    "false, false, -,    false",
    "false, true,  -,    false",
    "false, true,  true, false",
    "true,  false, -,    false",
    "true,  false, true, true",
    "true,  true,  -,    true",
    "true,  true,  false, false",
  })
  void enablement(boolean enable, boolean global, String subnet, boolean effective) {
    Dhcp4Config c =
        parse(
            "\"dhcp-ddns\": {\"enable-updates\": "
                + enable
                + "}, \"ddns-send-updates\": "
                + global
                + ", \"subnet4\": [{\"id\": 1, \"subnet\": \"10.0.0.0/24\""
                + (subnet.equals("-") ? "" : ", \"ddns-send-updates\": " + subnet)
                + "}]");
    assertThat(subnet(c, 1).updatesEnabled()).isEqualTo(effective);
  }

  @Test
  void legacyKeysInDhcpDdns_moveToGlobal_unlessTheGlobalKeyIsSet() {
    Dhcp4Config c =
        parse(
            """
            "ddns-generated-prefix": "kept",
            "dhcp-ddns": {"enable-updates": true, "qualifying-suffix": "legacy.org",
                          "generated-prefix": "dropped", "replace-client-name": "when-present",
                          "override-no-update": true, "override-client-update": true,
                          "hostname-char-set": "[^a-z]", "hostname-char-replacement": "-"},
            "subnet4": [{"id": 1, "subnet": "10.0.0.0/24"}]
            """);
    DdnsParams p = subnet(c, 1);
    assertThat(p.qualifyingSuffix()).isEqualTo("legacy.org");
    assertThat(p.generatedPrefix()).isEqualTo("kept");
    assertThat(p.replaceClientName()).isEqualTo(ReplaceClientName.WHEN_PRESENT);
    assertThat(p.overrideNoUpdate()).isTrue();
    assertThat(p.overrideClientUpdate()).isTrue();
    assertThat(p.sanitizer()).isEqualTo(HostnameSanitizer.of("[^a-z]", "-"));
    assertThat(c.warnings())
        .containsExactly(
            "/Dhcp4/dhcp-ddns/qualifying-suffix: dhcp-ddns:qualifying-suffix is deprecated,"
                + " moving it to global:ddns-qualifying-suffix",
            "/Dhcp4/dhcp-ddns/override-no-update: dhcp-ddns:override-no-update is deprecated,"
                + " moving it to global:ddns-override-no-update",
            "/Dhcp4/dhcp-ddns/override-client-update: dhcp-ddns:override-client-update is"
                + " deprecated, moving it to global:ddns-override-client-update",
            "/Dhcp4/dhcp-ddns/replace-client-name: dhcp-ddns:replace-client-name is deprecated,"
                + " moving it to global:ddns-replace-client-name",
            "/Dhcp4/dhcp-ddns/generated-prefix: dhcp-ddns:generated-prefix is ignored:"
                + " global:ddns-generated-prefix is set and wins",
            "/Dhcp4/dhcp-ddns/hostname-char-set: dhcp-ddns:hostname-char-set is deprecated,"
                + " moving it to global:hostname-char-set",
            "/Dhcp4/dhcp-ddns/hostname-char-replacement: dhcp-ddns:hostname-char-replacement is"
                + " deprecated, moving it to global:hostname-char-replacement");
  }

  @Test
  void conflictResolution_newKeyWinsInItsScope_childBooleanOverridesParentMode() {
    Dhcp4Config c =
        parse(
            """
            "ddns-use-conflict-resolution": false,
            "ddns-conflict-resolution-mode": "no-check-without-dhcid",
            "subnet4": [{"id": 1, "subnet": "10.0.0.0/24"},
                        {"id": 2, "subnet": "10.1.0.0/24", "ddns-use-conflict-resolution": true}]
            """);
    assertThat(subnet(c, 1).conflictResolutionMode())
        .isEqualTo(ConflictResolutionMode.NO_CHECK_WITHOUT_DHCID);
    assertThat(subnet(c, 2).conflictResolutionMode())
        .isEqualTo(ConflictResolutionMode.CHECK_WITH_DHCID);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          bad replace mode | "ddns-replace-client-name": "sometimes" | /Dhcp4/ddns-replace-client-name: ddns-replace-client-name must be never, always, when-present or when-not-present, got 'sometimes' (kea.json:1:40)
          legacy boolean mode | "ddns-replace-client-name": true | /Dhcp4/ddns-replace-client-name: expected a string, got boolean (kea.json:1:40)
          bad conflict mode | "subnet4": [{"id": 1, "subnet": "10.0.0.0/24", "ddns-conflict-resolution-mode": "strict"}] | /Dhcp4/subnet4/0/ddns-conflict-resolution-mode: unknown conflict resolution mode 'strict' (expected check-with-dhcid, no-check-with-dhcid, check-exists-with-dhcid or no-check-without-dhcid) (kea.json:1:92)
          bad regex | "shared-networks": [{"name": "n", "hostname-char-set": "[a-"}] | /Dhcp4/shared-networks/0/hostname-char-set: invalid regex '[a-': Illegal character range (kea.json:1:67)
          negative ttl percent | "ddns-ttl-percent": -0.5 | /Dhcp4/ddns-ttl-percent: ddns-ttl-percent must not be negative, got -0.5 (kea.json:1:32)
          string ttl percent | "ddns-ttl-percent": "half" | /Dhcp4/ddns-ttl-percent: expected a real, got string (kea.json:1:32)
          send-updates not a boolean | "ddns-send-updates": "yes" | /Dhcp4/ddns-send-updates: expected a boolean, got string (kea.json:1:33)
          bad suffix | "ddns-qualifying-suffix": "a..b" | /Dhcp4/ddns-qualifying-suffix: ddns-qualifying-suffix 'a..b' is not a domain name (empty or over-long label) (kea.json:1:38)
          3.x ttl key | "ddns-ttl": 300 | /Dhcp4/ddns-ttl: 'ddns-ttl' is not supported by d2j-dhcp4 yet (kea.json:1:24)
          pool-level key | "subnet4": [{"id": 1, "subnet": "10.0.0.0/24", "pools": [{"pool": "10.0.0.5 - 10.0.0.9", "ddns-qualifying-suffix": "p.org"}]}] | /Dhcp4/subnet4/0/pools/0/ddns-qualifying-suffix: 'ddns-qualifying-suffix' is not supported by d2j-dhcp4 yet (kea.json:1:127)
          bad server-ip | "dhcp-ddns": {"server-ip": "d2.example.org"} | /Dhcp4/dhcp-ddns/server-ip: server-ip 'd2.example.org' is not an IP address (kea.json:1:39)
          family mismatch | "dhcp-ddns": {"server-ip": "::1", "sender-ip": "127.0.0.1"} | /Dhcp4/dhcp-ddns/sender-ip: sender-ip 127.0.0.1 is not of the same address family as server-ip ::1 (kea.json:1:59)
          same endpoint | "dhcp-ddns": {"server-ip": "127.0.0.1", "server-port": 53001, "sender-ip": "127.0.0.1", "sender-port": 53001} | /Dhcp4/dhcp-ddns: D2 server address and sender address cannot be the same: 127.0.0.1 port 53001 (kea.json:1:25)
          port out of range | "dhcp-ddns": {"server-port": 70000} | /Dhcp4/dhcp-ddns/server-port: server-port must be between 0 and 65535, got 70000 (kea.json:1:41)
          tcp | "dhcp-ddns": {"ncr-protocol": "TCP"} | /Dhcp4/dhcp-ddns/ncr-protocol: ncr-protocol TCP is not supported (Kea rejects it too); use UDP (kea.json:1:42)
          other protocol | "dhcp-ddns": {"ncr-protocol": "SCTP"} | /Dhcp4/dhcp-ddns/ncr-protocol: ncr-protocol must be UDP, got 'SCTP' (kea.json:1:42)
          other format | "dhcp-ddns": {"ncr-format": "XML"} | /Dhcp4/dhcp-ddns/ncr-format: ncr-format must be JSON, got 'XML' (kea.json:1:40)
          zero queue | "dhcp-ddns": {"max-queue-size": 0} | /Dhcp4/dhcp-ddns/max-queue-size: max-queue-size must be between 1 and 2147483647, got 0 (kea.json:1:44)
          unknown key | "dhcp-ddns": {"enable-update": true} | /Dhcp4/dhcp-ddns/enable-update: 'enable-update' is not supported by d2j-dhcp4 yet (kea.json:1:43)
          bad legacy value | "dhcp-ddns": {"replace-client-name": "maybe"} | /Dhcp4/dhcp-ddns/replace-client-name: replace-client-name must be never, always, when-present or when-not-present, got 'maybe' (kea.json:1:49)
          """)
  void invalid_isRejectedWithPathAndReason(String what, String body, String message) {
    assertThatThrownBy(() -> parse(body))
        .as(what)
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }
}
