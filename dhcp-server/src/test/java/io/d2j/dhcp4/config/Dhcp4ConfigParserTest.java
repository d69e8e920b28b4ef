package io.d2j.dhcp4.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.dhcp4.Octets;
import io.d2j.keaconfig.ConfigException;
import io.d2j.keaconfig.KeaConfigReader;
import io.d2j.keacontrol.logging.LoggerOutput;
import io.d2j.keacontrol.logging.LoggerSpec;
import io.d2j.ncr.IpAddresses;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Dhcp4ConfigParserTest {

  private static final Path BASE = Path.of("/etc/kea");

  private static Dhcp4Config parse(String dhcp4Body) {
    return Dhcp4ConfigParser.parse(
        KeaConfigReader.parse("{\"Dhcp4\": {" + dhcp4Body + "}}", "kea.json"), BASE);
  }

  private static Object ip(String text) {
    return IpAddresses.parse(text);
  }

  @Test
  void keaStyleConfig_parsesEverySupportedKey() {
    Dhcp4Config c =
        parse(
            """
            "interfaces-config": {"interfaces": ["lo"], "dhcp-socket-type": "udp"},
            "valid-lifetime": 4000, "renew-timer": 1000, "rebind-timer": 2000,
            "option-data": [{"name": "domain-name-servers", "data": "192.0.2.1, 192.0.2.2"},
                            {"code": 15, "data": "example.org"}],
            "lease-database": {"type": "memfile", "persist": true, "name": "leases4.csv",
                               "lfc-interval": 600},
            "expired-leases-processing": {"reclaim-timer-wait-time": 5, "hold-reclaimed-time": 0},
            "subnet4": [{
              "id": 7, "subnet": "192.0.2.0/24",
              "pools": [{"pool": "192.0.2.10 - 192.0.2.20"}, {"pool": "192.0.2.64/26"}],
              "option-data": [{"name": "routers", "data": "192.0.2.1"},
                              {"name": "domain-name-servers", "data": "192.0.2.53"}],
              "relay": {"ip-addresses": ["192.0.2.254"]},
              "reservations": [{"hw-address": "1a:1b:1c:1d:1e:1f", "ip-address": "192.0.2.201",
                                "hostname": "special-snowflake",
                                "option-data": [{"name": "domain-name-servers",
                                                 "data": "10.1.1.202"}]},
                               {"client-id": "01:11:22:33:44:55:66", "ip-address": "192.0.2.202"}],
              "valid-lifetime": 600
            }]
            """);
    assertThat(c.interfaces().names()).containsExactly("lo");
    assertThat(c.interfaces().socketType()).isEqualTo(InterfacesConfig.SocketType.UDP);
    Subnet4 s = c.subnets().get(0);
    assertThat(s.id()).isEqualTo(7);
    assertThat(s.prefix().toString()).isEqualTo("192.0.2.0/24");
    assertThat(s.pools())
        .extracting(Pool4::toString)
        .containsExactly("192.0.2.10 - 192.0.2.20", "192.0.2.64 - 192.0.2.127");
    assertThat(s.times())
        .isEqualTo(
            new LeaseTimes(600, OptionalLong.of(1000), OptionalLong.of(2000), false, 0.5, 0.875));
    assertThat(s.relayAddresses()).containsExactly((java.net.Inet4Address) ip("192.0.2.254"));
    // The subnet's own options; the globals stay separate (classes rank between the two).
    assertThat(s.options())
        .containsExactly(
            new OptionData(3, Octets.of(new byte[] {(byte) 192, 0, 2, 1}), false),
            new OptionData(6, Octets.of(new byte[] {(byte) 192, 0, 2, 53}), false));
    assertThat(c.globalOptions())
        .containsExactly(
            new OptionData(
                6, Octets.of(new byte[] {(byte) 192, 0, 2, 1, (byte) 192, 0, 2, 2}), false),
            new OptionData(
                15,
                Octets.of("example.org".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                false));
    Reservation r = s.reservations().get(0);
    assertThat(r.hwAddress()).isEqualTo(Octets.parseColonHex("1a:1b:1c:1d:1e:1f"));
    assertThat(r.ipAddress()).contains((java.net.Inet4Address) ip("192.0.2.201"));
    assertThat(r.hostname()).isEqualTo("special-snowflake");
    assertThat(s.reservations().get(1).clientId())
        .isEqualTo(Octets.parseColonHex("01:11:22:33:44:55:66"));
    assertThat(c.leaseDatabase())
        .isEqualTo(
            new LeaseDatabase.Memfile(
                true, Path.of("/etc/kea/leases4.csv"), Duration.ofSeconds(600), 0));
    assertThat(c.expiredLeases().reclaimTimerWaitTime()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.expiredLeases().holdReclaimedTime()).isZero();
    assertThat(c.expiredLeases().flushReclaimedTimerWaitTime()).isEqualTo(Duration.ofSeconds(25));
    assertThat(c.declineProbationPeriod()).isEqualTo(Duration.ofSeconds(86400));
    assertThat(c.warnings()).isEmpty();
  }

  @Test
  void sharedNetwork_subnetsInheritNetworkSettings() {
    Dhcp4Config c =
        parse(
            """
            "shared-networks": [{
              "name": "floor13", "valid-lifetime": 900,
              "relay": {"ip-addresses": ["10.13.0.1"]},
              "option-data": [{"name": "routers", "data": "10.13.0.1"}],
              "subnet4": [{"id": 1, "subnet": "10.13.0.0/24"},
                          {"id": 2, "subnet": "10.14.0.0/24", "valid-lifetime": 300}]
            }],
            "subnet4": [{"id": 3, "subnet": "10.15.0.0/24"}]
            """);
    assertThat(c.subnets()).extracting(Subnet4::id).containsExactly(3L, 1L, 2L);
    assertThat(c.subnets())
        .extracting(s -> s.times().validLifetime())
        .containsExactly(7200L, 900L, 300L);
    assertThat(c.subnets())
        .extracting(s -> s.sharedNetwork().orElse("-"))
        .containsExactly("-", "floor13", "floor13");
    assertThat(c.subnets().get(2).relayAddresses())
        .containsExactly((java.net.Inet4Address) ip("10.13.0.1"));
    assertThat(c.subnets().get(2).options()).extracting(OptionData::code).containsExactly(3);
  }

  @Test
  void ddnsKeys_areParsedIntoEachSubnet_withoutWarnings() {
    Dhcp4Config c =
        parse(
            """
            "ddns-send-updates": true, "hostname-char-set": "[^A-Za-z0-9.-]",
            "dhcp-ddns": {"enable-updates": true},
            "subnet4": [{"id": 1, "subnet": "10.0.0.0/24", "ddns-qualifying-suffix": "example.org"}]
            """);
    assertThat(c.warnings()).isEmpty();
    assertThat(c.dhcpDdns().enableUpdates()).isTrue();
    assertThat(c.subnets().get(0).ddns().qualifyingSuffix()).isEqualTo("example.org");
    assertThat(c.subnets().get(0).ddns().updatesEnabled()).isTrue();
  }

  @Test
  void subnetWithoutId_getsTheLowestFreeIdWithAWarning() {
    Dhcp4Config c =
        parse(
            "\"subnet4\": [{\"subnet\": \"10.0.0.0/24\"}, {\"id\": 1, \"subnet\": \"10.1.0.0/24\"}]");
    assertThat(c.subnets()).extracting(Subnet4::id).containsExactly(2L, 1L);
    assertThat(c.warnings())
        .containsExactly(
            "/Dhcp4/subnet4/0: subnet has no id; assigned 2 (give ids explicitly so leases keep"
                + " their subnet when the file changes)");
  }

  @Test
  void loggers_areReadAsKeaReadsThem_forTheCommandLineToApply() {
    Dhcp4Config c =
        parse(
            "\"subnet4\": [], \"loggers\": [{\"name\": \"kea-dhcp4.ddns\", \"severity\":"
                + " \"DEBUG\", \"debuglevel\": 55, \"output_options\": [{\"output\":"
                + " \"ddns.log\", \"maxsize\": 2048, \"maxver\": 3}]}]");
    assertThat(c.loggers()).hasSize(1);
    LoggerSpec ddns = c.loggers().get(0);
    assertThat(ddns.name()).isEqualTo("kea-dhcp4.ddns");
    assertThat(ddns.severity()).contains(LoggerSpec.Severity.DEBUG);
    assertThat(ddns.debugLevel()).isEqualTo(55);
    assertThat(ddns.outputs().get(0).destination())
        .isEqualTo(new LoggerOutput.LogFile(BASE.resolve("ddns.log")));
    assertThat(ddns.outputs().get(0).maxSize()).isEqualTo(2048);
    assertThat(c.warnings()).isEmpty();
  }

  @Test
  void pluginsAreHooksLibrariesNamedD2j() {
    Dhcp4Config c =
        parse("\"hooks-libraries\": [{\"library\": \"d2j:audit\", \"parameters\": {\"x\": 1}}]");
    assertThat(c.plugins()).hasSize(1);
    assertThat(c.plugins().get(0).name()).isEqualTo("audit");
    assertThat(c.plugins().get(0).args().requireLong("x")).isEqualTo(1);
  }

  @Test
  void multiThreading_keasKeysAndDefaults() {
    assertThat(parse("\"valid-lifetime\": 60").multiThreading()).isEqualTo(MultiThreading.OFF);
    assertThat(MultiThreading.OFF.threads()).isEqualTo(1);
    MultiThreading on =
        parse(
                "\"multi-threading\": {\"enable-multi-threading\": true, \"thread-pool-size\": 4,"
                    + " \"packet-queue-size\": 16}")
            .multiThreading();
    assertThat(on).isEqualTo(new MultiThreading(true, 4, 16));
    assertThat(on.threads()).isEqualTo(4);
    MultiThreading auto =
        parse("\"multi-threading\": {\"enable-multi-threading\": true}").multiThreading();
    assertThat(auto).isEqualTo(new MultiThreading(true, 0, 64));
    assertThat(auto.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    // Settings without enable-multi-threading: true leave it off, as Kea's default.
    assertThat(parse("\"multi-threading\": {\"thread-pool-size\": 8}").multiThreading().threads())
        .isEqualTo(1);
  }

  @Test
  void interfacesConfig_everyKeyRead_andKeasDefaults() {
    Dhcp4Config given =
        Dhcp4ConfigParser.parse(
            KeaConfigReader.parse(
                """
                {"Dhcp4": {"interfaces-config": {
                  "interfaces": ["eth1", " eth2/192.0.2.1 ", "eth2/192.0.2.2"],
                  "dhcp-socket-type": "udp", "outbound-interface": "use-routing",
                  "re-detect": false, "service-sockets-require-all": true,
                  "service-sockets-retry-wait-time": 250, "service-sockets-max-retries": 7}}}
                """,
                "kea.json"),
            Path.of("/tmp"));
    assertThat(given.interfaces())
        .isEqualTo(
            new InterfacesConfig(
                List.of("eth1", "eth2/192.0.2.1", "eth2/192.0.2.2"),
                InterfacesConfig.SocketType.UDP,
                InterfacesConfig.Outbound.USE_ROUTING,
                false,
                true,
                java.time.Duration.ofMillis(250),
                7));
    Dhcp4Config defaults =
        Dhcp4ConfigParser.parse(
            KeaConfigReader.parse(
                "{\"Dhcp4\": {\"interfaces-config\": {\"interfaces\": [\"*\"]}}}", "kea.json"),
            Path.of("/tmp"));
    assertThat(defaults.interfaces())
        .isEqualTo(
            new InterfacesConfig(
                List.of("*"),
                InterfacesConfig.SocketType.RAW,
                InterfacesConfig.Outbound.SAME_AS_INBOUND,
                true,
                false,
                java.time.Duration.ofMillis(5000),
                0));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          unsupported global | "server-tag": "a" | /Dhcp4/server-tag: 'server-tag' is not supported by d2j-dhcp4 yet (kea.json:1:26)
          unsupported subnet key | "subnet4": [{"id": 1, "subnet": "10.0.0.0/8", "4o6-subnet": "2001:db8::/64"}] | /Dhcp4/subnet4/0/4o6-subnet: '4o6-subnet' (DHCPv4-over-DHCPv6, RFC 7341) is not supported by d2j-dhcp4 yet (kea.json:1:72)
          never-send is Kea 2.5 | "option-data": [{"name": "routers", "data": "10.0.0.1", "never-send": true}] | /Dhcp4/option-data/0/never-send: 'never-send' is not supported by d2j-dhcp4 yet (kea.json:1:82)
          class test syntax | "client-classes": [{"name": "a", "test": "option[60].text = 'x'"}] | /Dhcp4/client-classes/0/test: test 'option[60].text = 'x'': unexpected character '=' (column 17 of the expression) (kea.json:1:53)
          class test later class | "client-classes": [{"name": "a", "test": "member('b')"}, {"name": "b"}] | /Dhcp4/client-classes/0/test: test 'member('b')': class 'b' is not defined before this one (a class may only test classes defined above it, or built-in ones) (column 8 of the expression) (kea.json:1:53)
          class twice | "client-classes": [{"name": "a"}, {"name": "a"}] | /Dhcp4/client-classes/1/name: client class 'a' is already defined (at kea.json:1:40) (kea.json:1:55)
          built-in class test | "client-classes": [{"name": "KNOWN", "test": "'a' == 'a'"}] | /Dhcp4/client-classes/0/test: built-in class 'KNOWN' cannot have a test (kea.json:1:57)
          class option-def code | "client-classes": [{"name": "a", "option-def": [{"name": "x", "code": 200, "type": "uint8"}]}] | /Dhcp4/client-classes/0/option-def/0: a client class may define only option 43 or 224-254 of space dhcp4, not option 200 of space dhcp4 (kea.json:1:60)
          class next-server broadcast | "client-classes": [{"name": "a", "next-server": "255.255.255.255"}] | /Dhcp4/client-classes/0/next-server: next-server must not be the broadcast address 255.255.255.255 (kea.json:1:60)
          option-def redefines routers | "option-def": [{"name": "gw", "code": 3, "type": "ipv4-address"}] | /Dhcp4/option-def/0/code: option 3 of space dhcp4 is built in and cannot be redefined (kea.json:1:50)
          option-def record string first | "option-def": [{"name": "r", "code": 224, "type": "record", "record-types": "string, uint8"}] | /Dhcp4/option-def/0/record-types: a string field can only be the last of a record (kea.json:1:88)
          option-def array of strings | "option-def": [{"name": "r", "code": 224, "type": "string", "array": true}] | /Dhcp4/option-def/0/array: an array of string values is not allowed (kea.json:1:81)
          option-def unknown type | "option-def": [{"name": "r", "code": 224, "type": "uint64"}] | /Dhcp4/option-def/0/type: unknown option data type 'uint64' (kea.json:1:62)
          min above max lifetime | "min-valid-lifetime": 900, "max-valid-lifetime": 600 | /Dhcp4/min-valid-lifetime: min-valid-lifetime (900) is above max-valid-lifetime (600) (kea.json:1:34)
          lifetime outside bounds | "subnet4": [{"id": 1, "subnet": "10.0.0.0/8", "valid-lifetime": 50, "min-valid-lifetime": 100}] | /Dhcp4/subnet4/0/min-valid-lifetime: min-valid-lifetime (100) is above valid-lifetime (50) (kea.json:1:102)
          cache threshold of 1 | "cache-threshold": 1.0 | /Dhcp4/cache-threshold: cache-threshold must be greater than 0 and less than 1, got 1.0 (kea.json:1:31)
          reservation mode and flag | "reservation-mode": "all", "reservations-global": true | /Dhcp4/reservation-mode: reservation-mode cannot be used together with reservations-global (kea.json:1:32)
          unknown host identifier | "host-reservation-identifiers": ["mac"] | /Dhcp4/host-reservation-identifiers/0: unknown host identifier 'mac' (hw-address, duid, circuit-id, client-id, flex-id) (kea.json:1:45)
          thread pool size negative | "multi-threading": {"enable-multi-threading": true, "thread-pool-size": -1} | /Dhcp4/multi-threading/thread-pool-size: thread-pool-size must be between 0 and 65535, got -1 (kea.json:1:84)
          queue size above 65535 | "multi-threading": {"enable-multi-threading": true, "packet-queue-size": 65536} | /Dhcp4/multi-threading/packet-queue-size: packet-queue-size must be between 0 and 65535, got 65536 (kea.json:1:85)
          unknown multi-threading key | "multi-threading": {"enable-multi-threading": true, "threads": 4} | /Dhcp4/multi-threading/threads: 'threads' is not supported by d2j-dhcp4 yet (kea.json:1:75)
          bad lease-checks | "sanity-checks": {"lease-checks": "fixup"} | /Dhcp4/sanity-checks/lease-checks: lease-checks must be none, warn, fix, fix-del or del, got 'fixup' (kea.json:1:46)
          same address reserved twice | "reservations": [{"hw-address": "01:02:03:04:05:06", "ip-address": "10.0.0.5"}, {"client-id": "01:02", "ip-address": "10.0.0.5"}] | /Dhcp4/reservations/1/ip-address: address 10.0.0.5 is reserved twice (first at kea.json:1:79; set ip-reservations-unique to false to allow it) (kea.json:1:129)
          DDNS key in a pool | "subnet4": [{"id": 1, "subnet": "10.0.0.0/8", "pools": [{"pool": "10.0.0.1-10.0.0.9", "ddns-send-updates": true}]}] | /Dhcp4/subnet4/0/pools/0/ddns-send-updates: 'ddns-send-updates' is not supported by d2j-dhcp4 yet (kea.json:1:119)
          sql lease database | "lease-database": {"type": "mysql"} | /Dhcp4/lease-database/type: lease database type 'mysql' is not supported by d2j-dhcp4 yet; use memfile or postgresql (kea.json:1:39)
          kea hook library | "hooks-libraries": [{"library": "/usr/lib/kea/hooks/libdhcp_radius.so"}] | /Dhcp4/hooks-libraries/0/library: Kea hook libraries cannot be loaded by d2j-dhcp4; name a d2j plugin as "d2j:NAME", got '/usr/lib/kea/hooks/libdhcp_radius.so' (kea.json:1:44)
          ha without parameters | "hooks-libraries": [{"library": "/usr/lib/kea/hooks/libdhcp_ha.so"}] | /Dhcp4/hooks-libraries/0: libdhcp_ha.so needs parameters with 'high-availability' (kea.json:1:32)
          lease_cmds twice | "hooks-libraries": [{"library": "libdhcp_lease_cmds.so"}, {"library": "/opt/libdhcp_lease_cmds.so"}] | /Dhcp4/hooks-libraries/1/library: libdhcp_lease_cmds.so is listed twice (kea.json:1:82)
          lease_cmds with parameters | "hooks-libraries": [{"library": "libdhcp_lease_cmds.so", "parameters": {"x": 1}}] | /Dhcp4/hooks-libraries/0/parameters/x: unknown key 'x' (kea.json:1:89)
          subnet without length | "subnet4": [{"id": 1, "subnet": "10.0.0.0"}] | /Dhcp4/subnet4/0/subnet: subnet '10.0.0.0' needs a prefix length, e.g. 192.0.2.0/24 (kea.json:1:44)
          host bits set | "subnet4": [{"id": 1, "subnet": "10.0.0.1/24"}] | /Dhcp4/subnet4/0/subnet: subnet '10.0.0.1/24': 10.0.0.1/24: host bits are set in the network address (kea.json:1:44)
          duplicate id | "subnet4": [{"id": 1, "subnet": "10.0.0.0/24"}, {"id": 1, "subnet": "10.1.0.0/24"}] | /Dhcp4/subnet4/1/id: duplicate subnet id 1 (first at kea.json:1:31) (kea.json:1:67)
          duplicate prefix | "subnet4": [{"id": 1, "subnet": "10.0.0.0/24"}, {"id": 2, "subnet": "10.0.0.0/24"}] | /Dhcp4/subnet4/1/subnet: subnet 10.0.0.0/24 is already defined (at kea.json:1:44) (kea.json:1:80)
          pool outside subnet | "subnet4": [{"id": 1, "subnet": "10.0.0.0/24", "pools": [{"pool": "10.0.1.1 - 10.0.1.9"}]}] | /Dhcp4/subnet4/0/pools/0/pool: pool 10.0.1.1 - 10.0.1.9 lies outside subnet 10.0.0.0/24 (kea.json:1:78)
          overlapping pools | "subnet4": [{"id": 1, "subnet": "10.0.0.0/24", "pools": [{"pool": "10.0.0.1 - 10.0.0.9"}, {"pool": "10.0.0.5 - 10.0.0.20"}]}] | /Dhcp4/subnet4/0/pools/1/pool: pool 10.0.0.5 - 10.0.0.20 overlaps pool 10.0.0.1 - 10.0.0.9 (kea.json:1:111)
          reversed pool | "subnet4": [{"id": 1, "subnet": "10.0.0.0/24", "pools": [{"pool": "10.0.0.9 - 10.0.0.1"}]}] | /Dhcp4/subnet4/0/pools/0/pool: pool 10.0.0.9 - 10.0.0.1: the first address is above the last (kea.json:1:78)
          two identifiers | "subnet4": [{"id": 1, "subnet": "10.0.0.0/24", "reservations": [{"hw-address": "01:02:03:04:05:06", "client-id": "01:02"}]}] | /Dhcp4/subnet4/0/reservations/0/client-id: a reservation has one identifier: 'hw-address' and 'client-id' are both set (kea.json:1:125)
          no identifier | "subnet4": [{"id": 1, "subnet": "10.0.0.0/24", "reservations": [{"ip-address": "10.0.0.5"}]}] | /Dhcp4/subnet4/0/reservations/0: a reservation needs one identifier: hw-address, duid, circuit-id, client-id or flex-id (kea.json:1:76)
          reservation outside | "subnet4": [{"id": 1, "subnet": "10.0.0.0/24", "reservations": [{"hw-address": "01:02:03:04:05:06", "ip-address": "10.9.9.9"}]}] | /Dhcp4/subnet4/0/reservations/0/ip-address: reserved address 10.9.9.9 lies outside subnet 10.0.0.0/24 (kea.json:1:126)
          bad hw-address | "subnet4": [{"id": 1, "subnet": "10.0.0.0/24", "reservations": [{"hw-address": "01:zz"}]}] | /Dhcp4/subnet4/0/reservations/0/hw-address: hw-address: '01:zz' is not hex octets (kea.json:1:91)
          unknown option name | "option-data": [{"name": "dns-servers", "data": "1.2.3.4"}] | /Dhcp4/option-data/0/name: no option named 'dns-servers' in space dhcp4 (see option-def) (kea.json:1:37)
          bad address in option | "option-data": [{"name": "routers", "data": "10.0.0.300"}] | /Dhcp4/option-data/0/data: option 3 of space dhcp4: '10.0.0.300' is not an IP address (kea.json:1:56)
          v6 address in option | "option-data": [{"name": "routers", "data": "2001:db8::1"}] | /Dhcp4/option-data/0/data: option 3 of space dhcp4: '2001:db8::1' is not an IPv4 address (kea.json:1:56)
          code without definition | "option-data": [{"code": 222, "data": "abc"}] | /Dhcp4/option-data/0/code: option 222 of space dhcp4 has no definition: define it in option-def, or give its data as hex with "csv-format": false (kea.json:1:37)
          name and code disagree | "option-data": [{"name": "routers", "code": 6, "data": "10.0.0.1"}] | /Dhcp4/option-data/0/name: option 6 of space dhcp4 is named 'domain-name-servers', not 'routers' (kea.json:1:37)
          hex that does not fit | "option-data": [{"name": "subnet-mask", "data": "ffffff", "csv-format": false}] | /Dhcp4/option-data/0/data: option 1 of space dhcp4: option buffer truncated: 3 octets, expected 4 (kea.json:1:60)
          mixed hex separators | "option-data": [{"code": 224, "csv-format": false, "data": "0a 0B:0c"}] | /Dhcp4/option-data/0/data: option 224 of space dhcp4: '0a 0B:0c' is not hex octets (kea.json:1:71)
          unknown name in a vendor space | "option-data": [{"name": "routers", "space": "vendor-4491", "data": "1.1.1.1"}] | /Dhcp4/option-data/0/name: no option named 'routers' in space vendor-4491 (see option-def) (kea.json:1:37)
          zero lifetime | "valid-lifetime": 0 | /Dhcp4/valid-lifetime: valid-lifetime must not be 0 (kea.json:1:30)
          t1 above t2 | "t1-percent": 0.9, "subnet4": [{"id": 1, "subnet": "10.0.0.0/24"}] | /Dhcp4/subnet4/0: t1-percent (0.9) must be less than t2-percent (0.875) (kea.json:1:43)
          duplicate network | "shared-networks": [{"name": "a"}, {"name": "a"}] | /Dhcp4/shared-networks/1/name: duplicate shared network name 'a' (first at kea.json:1:41) (kea.json:1:56)
          bad socket type | "interfaces-config": {"interfaces": ["lo"], "dhcp-socket-type": "pcap"} | /Dhcp4/interfaces-config/dhcp-socket-type: dhcp-socket-type must be raw or udp, got 'pcap' (kea.json:1:76)
          wildcard twice | "interfaces-config": {"interfaces": ["*", "*"]} | /Dhcp4/interfaces-config/interfaces/1: the wildcard '*' can only be listed once (kea.json:1:54)
          wildcard with address | "interfaces-config": {"interfaces": ["*/10.0.0.1"]} | /Dhcp4/interfaces-config/interfaces/0: the wildcard '*' cannot be used with an address ('*/10.0.0.1') (kea.json:1:49)
          interface twice | "interfaces-config": {"interfaces": ["eth1", "eth1/10.0.0.1"]} | /Dhcp4/interfaces-config/interfaces/1: interface 'eth1' is already listed ('eth1') (kea.json:1:57)
          not an address | "interfaces-config": {"interfaces": ["eth1/10.0.0"]} | /Dhcp4/interfaces-config/interfaces/0: '10.0.0' in 'eth1/10.0.0' is not an IPv4 address (kea.json:1:49)
          negative retries | "interfaces-config": {"interfaces": ["eth1"], "service-sockets-max-retries": -1} | /Dhcp4/interfaces-config/service-sockets-max-retries: service-sockets-max-retries must be between 0 and 4294967295, got -1 (kea.json:1:89)
          missing Dhcp4 key | "subnet4": [{"subnet": "10.0.0.0/24", "pools": [{}]}] | /Dhcp4/subnet4/0/pools/0: missing mandatory 'pool' (kea.json:1:60)
          """)
  void invalidConfig_isRejectedWithPathAndPosition(String what, String body, String message) {
    assertThatThrownBy(() -> parse(body))
        .as(what)
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          boolean       | ip-forwarding          | true                 | 01
          uint8         | default-ip-ttl         | 64                   | 40
          uint16        | interface-mtu          | 1500                 | 05dc
          uint32        | arp-cache-timeout      | 300                  | 0000012c
          int32         | time-offset            | -3600                | fffff1f0
          address list  | ntp-servers            | 10.0.0.1, 10.0.0.2   | 0a0000010a000002
          uint8 0x hex  | default-ip-ttl         | 0xf0                 | f0
          uint16 hex    | interface-mtu          | 5dc                  | 05dc
          string commas | domain-name            | a,b                  | 61
          escaped comma | domain-name            | a\\\\,b\\\\\\\\c\\\\x         | 612c625c635c78
          string 60     | vendor-class-identifier | isc                 | 697363
          fqdn list     | domain-search          | example.org, lab.    | 076578616d706c65036f726700036c616200
          """)
  void optionData_encodesKeaCsvPerType(String what, String name, String data, String hex) {
    Dhcp4Config c =
        parse("\"option-data\": [{\"name\": \"" + name + "\", \"data\": \"" + data + "\"}]");
    assertThat(c.globalOptions().get(0).data().toColonHex().replace(":", ""))
        .as(what)
        .isEqualTo(hex);
  }

  @Test
  void optionData_hexWhenCsvFormatIsFalse() {
    Dhcp4Config c =
        parse(
            "\"option-data\": [{\"code\": 224, \"csv-format\": false, \"data\": \"0a:0B:0c\","
                + " \"always-send\": true}]");
    assertThat(c.globalOptions())
        .containsExactly(new OptionData(224, Octets.of((byte) 10, (byte) 11, (byte) 12), true));
  }

  @Test
  void otherDaemonsSections_areIgnoredWithAWarning() {
    Dhcp4Config c =
        Dhcp4ConfigParser.parse(
            KeaConfigReader.parse("{\"Dhcp4\": {}, \"DhcpDdns\": {}}", "kea.json"), BASE);
    assertThat(c.warnings())
        .isEqualTo(List.of("/DhcpDdns: ignored; this file is read by the DHCPv4 server only"));
    assertThat(((LeaseDatabase.Memfile) c.leaseDatabase()).file())
        .isEqualTo(Path.of("/var/lib/kea/kea-leases4.csv"));
  }

  @Test
  void anEmptyInterfacesList_isAccepted_asKeaAcceptsIt() {
    Dhcp4Config c = parse("\"interfaces-config\": {\"interfaces\": []}");
    assertThat(c.interfaces().names()).isEmpty();
  }

  @Test
  void metrics_offByDefault_loopbackUnlessAnAddressIsGiven() {
    assertThat(parse("").metrics()).isEmpty();
    assertThat(parse("\"user-context\": {\"site\": \"lab\"}").metrics()).isEmpty();
    assertThat(parse("\"user-context\": {\"d2j\": {\"metrics\": {\"port\": 9581}}}").metrics())
        .contains(new java.net.InetSocketAddress(IpAddresses.parse("127.0.0.1"), 9581));
    assertThat(
            parse(
                    "\"user-context\": {\"d2j\": {\"metrics\": {\"address\": \"::\","
                        + " \"port\": 9581}}}")
                .metrics())
        .contains(new java.net.InetSocketAddress(IpAddresses.parse("::"), 9581));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "{\"metrics\": {\"address\": \"127.0.0.1\"}} | /Dhcp4/user-context/d2j/metrics: metrics:"
            + " port is required (e.g. \"port\": 9581) (kea.json:1:48)",
        "{\"metrics\": {\"port\": 70000}} | /Dhcp4/user-context/d2j/metrics/port: port must be"
            + " between 1 and 65535, got 70000 (kea.json:1:57)",
        "{\"metrics\": {\"address\": \"localhost\", \"port\": 9581}} |"
            + " /Dhcp4/user-context/d2j/metrics/address: 'localhost' is not an IPv4 or IPv6 address"
            + " (kea.json:1:60)",
        "{\"metrics\": {\"port\": 9581, \"path\": \"/m\"}} | /Dhcp4/user-context/d2j/metrics/path:"
            + " unknown key 'path' (kea.json:1:71)",
        "{\"metrix\": {}} | /Dhcp4/user-context/d2j/metrix: unknown key 'metrix' (kea.json:1:47)",
      })
  void badMetrics_areRefused_namingTheField(String d2j, String message) {
    assertThatThrownBy(() -> parse("\"user-context\": {\"d2j\": " + d2j + "}"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @Test
  void queryRateLimit_offByDefault_burstDefaultsToTheRate() {
    assertThat(parse("").queryRateLimits()).isEqualTo(QueryRateLimits.OFF);
    assertThat(parse("").queryRateLimits().on()).isFalse();
    QueryRateLimits limits =
        parse(
                "\"user-context\": {\"d2j\": {\"query-rate-limit\": {"
                    + " \"per-client\": {\"per-second\": 5, \"burst\": 20},"
                    + " \"per-relay\": {\"per-second\": 2000}, \"max-tracked\": 1024}}}")
            .queryRateLimits();
    assertThat(limits)
        .isEqualTo(
            new QueryRateLimits(
                java.util.Optional.of(new QueryRateLimits.Rate(5, 20)),
                java.util.Optional.of(new QueryRateLimits.Rate(2000, 2000)),
                1024));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "{\"query-rate-limit\": {\"per-client\": {\"burst\": 5}}} |"
            + " /Dhcp4/user-context/d2j/query-rate-limit/per-client: missing mandatory"
            + " 'per-second' (queries a second, sustained) (kea.json:1:72)",
        "{\"query-rate-limit\": {\"per-relay\": {\"per-second\": 0}}} |"
            + " /Dhcp4/user-context/d2j/query-rate-limit/per-relay/per-second: per-second must be"
            + " between 1 and 10000000, got 0 (kea.json:1:86)",
        "{\"query-rate-limit\": {\"per-mac\": {}}} |"
            + " /Dhcp4/user-context/d2j/query-rate-limit/per-mac: unknown key 'per-mac'"
            + " (kea.json:1:69)",
        "{\"query-rate-limit\": {\"max-tracked\": 0}} |"
            + " /Dhcp4/user-context/d2j/query-rate-limit/max-tracked: max-tracked must be between"
            + " 1 and 16777216, got 0 (kea.json:1:73)",
      })
  void badQueryRateLimits_areRefused_namingTheField(String d2j, String message) {
    assertThatThrownBy(() -> parse("\"user-context\": {\"d2j\": " + d2j + "}"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }
}
