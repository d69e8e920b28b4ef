package io.d2j.dhcp4.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.dhcp4.config.Pool4;
import io.d2j.keaconfig.ConfigException;
import io.d2j.keaconfig.KeaConfigReader;
import io.d2j.ncr.IpAddresses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HaConfigParserTest {

  private static final String HOOKS = "/usr/lib/x86_64-linux-gnu/kea/hooks/";
  private static final String HA = "/Dhcp4/hooks-libraries/1/parameters/high-availability/0";
  private static final Map<String, String> PEERS =
      Map.of(
          "$P1",
              "{\"name\": \"server1\", \"url\": \"http://127.0.0.1:8001/\", \"role\": \"primary\"}",
          "$S2",
              "{\"name\": \"server2\", \"url\": \"http://127.0.0.1:8002/\", \"role\": \"secondary\"}",
          "$SB2",
              "{\"name\": \"server2\", \"url\": \"http://127.0.0.1:8002/\", \"role\": \"standby\"}",
          "$B3",
              "{\"name\": \"server3\", \"url\": \"http://127.0.0.1:8003/\", \"role\": \"backup\"}");

  @TempDir Path dir;

  private static String config(String relationship) {
    String r = relationship;
    for (Map.Entry<String, String> e : PEERS.entrySet()) {
      r = r.replace(e.getKey(), e.getValue());
    }
    r = r.replace("$SB2", PEERS.get("$SB2"));
    return "{\"Dhcp4\": {\"hooks-libraries\": [{\"library\": \""
        + HOOKS
        + "libdhcp_lease_cmds.so\"}, {\"library\": \""
        + HOOKS
        + "libdhcp_ha.so\", \"parameters\": {\"high-availability\": ["
        + r
        + "]}}]}}";
  }

  private Dhcp4Config parse(String relationship) {
    return Dhcp4ConfigParser.parse(KeaConfigReader.parse(config(relationship), "kea.json"), dir);
  }

  private HaConfig ha(String relationship) {
    return parse(relationship).highAvailability().orElseThrow();
  }

  @Test
  void loadBalancingPair_defaultsAreKea22s() {
    HaConfig c =
        ha(
            """
            {"this-server-name": "server1", "mode": "load-balancing", "peers": [$P1, $S2]}""");
    assertThat(c.mode()).isEqualTo(HaMode.LOAD_BALANCING);
    assertThat(c.heartbeatDelay()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.maxResponseDelay()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.maxAckDelay()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.maxUnackedClients()).isEqualTo(10);
    assertThat(c.maxRejectedLeaseUpdates()).isEqualTo(10);
    assertThat(c.delayedUpdatesLimit()).isEqualTo(100);
    assertThat(c.sendLeaseUpdates()).isTrue();
    assertThat(c.syncLeases()).isTrue();
    assertThat(c.syncTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.syncPageLimit()).isEqualTo(10_000);
    assertThat(c.waitBackupAck()).isFalse();
    assertThat(c.restrictCommands()).isFalse();
    assertThat(c.requireClientCerts()).isTrue();
    assertThat(c.multiThreading()).isEqualTo(HaConfig.MultiThreading.DEFAULTS);
    assertThat(c.pausing(HaState.WAITING)).isEqualTo(StatePausing.NEVER);
    assertThat(c.thisServer().autoFailover()).isTrue();
    assertThat(c.thisServer().basicAuth()).isEmpty();
    assertThat(c.thisServer().tls()).isEmpty();
    assertThat(c.role()).isEqualTo(HaRole.PRIMARY);
    assertThat(c.partner().map(HaPeer::name)).contains("server2");
    assertThat(c.classNames()).containsExactly("HA_server1", "HA_server2");
  }

  @Test
  void everyKey_isRead() throws Exception {
    Files.writeString(dir.resolve("ca.pem"), "ca");
    Files.writeString(dir.resolve("cert.pem"), "cert");
    Files.writeString(dir.resolve("key.pem"), "key");
    Files.writeString(dir.resolve("password"), "hapass\n");
    HaConfig c =
        ha(
            """
            {"this-server-name": " server2 ", "mode": "hot-standby",
             "heartbeat-delay": 5000, "max-response-delay": 15000, "max-ack-delay": 3000,
             "max-unacked-clients": 0, "max-rejected-lease-updates": 0,
             "delayed-updates-limit": 0, "send-lease-updates": false, "sync-leases": false,
             "sync-timeout": 30000, "sync-page-limit": 500, "wait-backup-ack": false,
             "restrict-commands": true, "require-client-certs": false,
             "trust-anchor": "ca.pem", "cert-file": "cert.pem", "key-file": "key.pem",
             "multi-threading": {"enable-multi-threading": true, "http-dedicated-listener": true,
                                 "http-listener-threads": 2, "http-client-threads": 3},
             "state-machine": {"states": [{"state": "waiting", "pause": "once"},
                                          {"state": "partner-down", "pause": "always"},
                                          {"state": "ready", "pause": "never"},
                                          {"state": "syncing"}]},
             "comment": "pair A", "user-context": {"site": "lab"},
             "peers": [{"name": "server1", "url": "https://[2001:db8::1]:8443/ignored/path",
                        "role": "primary", "auto-failover": false,
                        "basic-auth-user": "hauser", "basic-auth-password-file": "password"},
                       {"name": "server2", "url": "http://192.0.2.2", "role": "standby",
                        "basic-auth-user": "", "trust-anchor": "", "cert-file": "",
                        "key-file": "", "comment": "me"},
                       {"name": "server3", "url": "http://192.0.2.3:8000", "role": "backup",
                        "basic-auth-user": "b", "basic-auth-password": "p"}]}""");
    assertThat(c.thisServerName()).isEqualTo("server2");
    assertThat(c.mode()).isEqualTo(HaMode.HOT_STANDBY);
    assertThat(c.heartbeatDelay()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.maxResponseDelay()).isEqualTo(Duration.ofSeconds(15));
    assertThat(c.maxAckDelay()).isEqualTo(Duration.ofSeconds(3));
    assertThat(c.maxUnackedClients()).isZero();
    assertThat(c.maxRejectedLeaseUpdates()).isZero();
    assertThat(c.delayedUpdatesLimit()).isZero();
    assertThat(c.sendLeaseUpdates()).isFalse();
    assertThat(c.syncLeases()).isFalse();
    assertThat(c.syncTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.syncPageLimit()).isEqualTo(500);
    assertThat(c.restrictCommands()).isTrue();
    assertThat(c.requireClientCerts()).isFalse();
    assertThat(c.multiThreading()).isEqualTo(new HaConfig.MultiThreading(true, true, 2, 3));
    assertThat(c.pausing())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(HaState.WAITING, StatePausing.ONCE, HaState.PARTNER_DOWN, StatePausing.ALWAYS));
    HaPeer primary = c.peer("server1").orElseThrow();
    assertThat(primary.url())
        .isEqualTo(
            new PeerUrl(
                true,
                IpAddresses.parse("2001:db8::1"),
                8443,
                "https://[2001:db8::1]:8443/ignored/path"));
    assertThat(primary.url().hostHeader()).isEqualTo("[2001:db8::1]");
    assertThat(primary.autoFailover()).isFalse();
    // the file's content as it is, final newline included, as Kea 2.2 reads it
    assertThat(primary.basicAuth()).contains(new BasicAuth("hauser", "hapass\n"));
    assertThat(primary.tls())
        .contains(
            new TlsFiles(dir.resolve("ca.pem"), dir.resolve("cert.pem"), dir.resolve("key.pem")));
    HaPeer self = c.thisServer();
    assertThat(self.role()).isEqualTo(HaRole.STANDBY);
    assertThat(self.basicAuth()).isEmpty();
    assertThat(self.tls()).isEmpty();
    assertThat(self.url().port()).isEqualTo(80);
    assertThat(c.peer("server3").orElseThrow().url().port()).isEqualTo(8000);
    assertThat(c.peer("server3").orElseThrow().basicAuth()).contains(new BasicAuth("b", "p"));
    assertThat(c.partner().map(HaPeer::name)).contains("server1");
    assertThat(c.activeServers()).extracting(HaPeer::name).containsExactly("server1", "server2");
  }

  @Test
  void keasOwnExample_haBlock_isRead() throws Exception {
    // doc/examples/kea4/ha-load-balancing-primary.json of Kea 2.2.0 (the whole file loads too,
    // see KeaExamplesTest); its hooks-libraries entry read as the server reads it
    var root =
        KeaConfigReader.read(
            Path.of(
                getClass()
                    .getResource("/kea-examples/kea-2.2.0/ha-load-balancing-primary.json")
                    .toURI()));
    var hooks = root.requireMap("Dhcp4").requireList("hooks-libraries").items();
    assertThat(((io.d2j.keaconfig.ConfigMap) hooks.get(0)).requireString("library"))
        .endsWith("/libdhcp_lease_cmds.so");
    HaConfig c =
        new HaConfigParser(
                new java.util.ArrayList<>(), io.d2j.keacontrol.files.PathGuard.TRUSTED, dir)
            .parse(((io.d2j.keaconfig.ConfigMap) hooks.get(1)).requireMap("parameters"));
    assertThat(c.mode()).isEqualTo(HaMode.LOAD_BALANCING);
    assertThat(c.maxAckDelay()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.maxUnackedClients()).isEqualTo(5);
    assertThat(c.delayedUpdatesLimit()).isEqualTo(100);
    assertThat(c.peers())
        .extracting(
            p ->
                p.name()
                    + " "
                    + p.role().wire()
                    + " "
                    + p.url().hostHeader()
                    + ":"
                    + p.url().port())
        .containsExactly(
            "server1 primary 192.168.56.33:8000", "server2 secondary 192.168.56.66:8000");
  }

  @Test
  void https_withoutTls_isRefused_evenWhenAllThreeAreEmpty() {
    assertThatThrownBy(
            () ->
                ha(
                    """
                    {"this-server-name": "server1", "mode": "hot-standby",
                     "peers": [$P1, {"name": "server2", "url": "https://192.0.2.2", "role": "standby",
                                     "trust-anchor": "", "cert-file": "", "key-file": ""}]}"""))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            HA
                + "/peers/1/url: an https:// URL needs TLS: set trust-anchor, cert-file and key-file"
                + " (here or for the relationship) (kea.json:2:112)");
  }

  @Test
  void basicAuthHeader_isRfc7617() {
    assertThat(new BasicAuth("hauser", "hapass").header()).isEqualTo("Basic aGF1c2VyOmhhcGFzcw==");
    assertThat(new BasicAuth("hauser", "hapass").toString()).doesNotContain("hapass");
  }

  @Test
  void passiveBackup_primaryAndBackups_noPartner() {
    HaConfig c =
        ha(
            """
            {"this-server-name": "server1", "mode": "passive-backup", "wait-backup-ack": true,
             "peers": [$P1, $B3]}""");
    assertThat(c.delayedUpdatesLimit()).isZero();
    assertThat(c.waitBackupAck()).isTrue();
    assertThat(c.partner()).isEmpty();
    assertThat(c.activeServers()).extracting(HaPeer::name).containsExactly("server1");
  }

  @Test
  void poolsSplitByHaClass_areRead() {
    String ha =
        config(
            """
            {"this-server-name": "server1", "mode": "load-balancing", "peers": [$P1, $S2]}""");
    String text =
        ha.substring(0, ha.length() - 2)
            + ", \"subnet4\": [{\"id\": 1, \"subnet\": \"192.0.2.0/24\", \"pools\": ["
            + "{\"pool\": \"192.0.2.10 - 192.0.2.19\", \"client-class\": \"HA_server1\"},"
            + "{\"pool\": \"192.0.2.20 - 192.0.2.29\", \"client-class\": \"HA_server2\"}]}]}}";
    Dhcp4Config c = Dhcp4ConfigParser.parse(KeaConfigReader.parse(text, "kea.json"), dir);
    assertThat(c.subnets().get(0).pools())
        .extracting(Pool4::clientClass)
        .containsExactly(Optional.of("HA_server1"), Optional.of("HA_server2"));
  }

  @Test
  void haClass_isGivenBeforeTheClassTests() {
    String ha =
        config(
            """
            {"this-server-name": "server1", "mode": "load-balancing", "peers": [$P1, $S2]}""");
    String text =
        ha.substring(0, ha.length() - 2)
            + ", \"client-classes\": [{\"name\": \"primary-scope\","
            + " \"test\": \"member('HA_server1')\"}]}}";
    Dhcp4Config c = Dhcp4ConfigParser.parse(KeaConfigReader.parse(text, "kea.json"), dir);
    QueryScopes scopes = new QueryScopes(c.highAvailability().orElseThrow());
    var classifier = c.clientClasses().classifier();
    int[] seen = new int[2];
    for (int n = 0; n < 20; n++) {
      byte[] mac = {0, 0x0c, 1, 2, 3, (byte) (4 + n)};
      var query =
          io.d2j.dhcp4.packet.DhcpPacket.request(
              1,
              io.d2j.dhcp4.Octets.of(mac),
              io.d2j.dhcp4.packet.DhcpOptions.builder()
                  .put(
                      io.d2j.dhcp4.packet.OptionCodes.MESSAGE_TYPE,
                      io.d2j.dhcp4.Octets.of(
                          (byte) io.d2j.dhcp4.packet.DhcpMessageType.DISCOVER.code()))
                  .build());
      String expected = scopes.className(query).orElseThrow();
      var classes =
          classifier.initial(io.d2j.dhcp4.classify.PacketFacts.of(query), (name, e) -> {});
      assertThat(classes.contains(expected)).as("client %d", n).isTrue();
      assertThat(classes.contains("primary-scope")).isEqualTo(expected.equals("HA_server1"));
      seen[expected.equals("HA_server1") ? 0 : 1]++;
    }
    // both scopes occur, so the member() test is seen both true and false
    assertThat(seen[0]).isPositive();
    assertThat(seen[1]).isPositive();
  }

  @Test
  void withoutHa_noHaClassIsGiven() {
    String text =
        "{\"Dhcp4\": {\"client-classes\": [{\"name\": \"primary-scope\","
            + " \"test\": \"member('HA_server1')\"}]}}";
    Dhcp4Config c = Dhcp4ConfigParser.parse(KeaConfigReader.parse(text, "kea.json"), dir);
    var query =
        io.d2j.dhcp4.packet.DhcpPacket.request(
            1,
            io.d2j.dhcp4.Octets.of(new byte[] {0, 0x0c, 1, 2, 3, 4}),
            io.d2j.dhcp4.packet.DhcpOptions.builder()
                .put(
                    io.d2j.dhcp4.packet.OptionCodes.MESSAGE_TYPE,
                    io.d2j.dhcp4.Octets.of(
                        (byte) io.d2j.dhcp4.packet.DhcpMessageType.DISCOVER.code()))
                .build());
    var classes =
        c.clientClasses()
            .classifier()
            .initial(io.d2j.dhcp4.classify.PacketFacts.of(query), (name, e) -> {});
    assertThat(classes.names()).containsExactly("ALL");
  }

  @Test
  void heartbeatNotBelowMaxResponseDelay_isAWarning() {
    Dhcp4Config c =
        parse(
            """
            {"this-server-name": "server1", "mode": "load-balancing", "heartbeat-delay": 10000,
             "max-response-delay": 10000, "peers": [$P1, $S2]}""");
    assertThat(c.warnings())
        .containsExactly(
            HA
                + ": max-response-delay (10000 ms) is not above heartbeat-delay (10000 ms): one late"
                + " heartbeat makes communication count as interrupted");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          unknown mode | "mode": "load-balance", "peers": [$P1, $S2] | /mode | unknown mode 'load-balance'; expected one of load-balancing, hot-standby, passive-backup
          missing mode | "peers": [$P1, $S2] | '' | missing mandatory 'mode'
          heartbeat over uint16 | "mode": "load-balancing", "heartbeat-delay": 65536, "peers": [$P1, $S2] | /heartbeat-delay | heartbeat-delay must be between 0 and 65535 (Kea 2.2 reads it as a 16-bit number), got 65536
          negative response delay | "mode": "load-balancing", "max-response-delay": -1, "peers": [$P1, $S2] | /max-response-delay | max-response-delay must be between 0 and 65535 (Kea 2.2 reads it as a 16-bit number), got -1
          ack delay over uint16 | "mode": "load-balancing", "max-ack-delay": 70000, "peers": [$P1, $S2] | /max-ack-delay | max-ack-delay must be between 0 and 65535 (Kea 2.2 reads it as a 16-bit number), got 70000
          unacked over uint32 | "mode": "load-balancing", "max-unacked-clients": 4294967296, "peers": [$P1, $S2] | /max-unacked-clients | max-unacked-clients must be between 0 and 4294967295, got 4294967296
          page limit zero | "mode": "load-balancing", "sync-page-limit": 0, "peers": [$P1, $S2] | /sync-page-limit | sync-page-limit must be between 1 and 4294967295, got 0
          sync timeout zero | "mode": "load-balancing", "sync-timeout": 0, "peers": [$P1, $S2] | /sync-timeout | sync-timeout must be between 1 and 4294967295, got 0
          string for a number | "mode": "load-balancing", "heartbeat-delay": "10000", "peers": [$P1, $S2] | /heartbeat-delay | expected an integer, got string
          string for a boolean | "mode": "load-balancing", "sync-leases": "yes", "peers": [$P1, $S2] | /sync-leases | expected a boolean, got string
          unknown key | "mode": "load-balancing", "heartbeat-delai": 5, "peers": [$P1, $S2] | /heartbeat-delai | unknown key 'heartbeat-delai'
          this server unknown | "mode": "load-balancing", "peers": [$S2, {"name": "server4", "url": "http://127.0.0.1:8004/", "role": "primary"}] | /this-server-name | no peer is named 'server1' (this-server-name must name one of peers[])
          peers missing | "mode": "load-balancing" | '' | missing mandatory 'peers'
          peers empty | "mode": "load-balancing", "peers": [] | /peers | peers must list this server and its partner
          peer twice | "mode": "load-balancing", "peers": [$P1, $S2, {"name": " server2", "url": "http://127.0.0.1:8005/", "role": "backup"}] | /peers/2/name | peer 'server2' is listed twice
          blank peer name | "mode": "load-balancing", "peers": [$P1, {"name": " ", "url": "http://127.0.0.1:8005/", "role": "secondary"}] | /peers/1/name | name must not be blank
          unknown peer key | "mode": "load-balancing", "peers": [$P1, {"name": "server2", "url": "http://127.0.0.1:8002/", "role": "secondary", "password": "x"}] | /peers/1/password | unknown key 'password'
          host name url | "mode": "load-balancing", "peers": [$P1, {"name": "server2", "url": "http://peer2.example.org:8002/", "role": "secondary"}] | /peers/1/url | 'http://peer2.example.org:8002/': 'peer2.example.org' is not an IP address literal (host names are not accepted; IPv6 goes in [])
          ftp url | "mode": "load-balancing", "peers": [$P1, {"name": "server2", "url": "ftp://127.0.0.1:8002/", "role": "secondary"}] | /peers/1/url | 'ftp://127.0.0.1:8002/' must start with http:// or https://
          port too big | "mode": "load-balancing", "peers": [$P1, {"name": "server2", "url": "http://127.0.0.1:80000/", "role": "secondary"}] | /peers/1/url | 'http://127.0.0.1:80000/': port '80000' is not a number between 1 and 65535
          empty port | "mode": "load-balancing", "peers": [$P1, {"name": "server2", "url": "http://127.0.0.1:/", "role": "secondary"}] | /peers/1/url | 'http://127.0.0.1:/': port '' is not a number between 1 and 65535
          ipv6 without brackets | "mode": "load-balancing", "peers": [$P1, {"name": "server2", "url": "http://2001:db8::2/", "role": "secondary"}] | /peers/1/url | 'http://2001:db8::2/': an IPv6 address goes in brackets, e.g. http://[2001:db8::1]:8000/
          ipv4 in brackets | "mode": "load-balancing", "peers": [$P1, {"name": "server2", "url": "http://[192.0.2.2]:8000/", "role": "secondary"}] | /peers/1/url | 'http://[192.0.2.2]:8000/': '192.0.2.2' is not an IP address literal (host names are not accepted; IPv6 goes in [])
          unknown role | "mode": "load-balancing", "peers": [$P1, {"name": "server2", "url": "http://127.0.0.1:8002/", "role": "master"}] | /peers/1/role | unknown role 'master'; expected one of primary, secondary, standby, backup
          two primaries | "mode": "load-balancing", "peers": [$P1, $S2, {"name": "server3", "url": "http://127.0.0.1:8003/", "role": "primary"}] | /peers | more than one peer has the role primary
          two standbys | "mode": "hot-standby", "peers": [$P1, $SB2, {"name": "server3", "url": "http://127.0.0.1:8003/", "role": "standby"}] | /peers | more than one peer has the role standby
          standby in LB | "mode": "load-balancing", "peers": [$P1, $SB2] | /peers | peer 'server2' has the role standby, not allowed in load-balancing mode (allowed: primary, secondary, backup)
          LB without secondary | "mode": "load-balancing", "peers": [$P1, $B3] | /peers | a secondary peer is required in load-balancing mode
          secondary in HS | "mode": "hot-standby", "peers": [$P1, $S2] | /peers | peer 'server2' has the role secondary, not allowed in hot-standby mode (allowed: primary, standby, backup)
          HS without primary | "mode": "hot-standby", "peers": [{"name": "server1", "url": "http://127.0.0.1:8001/", "role": "backup"}, $SB2] | /peers | a primary peer is required in hot-standby mode
          standby in PB | "mode": "passive-backup", "peers": [$P1, $SB2] | /peers | peer 'server2' has the role standby, not allowed in passive-backup mode (allowed: primary, backup)
          HS with backlog | "mode": "hot-standby", "delayed-updates-limit": 10, "peers": [$P1, $SB2] | /delayed-updates-limit | delayed-updates-limit must be 0 in hot-standby mode (communication-recovery is load-balancing only)
          PB with backlog | "mode": "passive-backup", "delayed-updates-limit": 1, "peers": [$P1, $B3] | /delayed-updates-limit | delayed-updates-limit must be 0 in passive-backup mode (communication-recovery is load-balancing only)
          LB waits for backups | "mode": "load-balancing", "wait-backup-ack": true, "peers": [$P1, $S2] | /wait-backup-ack | wait-backup-ack must be false in load-balancing mode
          HS waits for backups | "mode": "hot-standby", "wait-backup-ack": true, "peers": [$P1, $SB2] | /wait-backup-ack | wait-backup-ack must be false in hot-standby mode
          user with colon | "mode": "load-balancing", "peers": [$P1, {"name": "server2", "url": "http://127.0.0.1:8002/", "role": "secondary", "basic-auth-user": "a:b"}] | /peers/1/basic-auth-user | the user of peer 'server2' must not contain a ':'
          password twice | "mode": "load-balancing", "peers": [$P1, {"name": "server2", "url": "http://127.0.0.1:8002/", "role": "secondary", "basic-auth-user": "a", "basic-auth-password": "p", "basic-auth-password-file": "p.txt"}] | /peers/1/basic-auth-password-file | set basic-auth-password or basic-auth-password-file, not both
          user twice | "mode": "load-balancing", "peers": [$P1, {"name": "server2", "url": "http://127.0.0.1:8002/", "role": "secondary", "basic-auth-user": "a", "basic-auth-user-file": "u.txt"}] | /peers/1/basic-auth-user-file | set basic-auth-user or basic-auth-user-file, not both
          password file missing | "mode": "load-balancing", "peers": [$P1, {"name": "server2", "url": "http://127.0.0.1:8002/", "role": "secondary", "basic-auth-user": "a", "basic-auth-password-file": "nowhere.txt"}] | /peers/1/basic-auth-password-file | 'nowhere.txt' is not a readable file (DIR/nowhere.txt)
          partial TLS | "mode": "load-balancing", "trust-anchor": "ca.pem", "peers": [$P1, $S2] | /peers/0 | TLS for this server's peer listener needs trust-anchor, cert-file and key-file together; cert-file is missing or empty
          TLS file missing | "mode": "load-balancing", "trust-anchor": "ca.pem", "cert-file": "c.pem", "key-file": "k.pem", "peers": [$P1, $S2] | /trust-anchor | 'ca.pem' is not a readable file (DIR/ca.pem)
          unknown state | "mode": "load-balancing", "state-machine": {"states": [{"state": "unavailable", "pause": "always"}]}, "peers": [$P1, $S2] | /state-machine/states/0/state | unknown state 'unavailable'; expected one of backup, communication-recovery, hot-standby, load-balancing, in-maintenance, partner-down, partner-in-maintenance, passive-backup, ready, syncing, terminated, waiting
          state twice | "mode": "load-balancing", "state-machine": {"states": [{"state": "ready"}, {"state": "ready", "pause": "once"}]}, "peers": [$P1, $S2] | /state-machine/states/1/state | state 'ready' is configured twice
          bad pause | "mode": "load-balancing", "state-machine": {"states": [{"state": "ready", "pause": "sometimes"}]}, "peers": [$P1, $S2] | /state-machine/states/0/pause | unknown pause 'sometimes'; expected one of always, never, once
          states not a list | "mode": "load-balancing", "state-machine": {"states": {}}, "peers": [$P1, $S2] | /state-machine/states | expected a list, got map
          mt unknown key | "mode": "load-balancing", "multi-threading": {"threads": 2}, "peers": [$P1, $S2] | /multi-threading/threads | unknown key 'threads'
          """)
  void invalidRelationship_isRefusedAtThePath(
      String name, String body, String path, String reason) {
    String relationship = "{\"this-server-name\": \"server1\", " + body + "}";
    assertThatThrownBy(() -> ha(relationship))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.path().toString()).isEqualTo(HA + path);
              assertThat(e.reason()).isEqualTo(reason.replace("DIR", dir.toString()));
              assertThat(e.position()).isNotNull();
            });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          no list | {"high-availability": {}} | /Dhcp4/hooks-libraries/1/parameters/high-availability | expected a list, got map
          two relationships | {"high-availability": [{}, {}]} | /Dhcp4/hooks-libraries/1/parameters/high-availability | exactly one relationship is supported (as in Kea 2.2), got 2
          unknown parameter | {"high-availability": [], "ha": 1} | /Dhcp4/hooks-libraries/1/parameters/ha | unknown key 'ha'
          relationship not a map | {"high-availability": [1]} | /Dhcp4/hooks-libraries/1/parameters/high-availability/0 | expected a map, got integer
          """)
  void invalidParameters_areRefusedAtThePath(
      String name, String parameters, String path, String reason) {
    String text =
        "{\"Dhcp4\": {\"hooks-libraries\": [{\"library\": \"libdhcp_lease_cmds.so\"},"
            + " {\"library\": \"libdhcp_ha.so\", \"parameters\": "
            + parameters
            + "}]}}";
    assertThatThrownBy(() -> Dhcp4ConfigParser.parse(KeaConfigReader.parse(text, "kea.json"), dir))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.path().toString()).isEqualTo(path);
              assertThat(e.reason()).isEqualTo(reason);
            });
  }

  @Test
  void haListedTwice_isRefused() {
    String entry =
        "{\"library\": \"libdhcp_ha.so\", \"parameters\": {\"high-availability\": [{"
            + "\"this-server-name\": \"server1\", \"mode\": \"hot-standby\", \"peers\": ["
            + PEERS.get("$P1")
            + ", "
            + PEERS.get("$SB2")
            + "]}]}}";
    String text = "{\"Dhcp4\": {\"hooks-libraries\": [" + entry + ", " + entry + "]}}";
    assertThatThrownBy(() -> Dhcp4ConfigParser.parse(KeaConfigReader.parse(text, "kea.json"), dir))
        .hasMessageStartingWith(
            "/Dhcp4/hooks-libraries/1/library: libdhcp_ha.so is listed twice (kea.json:1:");
  }

  @Test
  void haWithoutLeaseCommands_isAWarning() {
    String text =
        "{\"Dhcp4\": {\"hooks-libraries\": [{\"library\": \"libdhcp_ha.so\", \"parameters\":"
            + " {\"high-availability\": [{\"this-server-name\": \"server1\", \"mode\":"
            + " \"hot-standby\", \"peers\": ["
            + PEERS.get("$P1")
            + ", "
            + PEERS.get("$SB2")
            + "]}]}}]}}";
    assertThat(Dhcp4ConfigParser.parse(KeaConfigReader.parse(text, "kea.json"), dir).warnings())
        .containsExactly(
            "/Dhcp4/hooks-libraries: libdhcp_ha.so without libdhcp_lease_cmds.so: a Kea partner"
                + " needs both; d2j-dhcp4 serves the lease commands either way");
  }
}
