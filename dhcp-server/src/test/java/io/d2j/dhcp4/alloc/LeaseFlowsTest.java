package io.d2j.dhcp4.alloc;

import static io.d2j.dhcp4.alloc.Fixtures.NOW;
import static io.d2j.dhcp4.alloc.Fixtures.SERVER_ID;
import static io.d2j.dhcp4.alloc.Fixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.dhcp4.lease.InMemoryLeaseStore;
import io.d2j.dhcp4.lease.LeaseState;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.ncr.IpAddresses;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 2131 §4.3, one row per server behaviour, from a prepared lease table. */
class LeaseFlowsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          DISCOVER: first free pool address          | -                       | DISCOVER | a | gi=192.0.2.1                        | OFFER 10.0.0.10 subnet 1
          DISCOVER: skips an address in use          | 10.0.0.10=b             | DISCOVER | a | gi=192.0.2.1                        | OFFER 10.0.0.12 subnet 1
          DISCOVER: skips a declined address         | 10.0.0.10=declined      | DISCOVER | a | gi=192.0.2.1                        | OFFER 10.0.0.12 subnet 1
          DISCOVER: reuses another's expired lease   | 10.0.0.10=b/expired     | DISCOVER | a | gi=192.0.2.1                        | OFFER 10.0.0.10 subnet 1
          DISCOVER: returning client, previous addr  | 10.0.0.12=a             | DISCOVER | a | gi=192.0.2.1                        | OFFER 10.0.0.12 subnet 1
          DISCOVER: returning client, lease expired  | 10.0.0.12=a/expired     | DISCOVER | a | gi=192.0.2.1                        | OFFER 10.0.0.12 subnet 1
          DISCOVER: reservation outside the pool     | -                       | DISCOVER | f | gi=192.0.2.1                        | OFFER 10.0.0.50 subnet 1
          DISCOVER: reservation inside the pool      | -                       | DISCOVER | e | gi=192.0.2.1                        | OFFER 10.0.0.11 subnet 1
          DISCOVER: requested address honoured       | -                       | DISCOVER | a | gi=192.0.2.1 req=10.0.0.12          | OFFER 10.0.0.12 subnet 1
          DISCOVER: requested address in use         | 10.0.0.10=b             | DISCOVER | a | gi=192.0.2.1 req=10.0.0.10          | OFFER 10.0.0.12 subnet 1
          DISCOVER: requested reserved for another   | -                       | DISCOVER | a | gi=192.0.2.1 req=10.0.0.11          | OFFER 10.0.0.10 subnet 1
          DISCOVER: pool exhausted                   | 10.0.0.10=b 10.0.0.12=c | DISCOVER | a | gi=192.0.2.1                        | SILENT no address available in subnet 10.0.0.0/24
          DISCOVER: shared network, sibling subnet   | 10.2.0.10=b 10.2.0.11=c | DISCOVER | a | gi=192.0.2.2                        | OFFER 10.1.0.10 subnet 2
          DISCOVER: relay in no subnet               | -                       | DISCOVER | a | gi=198.51.100.1                     | SILENT no subnet for relay 198.51.100.1
          DISCOVER: relay address inside a subnet    | -                       | DISCOVER | a | gi=10.1.0.1                         | OFFER 10.1.0.10 subnet 2
          SELECTING: ours, address free              | -                       | REQUEST  | a | gi=192.0.2.1 sid=192.0.2.100 req=10.0.0.10 | ACK 10.0.0.10 subnet 1 Add
          SELECTING: another server chosen           | -                       | REQUEST  | a | gi=192.0.2.1 sid=192.0.2.99 req=10.0.0.10  | SILENT client selected server 192.0.2.99
          SELECTING: address taken meanwhile         | 10.0.0.10=b             | REQUEST  | a | gi=192.0.2.1 sid=192.0.2.100 req=10.0.0.10 | NAK SELECTING: 10.0.0.10 is not available to this client
          SELECTING: address reserved for another    | -                       | REQUEST  | a | gi=192.0.2.1 sid=192.0.2.100 req=10.0.0.11 | NAK SELECTING: 10.0.0.11 is not available to this client
          SELECTING: declined address                | 10.0.0.10=declined      | REQUEST  | a | gi=192.0.2.1 sid=192.0.2.100 req=10.0.0.10 | NAK SELECTING: 10.0.0.10 is not available to this client
          SELECTING: no requested address            | -                       | REQUEST  | a | gi=192.0.2.1 sid=192.0.2.100        | SILENT SELECTING request without a requested address
          INIT-REBOOT: own lease                     | 10.0.0.10=a             | REQUEST  | a | gi=192.0.2.1 req=10.0.0.10          | ACK 10.0.0.10 subnet 1 Update
          INIT-REBOOT: wrong network, known client   | 10.0.0.10=a             | REQUEST  | a | gi=192.0.2.1 req=10.9.0.1           | NAK INIT-REBOOT: 10.9.0.1 is not the client's lease (10.0.0.10)
          INIT-REBOOT: wrong network, unknown client | -                       | REQUEST  | a | gi=192.0.2.1 req=10.9.0.1           | SILENT INIT-REBOOT: no lease of this client for 10.9.0.1; not authoritative, so silent
          INIT-REBOOT: no record, silent             | -                       | REQUEST  | a | gi=192.0.2.1 req=10.0.0.10          | SILENT INIT-REBOOT: no lease of this client for 10.0.0.10; not authoritative, so silent
          INIT-REBOOT: another client's lease        | 10.0.0.10=b             | REQUEST  | a | gi=192.0.2.1 req=10.0.0.10          | SILENT INIT-REBOOT: no lease of this client for 10.0.0.10; not authoritative, so silent
          INIT-REBOOT: expired own lease             | 10.0.0.10=a/expired     | REQUEST  | a | gi=192.0.2.1 req=10.0.0.10          | ACK 10.0.0.10 subnet 1 Update
          RENEWING: own lease extended               | 10.0.0.10=a             | REQUEST  | a | ci=10.0.0.10                        | ACK 10.0.0.10 subnet 1 Update
          REBINDING via relay: own lease             | 10.0.0.10=a             | REQUEST  | a | ci=10.0.0.10 gi=192.0.2.1           | ACK 10.0.0.10 subnet 1 Update
          RENEWING: another client's address         | 10.0.0.10=b             | REQUEST  | a | ci=10.0.0.10                        | NAK RENEWING/REBINDING: 10.0.0.10 is not available to this client
          RENEWING: ciaddr in no subnet              | -                       | REQUEST  | a | ci=10.9.0.1                         | SILENT RENEWING/REBINDING: no subnet holds ciaddr 10.9.0.1
          RELEASE: own lease deleted                 | 10.0.0.10=a             | RELEASE  | a | ci=10.0.0.10                        | SILENT released 10.0.0.10 Delete
          RELEASE: not the client's                  | 10.0.0.10=b             | RELEASE  | a | ci=10.0.0.10                        | SILENT RELEASE of 10.0.0.10, which this client does not hold
          DECLINE: own lease into probation          | 10.0.0.10=a             | DECLINE  | a | gi=192.0.2.1 req=10.0.0.10          | SILENT declined 10.0.0.10 Update
          DECLINE: not the client's                  | 10.0.0.10=b             | DECLINE  | a | gi=192.0.2.1 req=10.0.0.10          | SILENT DECLINE of 10.0.0.10, which this client does not hold
          INFORM: options for the relay's subnet     | -                       | INFORM   | a | ci=10.0.0.77 gi=192.0.2.1           | INFORM subnet 1
          OFFER sent to a server                     | -                       | OFFER    | a | gi=192.0.2.1                        | SILENT message type OFFER is not for a server
          """)
  void decide(
      String behaviour,
      String leases,
      DhcpMessageType type,
      char client,
      String fields,
      String expected) {
    InMemoryLeaseStore store = Fixtures.leases(leases);
    LeaseFlows flows = new LeaseFlows(Fixtures.config(), store);
    Decision d = flows.decide(Fixtures.query(type, client, fields), SERVER_ID, List.of(), NOW);
    assertThat(render(d)).as(behaviour).isEqualTo(expected);
    // A decision never writes: the caller applies its change.
    assertThat(store.all()).isEqualTo(Fixtures.leases(leases).all());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ACK lease times and identity | REQUEST | gi=192.0.2.1 sid=192.0.2.100 req=10.0.0.10 | 3600 | 1700000000 | DEFAULT  | 00:00:00:00:00:0a
          DECLINE probation, no owner  | DECLINE | gi=192.0.2.1 req=10.0.0.10                 | 600  | 1700000000 | DECLINED |
          """)
  void leaseWritten(
      String what,
      DhcpMessageType type,
      String fields,
      long lifetime,
      long cltt,
      LeaseState state,
      String hwaddr) {
    InMemoryLeaseStore store =
        Fixtures.leases(type == DhcpMessageType.DECLINE ? "10.0.0.10=a" : "-");
    Decision d =
        new LeaseFlows(Fixtures.config(), store)
            .decide(Fixtures.query(type, 'a', fields), SERVER_ID, List.of(), NOW);
    LeaseChange change = d instanceof Decision.Ack a ? a.change() : ((Decision.Silent) d).change();
    var lease =
        change instanceof LeaseChange.Add add ? add.lease() : ((LeaseChange.Update) change).lease();
    assertThat(lease.address()).as(what).isEqualTo(ip("10.0.0.10"));
    assertThat(lease.validLifetime()).isEqualTo(lifetime);
    assertThat(lease.cltt()).isEqualTo(cltt);
    assertThat(lease.state()).isEqualTo(state);
    assertThat(lease.hwaddr().toColonHex()).isEqualTo(hwaddr == null ? "" : hwaddr);
  }

  @ParameterizedTest(name = "local address {0}")
  @CsvSource({
    "10.0.0.1, OFFER 10.0.0.10 subnet 1",
    "10.2.0.1, OFFER 10.2.0.10 subnet 3",
    "172.16.0.1, SILENT no subnet for a directly connected client"
  })
  void directlyConnected_subnetFromTheInterfaceAddress(String local, String expected) {
    LeaseFlows flows = new LeaseFlows(Fixtures.config(), Fixtures.leases("-"));
    Decision d =
        flows.decide(
            Fixtures.query(DhcpMessageType.DISCOVER, 'a', "-"), SERVER_ID, List.of(ip(local)), NOW);
    assertThat(render(d)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void discoversBeforeAnyRequest_areOfferedDifferentAddresses_thenWrapRound() {
    LeaseFlows flows = new LeaseFlows(Fixtures.config(), Fixtures.leases("-"));
    List<String> offers = new java.util.ArrayList<>();
    for (char c : new char[] {'a', 'b', 'c', 'd'}) {
      offers.add(
          render(
              flows.decide(
                  Fixtures.query(DhcpMessageType.DISCOVER, c, "gi=192.0.2.1"),
                  SERVER_ID,
                  List.of(),
                  NOW)));
    }
    // 10.0.0.11 is reserved for client e; after 10.0.0.12 the search wraps to the pool start.
    assertThat(offers)
        .containsExactly(
            "OFFER 10.0.0.10 subnet 1",
            "OFFER 10.0.0.12 subnet 1",
            "OFFER 10.0.0.10 subnet 1",
            "OFFER 10.0.0.12 subnet 1");
  }

  static String render(Decision d) {
    if (d instanceof Decision.Offer o) {
      return "OFFER " + IpAddresses.format(o.lease().address()) + " subnet " + o.subnet().id();
    } else if (d instanceof Decision.Ack a) {
      return "ACK "
          + IpAddresses.format(a.lease().address())
          + " subnet "
          + a.subnet().id()
          + " "
          + a.change().getClass().getSimpleName();
    } else if (d instanceof Decision.InformAck i) {
      return "INFORM subnet " + i.subnet().id();
    } else if (d instanceof Decision.Nak n) {
      return "NAK " + n.reason();
    } else if (d instanceof Decision.NoAddress none) {
      return "SILENT " + none.reason();
    }
    Decision.Silent s = (Decision.Silent) d;
    return "SILENT "
        + s.reason()
        + (s.change() instanceof LeaseChange.None
            ? ""
            : " " + s.change().getClass().getSimpleName());
  }
}
