package io.d2j.dhcp4.it;

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
import java.util.Arrays;
import java.util.Optional;

/**
 * A relay agent on loopback, as perfdhcp is one: its socket is the server's {@code -P} port, its
 * requests carry giaddr 127.0.0.1 and hops 1, so the server unicasts every reply back to it.
 */
final class LoopbackRelay implements AutoCloseable {

  static final Inet4Address LOOPBACK = loopback();

  private final DatagramChannel channel;
  private int xid = 0x1000;

  LoopbackRelay() throws IOException {
    channel = DatagramChannel.open(StandardProtocolFamily.INET);
    channel.bind(new InetSocketAddress(LOOPBACK, 0));
    channel.socket().setSoTimeout(3000);
  }

  /** The server's {@code -P}: where it must send replies. */
  int port() throws IOException {
    return ((InetSocketAddress) channel.getLocalAddress()).getPort();
  }

  /** Sends raw bytes to the server (malformed input). */
  void sendRaw(byte[] datagram, int serverPort) throws IOException {
    channel.send(ByteBuffer.wrap(datagram), new InetSocketAddress(LOOPBACK, serverPort));
  }

  /** Relays one request from the client {@code mac} and returns the reply, if one comes. */
  Optional<DhcpPacket> exchange(int serverPort, Octets mac, DhcpOptions options)
      throws IOException, DhcpFormatException {
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
            p.ciaddr(),
            p.yiaddr(),
            p.siaddr(),
            LOOPBACK,
            p.chaddr(),
            p.sname(),
            p.file(),
            p.options());
    sendRaw(DhcpCodec.encode(relayed, 576), serverPort);
    byte[] buf = new byte[1500];
    DatagramPacket in = new DatagramPacket(buf, buf.length);
    while (true) {
      try {
        channel.socket().receive(in);
      } catch (SocketTimeoutException e) {
        return Optional.empty();
      }
      DhcpPacket reply = DhcpCodec.decode(Arrays.copyOf(buf, in.getLength()));
      if (reply.xid() == relayed.xid()) {
        return Optional.of(reply);
      }
    }
  }

  /**
   * Relays a query that expects no reply (RELEASE, DECLINE) from the client {@code mac} holding
   * {@code ciaddr}.
   */
  void sendOneWay(int serverPort, Octets mac, Inet4Address ciaddr, DhcpOptions options)
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
            ciaddr,
            p.yiaddr(),
            p.siaddr(),
            LOOPBACK,
            p.chaddr(),
            p.sname(),
            p.file(),
            p.options());
    sendRaw(DhcpCodec.encode(relayed, 576), serverPort);
  }

  /** DISCOVER, then REQUEST in SELECTING state for the offered address: the ACK. */
  DhcpPacket dora(int serverPort, Octets mac) throws IOException, DhcpFormatException {
    return dora(serverPort, mac, Optional.empty());
  }

  /** As {@link #dora(int, Octets)}, with {@code clientId} as option 61 in both requests. */
  DhcpPacket dora(int serverPort, Octets mac, Optional<Octets> clientId)
      throws IOException, DhcpFormatException {
    DhcpOptions.Builder discover = DhcpOptions.builder().messageType(DhcpMessageType.DISCOVER);
    clientId.ifPresent(id -> discover.put(OptionCodes.CLIENT_IDENTIFIER, id));
    DhcpPacket offer =
        exchange(serverPort, mac, discover.build())
            .orElseThrow(() -> new AssertionError("no OFFER"));
    DhcpOptions.Builder request =
        DhcpOptions.builder()
            .messageType(DhcpMessageType.REQUEST)
            .address(OptionCodes.REQUESTED_ADDRESS, offer.yiaddr())
            .address(
                OptionCodes.SERVER_IDENTIFIER, offer.options().serverIdentifier().orElseThrow());
    clientId.ifPresent(id -> request.put(OptionCodes.CLIENT_IDENTIFIER, id));
    return exchange(serverPort, mac, request.build())
        .orElseThrow(() -> new AssertionError("no ACK"));
  }

  Optional<DhcpPacket> discover(int serverPort, Octets mac)
      throws IOException, DhcpFormatException {
    return exchange(
        serverPort, mac, DhcpOptions.builder().messageType(DhcpMessageType.DISCOVER).build());
  }

  /** REQUEST in INIT-REBOOT state (RFC 2131 §4.3.2): requested address, no server identifier. */
  Optional<DhcpPacket> initReboot(int serverPort, Octets mac, Inet4Address address)
      throws IOException, DhcpFormatException {
    return exchange(
        serverPort,
        mac,
        DhcpOptions.builder()
            .messageType(DhcpMessageType.REQUEST)
            .address(OptionCodes.REQUESTED_ADDRESS, address)
            .build());
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
