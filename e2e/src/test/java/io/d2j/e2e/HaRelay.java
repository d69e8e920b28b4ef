package io.d2j.e2e;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.packet.DhcpCodec;
import io.d2j.dhcp4.packet.DhcpFormatException;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpOptions;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.dhcp4.packet.OptionCodes;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A relay agent on loopback in front of an HA pair, as a production relay with both servers as
 * helper addresses: every query goes to each server's port (giaddr 127.0.0.1, hops 1), and the
 * servers answer to this socket (their {@code -P}). In load-balancing only the server whose scope
 * the client is in may answer; every reply is kept by xid so that a test can tell whether both did.
 */
final class HaRelay implements AutoCloseable {

  static final Inet4Address LOOPBACK = loopback();

  private final DatagramChannel channel;
  private final Map<Integer, List<DhcpPacket>> replies = new HashMap<>();
  private int xid = 0x2000;

  HaRelay() throws IOException {
    channel = DatagramChannel.open(StandardProtocolFamily.INET);
    channel.bind(new InetSocketAddress(LOOPBACK, 0));
    channel.socket().setSoTimeout(200);
  }

  /** The servers' {@code -P}: where they send replies. */
  int port() throws IOException {
    return ((InetSocketAddress) channel.getLocalAddress()).getPort();
  }

  /**
   * Relays one query of {@code mac} to every port of {@code servers} and returns the first reply
   * within {@code waitMs}, if any; later replies to it are still recorded by {@link #replies}.
   */
  Optional<DhcpPacket> exchange(
      List<Integer> servers, Octets mac, Inet4Address ciaddr, DhcpOptions options, long waitMs)
      throws IOException, DhcpFormatException {
    int id = send(servers, mac, ciaddr, options);
    long until = System.nanoTime() + waitMs * 1_000_000;
    while (System.nanoTime() - until < 0) {
      receiveOne();
      List<DhcpPacket> got = replies.get(id);
      if (got != null && !got.isEmpty()) {
        return Optional.of(got.get(0));
      }
    }
    return Optional.empty();
  }

  /** Relays a query that gets no reply (RELEASE). */
  void sendOneWay(List<Integer> servers, Octets mac, Inet4Address ciaddr, DhcpOptions options)
      throws IOException {
    send(servers, mac, ciaddr, options);
  }

  /** Reads what arrived for {@code ms}: late replies, so that {@link #replies} holds them all. */
  void drain(long ms) throws IOException, DhcpFormatException {
    long until = System.nanoTime() + ms * 1_000_000;
    while (System.nanoTime() - until < 0) {
      receiveOne();
    }
  }

  /** Every reply received so far, by the xid of its query. */
  Map<Integer, List<DhcpPacket>> replies() {
    return replies;
  }

  /** DISCOVER, REQUEST (SELECTING) for the offered address with option 12 and 51: the ACK. */
  DhcpPacket dora(List<Integer> servers, Octets mac, String hostName, long lifetime)
      throws IOException, DhcpFormatException {
    DhcpPacket offer =
        exchange(
                servers,
                mac,
                null,
                named(DhcpMessageType.DISCOVER, hostName, lifetime).build(),
                3000)
            .orElseThrow(() -> new AssertionError("no OFFER for " + hostName));
    DhcpOptions request =
        named(DhcpMessageType.REQUEST, hostName, lifetime)
            .address(OptionCodes.REQUESTED_ADDRESS, offer.yiaddr())
            .address(
                OptionCodes.SERVER_IDENTIFIER, offer.options().serverIdentifier().orElseThrow())
            .build();
    DhcpPacket ack =
        exchange(servers, mac, null, request, 3000)
            .orElseThrow(() -> new AssertionError("no ACK for " + hostName));
    if (ack.messageType().orElseThrow() != DhcpMessageType.ACK) {
      throw new AssertionError(hostName + ": " + ack.messageType() + " instead of an ACK");
    }
    return ack;
  }

  /** REQUEST in RENEWING state (ciaddr, no server identifier): the answer, if any. */
  Optional<DhcpPacket> renew(
      List<Integer> servers, Octets mac, Inet4Address address, String hostName, long lifetime)
      throws IOException, DhcpFormatException {
    return exchange(
        servers, mac, address, named(DhcpMessageType.REQUEST, hostName, lifetime).build(), 3000);
  }

  /** DHCPRELEASE of {@code address} (server identifier {@code server}). */
  void release(List<Integer> servers, Octets mac, Inet4Address address, Inet4Address server)
      throws IOException {
    sendOneWay(
        servers,
        mac,
        address,
        DhcpOptions.builder()
            .messageType(DhcpMessageType.RELEASE)
            .address(OptionCodes.SERVER_IDENTIFIER, server)
            .build());
  }

  private static DhcpOptions.Builder named(DhcpMessageType type, String hostName, long lifetime) {
    return DhcpOptions.builder()
        .messageType(type)
        .put(OptionCodes.HOST_NAME, Octets.of(hostName.getBytes(StandardCharsets.US_ASCII)))
        .uint32(OptionCodes.LEASE_TIME, lifetime);
  }

  private int send(List<Integer> servers, Octets mac, Inet4Address ciaddr, DhcpOptions options)
      throws IOException {
    DhcpPacket p = DhcpPacket.request(++xid, mac, options);
    DhcpPacket relayed =
        new DhcpPacket(
            p.op(),
            p.htype(),
            p.hlen(),
            1,
            p.xid(),
            0,
            0,
            ciaddr == null ? p.ciaddr() : ciaddr,
            p.yiaddr(),
            p.siaddr(),
            LOOPBACK,
            p.chaddr(),
            p.sname(),
            p.file(),
            p.options());
    byte[] bytes = DhcpCodec.encode(relayed, 576);
    for (int port : servers) {
      channel.send(ByteBuffer.wrap(bytes), new InetSocketAddress(LOOPBACK, port));
    }
    return relayed.xid();
  }

  private void receiveOne() throws IOException, DhcpFormatException {
    byte[] buf = new byte[1500];
    DatagramPacket in = new DatagramPacket(buf, buf.length);
    try {
      channel.socket().receive(in);
    } catch (SocketTimeoutException e) {
      return;
    }
    DhcpPacket reply = DhcpCodec.decode(Arrays.copyOf(buf, in.getLength()));
    replies.computeIfAbsent(reply.xid(), k -> new ArrayList<>()).add(reply);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  private static Inet4Address loopback() {
    try {
      return (Inet4Address) InetAddress.getByName("127.0.0.1");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
