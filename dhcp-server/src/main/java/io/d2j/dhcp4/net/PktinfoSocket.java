package io.d2j.dhcp4.net;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.net.Inet4Address;
import java.util.List;

/**
 * The server's UDP socket: bound to 0.0.0.0:port (so broadcasts from clients with no address
 * arrive, and relays reach any of our addresses), with {@code IP_PKTINFO} so that each datagram
 * tells the interface it came in on and the address it was sent to, and each reply names the
 * interface it must leave by and its source address (ip(7)). A limited broadcast sent with an
 * interface leaves by that interface whatever the routing table says; this is what lets one socket
 * serve several links, as dnsmasq does. Receives never block (the caller polls); sends may.
 * Confined to the packet thread after {@link #open}.
 *
 * <p>Layouts (LP64 Linux): {@code struct msghdr} 56 octets, {@code struct iovec} 16, a {@code
 * cmsghdr} 16 before its data, {@code struct in_pktinfo} = ifindex, spec_dst, addr (12).
 */
final class PktinfoSocket implements AutoCloseable {

  private static final int MSGHDR = 56;

  private static final int IOVEC = 16;
  private static final int CONTROL = 64;
  private static final int CMSG_PKTINFO_LEN = 16 + 12;
  private static final int CMSG_PKTINFO_SPACE = 32;
  static final int MAX_DATAGRAM = 65535;

  /** {@code struct mmsghdr}: a msghdr, then the length received (an int, padded to 8). */
  private static final int MMSGHDR = 64;

  /** One slot of {@link #receive(List, int)}: its mmsghdr, iovec, address and control space. */
  private static final int SLOT = MMSGHDR + IOVEC + SockAddr.IN_SIZE + CONTROL;

  /**
   * Datagrams one {@code recvmmsg} takes at most. Each slot's buffer holds the largest datagram;
   * they are allocated, not touched, so only the pages datagrams land in become resident.
   */
  static final int SLOTS = 64;

  /** One datagram to send: as {@link #send}'s arguments. */
  record Datagram(byte[] payload, Inet4Address to, int port, int ifindex, Inet4Address source) {}

  /** One received datagram. */
  record Received(
      byte[] payload, int ifindex, Inet4Address destination, Inet4Address source, int port) {}

  private final int fd;
  private final int port;
  private final Memory recvHeader = new Memory(MSGHDR + IOVEC + SockAddr.IN_SIZE + CONTROL);
  private final Memory recvBuffer = new Memory(MAX_DATAGRAM);

  /** The last source and IP_PKTINFO destination {@link #receive} read, reused while they repeat. */
  private Inet4Address lastSource;

  private Inet4Address lastDestination;

  /** {@link #SLOTS} mmsghdrs, then each slot's iovec, address and control space; made lazily. */
  private Memory slots;

  private Memory slotBuffers;

  /** {@link #sendAll}'s mmsghdrs and slots, and its payloads back to back; made lazily. */
  private Memory sendSlots;

  private Memory sendSlotBuffer;
  private final Memory sendHeader = new Memory(MSGHDR + IOVEC + SockAddr.IN_SIZE + CONTROL);
  private final Memory sendBuffer = new Memory(MAX_DATAGRAM);

  // The headers' parts, made once (each share() is an object, and these run per datagram).
  private final Pointer recvIov = recvHeader.share(MSGHDR);
  private final Pointer recvName = recvHeader.share(MSGHDR + IOVEC);
  private final Pointer recvControl = recvHeader.share(MSGHDR + IOVEC + SockAddr.IN_SIZE);
  private final Pointer sendIov = sendHeader.share(MSGHDR);
  private final Pointer sendName = sendHeader.share(MSGHDR + IOVEC);
  private final Pointer sendControl = sendHeader.share(MSGHDR + IOVEC + SockAddr.IN_SIZE);

  /** Guarded by this, as the send buffers. */
  private boolean closed;

  private PktinfoSocket(int fd, int port) {
    this.fd = fd;
    this.port = port;
  }

  /** Opens and binds 0.0.0.0:{@code port} (0: any free port). */
  static PktinfoSocket open(int port, int receiveBuffer) throws NativeIoException {
    int fd = Libc.socket(Libc.AF_INET, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
    if (fd < 0) {
      throw NativeIoException.last("socket(AF_INET, SOCK_DGRAM)");
    }
    try {
      setInt(fd, Libc.SOL_SOCKET, Libc.SO_REUSEADDR, 1, "SO_REUSEADDR");
      setInt(fd, Libc.SOL_SOCKET, Libc.SO_BROADCAST, 1, "SO_BROADCAST");
      setInt(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, receiveBuffer, "SO_RCVBUF");
      setInt(fd, Libc.IPPROTO_IP, Libc.IP_PKTINFO, 1, "IP_PKTINFO");
      byte[] any = SockAddr.in(anyAddress(), port);
      if (Libc.bind(fd, any, any.length) != 0) {
        throw NativeIoException.last("bind(0.0.0.0:" + port + ")");
      }
      byte[] bound = new byte[SockAddr.IN_SIZE];
      if (Libc.getsockname(fd, bound, new int[] {bound.length}) != 0) {
        throw NativeIoException.last("getsockname");
      }
      return new PktinfoSocket(fd, SockAddr.inPort(bound));
    } catch (NativeIoException e) {
      Libc.close(fd);
      throw e;
    }
  }

  static void setInt(int fd, int level, int name, int value, String what) throws NativeIoException {
    byte[] v =
        java.nio.ByteBuffer.allocate(4)
            .order(java.nio.ByteOrder.nativeOrder())
            .putInt(value)
            .array();
    if (Libc.setsockopt(fd, level, name, v, 4) != 0) {
      throw NativeIoException.last("setsockopt(" + what + ")");
    }
  }

  int fd() {
    return fd;
  }

  int port() {
    return port;
  }

  /** The next queued datagram; null when none is queued. */
  Received receive() throws NativeIoException {
    Pointer iov = recvIov;
    Pointer name = recvName;
    Pointer control = recvControl;
    recvHeader.clear();
    recvHeader.setPointer(0, name);
    recvHeader.setInt(8, SockAddr.IN_SIZE);
    recvHeader.setPointer(16, iov);
    recvHeader.setLong(24, 1);
    recvHeader.setPointer(32, control);
    recvHeader.setLong(40, CONTROL);
    iov.setPointer(0, recvBuffer);
    iov.setLong(8, MAX_DATAGRAM);
    long n = Libc.recvmsg(fd, recvHeader, Libc.MSG_DONTWAIT);
    if (n < 0) {
      int errno = Libc.errno();
      if (errno == Libc.EAGAIN || errno == Libc.EINTR) {
        return null;
      }
      throw new NativeIoException("recvmsg", errno);
    }
    byte[] payload = recvBuffer.getByteArray(0, (int) n);
    byte[] from = name.getByteArray(0, SockAddr.IN_SIZE);
    int ifindex = 0;
    Inet4Address destination = null;
    long controlLength = recvHeader.getLong(40);
    for (long at = 0; at + 16 <= controlLength; ) {
      long len = control.getLong(at);
      if (len < 16) {
        break;
      }
      if (control.getInt(at + 8) == Libc.IPPROTO_IP && control.getInt(at + 12) == Libc.IP_PKTINFO) {
        ifindex = control.getInt(at + 16);
        destination = SockAddr.address(control.getByteArray(at + 24, 4), 0);
      }
      at += (len + 7) & ~7L;
    }
    return new Received(
        payload, ifindex, destination, SockAddr.address(from, 4), SockAddr.inPort(from));
  }

  /**
   * Receives what is queued, up to {@code limit} (at most {@link #SLOTS}) datagrams, with one
   * {@code recvmmsg} call, into {@code into}.
   *
   * @return how many datagrams the call took (0: none was queued); fewer than asked means the
   *     socket had no more at that moment
   */
  int receive(List<Received> into, int limit) throws NativeIoException {
    int vlen = Math.min(limit, SLOTS);
    if (vlen <= 0) {
      return 0;
    }
    if (slots == null) {
      slots = new Memory((long) SLOT * SLOTS);
      slots.clear();
      slotBuffers = new Memory((long) MAX_DATAGRAM * SLOTS);
      for (int i = 0; i < SLOTS; i++) {
        long hdr = (long) i * MMSGHDR;
        long extra = (long) MMSGHDR * SLOTS + (long) i * (IOVEC + SockAddr.IN_SIZE + CONTROL);
        Pointer iov = slots.share(extra);
        iov.setPointer(0, slotBuffers.share((long) i * MAX_DATAGRAM));
        iov.setLong(8, MAX_DATAGRAM);
        slots.setPointer(hdr, slots.share(extra + IOVEC));
        slots.setPointer(hdr + 16, iov);
        slots.setLong(hdr + 24, 1);
        slots.setPointer(hdr + 32, slots.share(extra + IOVEC + SockAddr.IN_SIZE));
      }
    }
    for (int i = 0; i < vlen; i++) {
      long hdr = (long) i * MMSGHDR;
      slots.setInt(hdr + 8, SockAddr.IN_SIZE);
      slots.setLong(hdr + 40, CONTROL);
      slots.setInt(hdr + 48, 0);
    }
    int n = Libc.recvmmsg(fd, slots, vlen, Libc.MSG_DONTWAIT, null);
    if (n < 0) {
      int errno = Libc.errno();
      if (errno == Libc.EAGAIN || errno == Libc.EINTR) {
        return 0;
      }
      throw new NativeIoException("recvmmsg", errno);
    }
    for (int i = 0; i < n; i++) {
      long hdr = (long) i * MMSGHDR;
      long extra = (long) MMSGHDR * SLOTS + (long) i * (IOVEC + SockAddr.IN_SIZE + CONTROL);
      int length = slots.getInt(hdr + 56);
      byte[] payload = slotBuffers.getByteArray((long) i * MAX_DATAGRAM, length);
      long from = extra + IOVEC; // sockaddr_in: family, port (network order), address
      int port = ((slots.getByte(from + 2) & 0xff) << 8) | (slots.getByte(from + 3) & 0xff);
      lastSource = address(slots, from + 4, lastSource);
      long controlAt = extra + IOVEC + SockAddr.IN_SIZE;
      into.add(pktinfo(payload, lastSource, port, controlAt, slots.getLong(hdr + 40)));
    }
    return n;
  }

  /**
   * The address at {@code at}, or {@code last} when it is the same: a relay's address and ours
   * repeat datagram after datagram, and each new one costs three objects.
   */
  private static Inet4Address address(Pointer base, long at, Inet4Address last) {
    int value = 0;
    for (int k = 0; k < 4; k++) {
      value = (value << 8) | (base.getByte(at + k) & 0xff);
    }
    // Inet4Address.hashCode() is the address as a 32-bit number.
    if (last != null && last.hashCode() == value) {
      return last;
    }
    byte[] four = new byte[4];
    base.read(at, four, 0, 4);
    return SockAddr.address(four, 0);
  }

  /** A datagram with what its control messages say (ifindex and destination from IP_PKTINFO). */
  private Received pktinfo(
      byte[] payload, Inet4Address source, int port, long control, long controlLength) {
    Pointer base = slots;
    int ifindex = 0;
    Inet4Address destination = null;
    for (long at = 0; at + 16 <= controlLength; ) {
      long len = base.getLong(control + at);
      if (len < 16) {
        break;
      }
      if (base.getInt(control + at + 8) == Libc.IPPROTO_IP
          && base.getInt(control + at + 12) == Libc.IP_PKTINFO) {
        ifindex = base.getInt(control + at + 16);
        lastDestination = address(base, control + at + 24, lastDestination);
        destination = lastDestination;
      }
      at += (len + 7) & ~7L;
    }
    return new Received(payload, ifindex, destination, source, port);
  }

  /**
   * Sends {@code payload} to {@code to:port}, leaving by interface {@code ifindex} (0: as routed)
   * from {@code source} (null: the kernel's choice).
   */
  synchronized void send(
      byte[] payload, Inet4Address to, int port, int ifindex, Inet4Address source)
      throws NativeIoException {
    if (closed) {
      // Never write to a closed descriptor: its number may already name another file.
      throw new NativeIoException(
          "sendmsg to " + to.getHostAddress() + ": socket closed", Libc.EBADF);
    }
    Pointer iov = sendIov;
    Pointer name = sendName;
    Pointer control = sendControl;
    sendHeader.clear();
    byte[] dest = SockAddr.in(to, port);
    name.write(0, dest, 0, dest.length);
    sendHeader.setPointer(0, name);
    sendHeader.setInt(8, dest.length);
    sendHeader.setPointer(16, iov);
    sendHeader.setLong(24, 1);
    sendBuffer.write(0, payload, 0, payload.length);
    iov.setPointer(0, sendBuffer);
    iov.setLong(8, payload.length);
    if (ifindex != 0 || source != null) {
      control.setLong(0, CMSG_PKTINFO_LEN);
      control.setInt(8, Libc.IPPROTO_IP);
      control.setInt(12, Libc.IP_PKTINFO);
      control.setInt(16, ifindex);
      if (source != null) {
        control.write(20, source.getAddress(), 0, 4); // ipi_spec_dst: the source address
      }
      sendHeader.setPointer(32, control);
      sendHeader.setLong(40, CMSG_PKTINFO_SPACE);
    }
    if (Libc.sendmsg(fd, sendHeader, 0) < 0) {
      throw NativeIoException.last("sendmsg to " + to.getHostAddress() + ":" + port);
    }
  }

  /**
   * Sends {@code batch} in order, up to {@link #SLOTS} datagrams per {@code sendmmsg} call.
   *
   * @return for each datagram, null when it was sent, else why not
   */
  synchronized NativeIoException[] sendAll(List<Datagram> batch) {
    NativeIoException[] failed = new NativeIoException[batch.size()];
    int next = 0;
    while (next < batch.size()) {
      if (closed) {
        for (int i = next; i < batch.size(); i++) {
          failed[i] =
              new NativeIoException(
                  "sendmsg to " + batch.get(i).to().getHostAddress() + ": socket closed",
                  Libc.EBADF);
        }
        return failed;
      }
      int vlen = Math.min(SLOTS, batch.size() - next);
      if (vlen == 1) {
        Datagram d = batch.get(next);
        try {
          send(d.payload(), d.to(), d.port(), d.ifindex(), d.source());
        } catch (NativeIoException e) {
          failed[next] = e;
        }
        next++;
        continue;
      }
      layOut(batch, next, vlen);
      int n = Libc.sendmmsg(fd, sendSlots, vlen, 0);
      if (n <= 0) {
        // The first datagram failed (a later one's failure ends the call early, and the next call
        // starts with it): that one is lost, the rest are tried again.
        Datagram d = batch.get(next);
        failed[next] =
            NativeIoException.last("sendmsg to " + d.to().getHostAddress() + ":" + d.port());
        next++;
      } else {
        next += n;
      }
    }
    return failed;
  }

  /** Fills {@link #sendSlots} with {@code vlen} datagrams of {@code batch} from {@code from}. */
  private void layOut(List<Datagram> batch, int from, int vlen) {
    if (sendSlots == null) {
      sendSlots = new Memory((long) SLOT * SLOTS);
      sendSlots.clear();
      sendSlotBuffer = new Memory((long) MAX_DATAGRAM * SLOTS);
    }
    long at = 0;
    for (int i = 0; i < vlen; i++) {
      Datagram d = batch.get(from + i);
      long hdr = (long) i * MMSGHDR;
      long extra = (long) MMSGHDR * SLOTS + (long) i * (IOVEC + SockAddr.IN_SIZE + CONTROL);
      Pointer iov = sendSlots.share(extra);
      Pointer name = sendSlots.share(extra + IOVEC);
      Pointer control = sendSlots.share(extra + IOVEC + SockAddr.IN_SIZE);
      byte[] dest = SockAddr.in(d.to(), d.port());
      name.write(0, dest, 0, dest.length);
      sendSlotBuffer.write(at, d.payload(), 0, d.payload().length);
      iov.setPointer(0, sendSlotBuffer.share(at));
      iov.setLong(8, d.payload().length);
      at += d.payload().length;
      sendSlots.setPointer(hdr, name);
      sendSlots.setInt(hdr + 8, dest.length);
      sendSlots.setPointer(hdr + 16, iov);
      sendSlots.setLong(hdr + 24, 1);
      if (d.ifindex() != 0 || d.source() != null) {
        control.setLong(0, CMSG_PKTINFO_LEN);
        control.setInt(8, Libc.IPPROTO_IP);
        control.setInt(12, Libc.IP_PKTINFO);
        control.setInt(16, d.ifindex());
        // ipi_spec_dst: the source address (0: the kernel's choice); ipi_addr unused on send
        control.write(20, d.source() == null ? new byte[4] : d.source().getAddress(), 0, 4);
        control.setInt(24, 0);
        sendSlots.setPointer(hdr + 32, control);
        sendSlots.setLong(hdr + 40, CMSG_PKTINFO_SPACE);
      } else {
        sendSlots.setPointer(hdr + 32, null);
        sendSlots.setLong(hdr + 40, 0);
      }
      sendSlots.setInt(hdr + 48, 0);
      sendSlots.setInt(hdr + 56, 0);
    }
  }

  /**
   * Sends (one buffer, so one at a time: packet threads send at once with multi-threading) are
   * synchronized with it.
   */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      Libc.close(fd);
    }
  }

  private static Inet4Address anyAddress() {
    return SockAddr.address(new byte[4], 0);
  }
}
