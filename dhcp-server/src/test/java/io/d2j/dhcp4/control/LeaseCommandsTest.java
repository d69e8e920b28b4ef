package io.d2j.dhcp4.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.dhcp4.lease.InMemoryLeaseStore;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.lease.LeaseEvents;
import io.d2j.dhcp4.lease.LeaseStore;
import io.d2j.keaconfig.KeaConfigReader;
import io.d2j.keacontrol.CommandRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The lease commands' answers to each argument defect and edge, run inline on an in-memory store:
 * the whole answer, as a client sees it on the socket.
 */
class LeaseCommandsTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochSecond(1_800_000_000), ZoneOffset.UTC);

  private final LeaseStore leases = new InMemoryLeaseStore();
  private final List<String> ddnsRemovals = new ArrayList<>();
  private final CommandRegistry registry = new CommandRegistry("kea-dhcp4");

  @BeforeEach
  void commands() {
    Dhcp4Config config =
        Dhcp4ConfigParser.parse(
            KeaConfigReader.parse(
                """
                {"Dhcp4": {"valid-lifetime": 3600,
                  "subnet4": [{"id": 1, "subnet": "10.0.0.0/24", "pools": [{"pool": "10.0.0.10-10.0.0.20"}]},
                              {"id": 2, "subnet": "10.0.1.0/24"}]}}
                """,
                "kea.json"),
            Path.of("/tmp"));
    new LeaseCommands(new Target(config, leases, ddnsRemovals), CLOCK).registerAll(registry);
    run(
        "{\"command\": \"lease4-add\", \"arguments\": {\"ip-address\": \"10.0.0.10\","
            + " \"hw-address\": \"0a:0b:0c:0d:0e:0f\", \"client-id\": \"01:02\"}}");
  }

  private String run(String request) {
    return registry.execute(CommandRegistry.parse(request)).render();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          get by address   | {"command":"lease4-get","arguments":{"ip-address":"10.0.0.10"}} | {"arguments":{"client-id":"01:02","cltt":1800000000,"fqdn-fwd":false,"fqdn-rev":false,"hostname":"","hw-address":"0a:0b:0c:0d:0e:0f","ip-address":"10.0.0.10","state":0,"subnet-id":1,"valid-lft":3600},"result":0,"text":"IPv4 lease found."}
          get by client-id | {"command":"lease4-get","arguments":{"identifier-type":"client-id","identifier":"01:02","subnet-id":1}} | {"arguments":{"client-id":"01:02","cltt":1800000000,"fqdn-fwd":false,"fqdn-rev":false,"hostname":"","hw-address":"0a:0b:0c:0d:0e:0f","ip-address":"10.0.0.10","state":0,"subnet-id":1,"valid-lft":3600},"result":0,"text":"IPv4 lease found."}
          get, other subnet | {"command":"lease4-get","arguments":{"identifier-type":"hw-address","identifier":"0a:0b:0c:0d:0e:0f","subnet-id":2}} | {"result":3,"text":"Lease not found."}
          get, no args     | {"command":"lease4-get"} | {"result":1,"text":"Parameters missing or are not a map."}
          get, no subnet   | {"command":"lease4-get","arguments":{"identifier-type":"hw-address","identifier":"0a"}} | {"result":1,"text":"Mandatory 'subnet-id' parameter missing."}
          get, bad type    | {"command":"lease4-get","arguments":{"identifier-type":"flex-id","identifier":"0a","subnet-id":1}} | {"result":1,"text":"Incorrect identifier type: flex-id, the only supported values are: address, hw-address, duid"}
          get, duid        | {"command":"lease4-get","arguments":{"identifier-type":"duid","identifier":"0a","subnet-id":1}} | {"result":1,"text":"Query by duid is not allowed in v4."}
          get, bad address | {"command":"lease4-get","arguments":{"ip-address":"10.0.0.300"}} | {"result":1,"text":"Failed to convert string to address '10.0.0.300': Invalid argument"}
          get, v6 address  | {"command":"lease4-get","arguments":{"ip-address":"2001:db8::1"}} | {"result":1,"text":"Invalid IPv4 address specified: 2001:db8::1"}
          get-all subnet 2 | {"command":"lease4-get-all","arguments":{"subnets":[2]}} | {"arguments":{"leases":[]},"result":3,"text":"0 IPv4 lease(s) found."}
          get-all, no list | {"command":"lease4-get-all","arguments":{"subnets":2}} | {"result":1,"text":"'subnets' parameter must be a list"}
          get-all, strings | {"command":"lease4-get-all","arguments":{"subnets":["1"]}} | {"result":1,"text":"listed subnet identifiers must be numbers"}
          page, no from    | {"command":"lease4-get-page","arguments":{"limit":1}} | {"result":1,"text":"'from' parameter not specified"}
          page, bad from   | {"command":"lease4-get-page","arguments":{"from":"first","limit":1}} | {"result":1,"text":"'from' parameter value is neither 'start' keyword nor a valid IPv4 address"}
          page, limit 0    | {"command":"lease4-get-page","arguments":{"from":"start","limit":0}} | {"result":1,"text":"page size of the retrieved leases must not be 0"}
          page, no limit   | {"command":"lease4-get-page","arguments":{"from":"start"}} | {"result":1,"text":"'limit' parameter not specified"}
          add, wrong subnet | {"command":"lease4-add","arguments":{"ip-address":"10.0.1.5","hw-address":"01","subnet-id":1}} | {"result":1,"text":"The address 10.0.1.5 does not belong to subnet 10.0.0.0/24, subnet-id=1"}
          add, no subnet   | {"command":"lease4-add","arguments":{"ip-address":"10.0.0.5","hw-address":"01","subnet-id":7}} | {"result":1,"text":"Invalid subnet-id: No IPv4 subnet with subnet-id=7 currently configured."}
          add, early expire | {"command":"lease4-add","arguments":{"ip-address":"10.0.0.5","hw-address":"01","expire":100}} | {"result":1,"text":"expiration time must be greater than valid lifetime for address 10.0.0.5"}
          add, fqdn no name | {"command":"lease4-add","arguments":{"ip-address":"10.0.0.5","hw-address":"01","fqdn-fwd":true}} | {"result":1,"text":"No hostname specified and either forward or reverse fqdn was set to true."}
          add, state 3     | {"command":"lease4-add","arguments":{"ip-address":"10.0.0.5","hw-address":"01","state":3}} | {"result":1,"text":"Invalid state value: 3, supported values are: 0 (default), 1 (declined) and 2 (expired-reclaimed)"}
          add, context list | {"command":"lease4-add","arguments":{"ip-address":"10.0.0.5","hw-address":"01","user-context":[1]}} | {"result":1,"text":"Invalid user context '[1]' is not a JSON map."}
          add, bad hwaddr  | {"command":"lease4-add","arguments":{"ip-address":"10.0.0.5","hw-address":"0x:01"}} | {"result":1,"text":"hw-address: invalid hex octet '0x' at group 1 in '0x:01'"}
          add, comment     | {"command":"lease4-add","arguments":{"ip-address":"10.0.1.5","hw-address":"01","comment":"lab"}} | {"result":0,"text":"Lease for address 10.0.1.5, subnet-id 2 added."}
          update, no args  | {"command":"lease4-update"} | {"result":1,"text":"no parameters specified for lease4-update command"}
          del by hw-address | {"command":"lease4-del","arguments":{"identifier-type":"hw-address","identifier":"0a:0b:0c:0d:0e:0f","subnet-id":1}} | {"result":0,"text":"IPv4 lease deleted."}
          del, update-ddns not a boolean | {"command":"lease4-del","arguments":{"ip-address":"10.0.0.10","update-ddns":"yes"}} | {"result":1,"text":"'update-ddns' is not a boolean."}
          wipe subnet 2    | {"command":"lease4-wipe","arguments":{"subnet-id":2}} | {"result":3,"text":"Deleted 0 IPv4 lease(s) from subnet(s) 2"}
          wipe all         | {"command":"lease4-wipe"} | {"result":0,"text":"Deleted 1 IPv4 lease(s) from subnet(s) 1 2"}
          """)
  void leaseCommand_answersAsKeaLeaseCmds(String what, String request, String answer) {
    assertThat(run(request)).as(what).isEqualTo(answer);
  }

  @Test
  void leaseDel_reachesDnsOnlyWithUpdateDdns() {
    run(
        "{\"command\": \"lease4-add\", \"arguments\": {\"ip-address\": \"10.0.0.11\","
            + " \"hw-address\": \"0a:0b:0c:0d:0e:01\", \"hostname\": \"h11.example.com.\","
            + " \"fqdn-fwd\": true, \"fqdn-rev\": true}}");
    assertThat(run("{\"command\": \"lease4-del\", \"arguments\": {\"ip-address\": \"10.0.0.10\"}}"))
        .isEqualTo("{\"result\":0,\"text\":\"IPv4 lease deleted.\"}");
    assertThat(
            run(
                "{\"command\": \"lease4-del\", \"arguments\": {\"ip-address\": \"10.0.0.11\","
                    + " \"update-ddns\": true}}"))
        .isEqualTo("{\"result\":0,\"text\":\"IPv4 lease deleted.\"}");
    assertThat(ddnsRemovals).containsExactly("10.0.0.11 h11.example.com.");
  }

  /** The commands' view of a server: a config and a store, nothing running. */
  private record Target(Dhcp4Config config, LeaseStore leases, List<String> ddnsRemovals)
      implements LeaseTarget {
    @Override
    public LeaseEvents leaseEvents() {
      return new LeaseEvents() {
        @Override
        public void onReleased(Lease4 lease) {
          ddnsRemovals.add(lease.address().getHostAddress() + " " + lease.hostname());
        }
      };
    }
  }
}
