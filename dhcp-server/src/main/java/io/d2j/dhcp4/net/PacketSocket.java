package io.d2j.dhcp4.net;

import com.sun.jna.Memory;
import java.net.Inet4Address;

/**
 * A raw packet socket on one interface (packet(7): {@code AF_PACKET}, {@code SOCK_DGRAM}, IPv4),
 * Kea's {@code dhcp-socket-type: raw}: it hears every DHCP query on its link, whatever addresses
 * and routes the host has, and sends replies as whole IPv4/UDP datagrams to a link-layer address of
 * our choosing, which is how a reply reaches a client that has no IP address yet by unicast (RFC
 * 2131 §4.1) without an ARP exchange the client could not answer. A kernel filter ({@link
 * UdpPortFilter}) passes only UDP to the server port, attached before the socket is bound so that
 * no other frame is ever queued. Needs CAP_NET_RAW. Receives never block (the caller polls).
 */
final class PacketSocket implements AutoCloseable {

  private static final int MAX_FRAME = 65535;
  private static final byte[] BROADCAST_MAC = {-1, -1, -1, -1, -1, -1};

  /** One received IPv4/UDP datagram, or a frame to skip. */
  record Received(Ipv4Udp.Datagram datagram, byte[] sourceMac) {}

  /** A frame this socket passed but that is not for us (our own, another host's, not UDP/IPv4). */
  static final Received SKIP = new Received(null, new byte[0]);

  private final int fd;
  private final int ifindex;
  private final Memory buffer = new Memory(MAX_FRAME);
  private final byte[] from = new byte[SockAddr.LL_SIZE];
  private final int[] fromLength = new int[1];

  /** Guarded by this. */
  private boolean closed;

  private PacketSocket(int fd, int ifindex) {
    this.fd = fd;
    this.ifindex = ifindex;
  }

  static PacketSocket open(int ifindex, int port) throws NativeIoException {
    // Protocol 0: nothing is queued until bind names ETH_P_IP, after the filter is in place.
    int fd = Libc.socket(Libc.AF_PACKET, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
    if (fd < 0) {
      throw NativeIoException.last("socket(AF_PACKET, SOCK_DGRAM)");
    }
    try {
      byte[] program = UdpPortFilter.program(port);
      Memory code = new Memory(program.length);
      code.write(0, program, 0, program.length);
      Memory fprog =
          new Memory(16); // struct sock_fprog { unsigned short len; sock_filter *filter; }
      fprog.clear();
      fprog.setShort(0, (short) UdpPortFilter.length(program));
      fprog.setPointer(8, code);
      if (Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_ATTACH_FILTER, fprog, 16) != 0) {
        throw NativeIoException.last("setsockopt(SO_ATTACH_FILTER)");
      }
      PktinfoSocket.setInt(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, 1 << 20, "SO_RCVBUF");
      byte[] ll = SockAddr.ll(ifindex, new byte[0]);
      if (Libc.bind(fd, ll, ll.length) != 0) {
        throw NativeIoException.last("bind(AF_PACKET, ifindex " + ifindex + ")");
      }
      return new PacketSocket(fd, ifindex);
    } catch (NativeIoException e) {
      Libc.close(fd);
      throw e;
    }
  }

  int fd() {
    return fd;
  }

  int ifindex() {
    return ifindex;
  }

  /** The next queued frame ({@link #SKIP} when not for us); null when none is queued. */
  Received receive() throws NativeIoException {
    fromLength[0] = from.length;
    long n = Libc.recvfrom(fd, buffer, MAX_FRAME, Libc.MSG_DONTWAIT, from, fromLength);
    if (n < 0) {
      int errno = Libc.errno();
      if (errno == Libc.EAGAIN || errno == Libc.EINTR) {
        return null;
      }
      throw new NativeIoException("recvfrom", errno);
    }
    int type = SockAddr.llPacketType(from);
    if (type != Libc.PACKET_HOST && type != Libc.PACKET_BROADCAST) {
      return SKIP; // our own replies (outgoing), other hosts' traffic in promiscuous mode
    }
    Ipv4Udp.Datagram d = Ipv4Udp.parse(buffer.getByteArray(0, (int) n), (int) n);
    return d == null ? SKIP : new Received(d, SockAddr.llAddress(from));
  }

  /**
   * Sends an IPv4/UDP datagram from {@code source:sourcePort} to {@code to:port}, in a frame to
   * {@code mac} (the link broadcast when {@code to} is 255.255.255.255 or {@code mac} is not 6
   * octets).
   */
  synchronized void send(
      byte[] payload, Inet4Address source, int sourcePort, Inet4Address to, int port, byte[] mac)
      throws NativeIoException {
    if (closed) {
      // Never write to a closed descriptor: its number may already name another file.
      throw new NativeIoException("sendto on ifindex " + ifindex + ": socket closed", Libc.EBADF);
    }
    byte[] packet = Ipv4Udp.build(source, sourcePort, to, port, payload);
    boolean broadcast = java.util.Arrays.equals(to.getAddress(), 0, 4, BROADCAST_MAC, 0, 4);
    byte[] ll = SockAddr.ll(ifindex, broadcast || mac.length != 6 ? BROADCAST_MAC : mac);
    if (Libc.sendto(fd, packet, packet.length, 0, ll, ll.length) < 0) {
      throw NativeIoException.last("sendto " + to.getHostAddress() + " on ifindex " + ifindex);
    }
  }

  /** Sends are synchronized with it (packet threads send while the receiving thread closes). */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      Libc.close(fd);
    }
  }
}
