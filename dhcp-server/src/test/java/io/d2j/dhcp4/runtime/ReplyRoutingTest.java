package io.d2j.dhcp4.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.dhcp4.alloc.Fixtures;
import io.d2j.dhcp4.handler.Replies;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpOptions;
import io.d2j.dhcp4.packet.DhcpPacket;
import java.net.InetSocketAddress;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplyRoutingTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          relayed goes to the relay's server port | gi=192.0.2.1              | OFFER | 0     | 192.0.2.1:67
          relayed with -P                         | gi=192.0.2.1              | ACK   | 47068 | 192.0.2.1:47068
          no address yet: broadcast               | -                         | OFFER | 0     | 255.255.255.255:68
          renewing: unicast to ciaddr             | ci=10.0.0.10              | ACK   | 0     | 10.0.0.10:68
          NAK to a direct client: broadcast       | ci=10.0.0.10              | NAK   | 0     | 255.255.255.255:68
          NAK via relay                           | ci=10.0.0.10 gi=192.0.2.1 | NAK   | 0     | 192.0.2.1:67
          broadcast with -P                       | -                         | OFFER | 47068 | 255.255.255.255:47068
          """)
  void destination(
      String what, String fields, DhcpMessageType replyType, int clientPort, String expected) {
    DhcpPacket query = Fixtures.query(DhcpMessageType.REQUEST, 'a', fields);
    DhcpPacket reply = query.withOptions(DhcpOptions.builder().messageType(replyType).build());
    InetSocketAddress to =
        ReplyRouting.destination(
            query, reply, clientPort == 0 ? OptionalInt.empty() : OptionalInt.of(clientPort));
    assertThat(to.getAddress().getHostAddress() + ":" + to.getPort()).as(what).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          raw, broadcast bit clear: unicast to yiaddr | -                         | false | OFFER | 10.0.0.10:68
          raw, broadcast bit set: broadcast           | -                         | true  | OFFER | 255.255.255.255:68
          raw ACK, bit clear: unicast to yiaddr       | -                         | false | ACK   | 10.0.0.10:68
          raw NAK: broadcast all the same             | -                         | false | NAK   | 255.255.255.255:68
          raw renewing: ciaddr                        | ci=10.0.0.20              | false | ACK   | 10.0.0.20:68
          raw relayed: the relay                      | gi=192.0.2.1              | false | ACK   | 192.0.2.1:67
          """)
  void destination_withRawSockets(
      String what,
      String fields,
      boolean broadcastBit,
      DhcpMessageType replyType,
      String expected) {
    DhcpPacket q = Fixtures.query(DhcpMessageType.REQUEST, 'a', fields);
    DhcpPacket query =
        new DhcpPacket(
            q.op(),
            q.htype(),
            q.hlen(),
            q.hops(),
            q.xid(),
            q.secs(),
            broadcastBit ? DhcpPacket.FLAG_BROADCAST : 0,
            q.ciaddr(),
            q.yiaddr(),
            q.siaddr(),
            q.giaddr(),
            q.chaddr(),
            q.sname(),
            q.file(),
            q.options());
    DhcpPacket reply =
        Replies.withAddresses(
            query.withOptions(DhcpOptions.builder().messageType(replyType).build()),
            query.ciaddr(),
            replyType == DhcpMessageType.NAK ? DhcpPacket.ANY : Fixtures.ip("10.0.0.10"));
    InetSocketAddress to = ReplyRouting.destination(query, reply, OptionalInt.empty(), true);
    assertThat(to.getAddress().getHostAddress() + ":" + to.getPort()).as(what).isEqualTo(expected);
  }
}
