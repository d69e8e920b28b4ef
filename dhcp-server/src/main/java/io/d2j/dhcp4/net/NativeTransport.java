package io.d2j.dhcp4.net;

import com.sun.jna.Memory;
import io.d2j.dhcp4.config.InterfacesConfig;
import io.d2j.dhcp4.log.Dhcp4Log;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * Per-interface I/O on Linux: the {@link PktinfoSocket} for every served interface, plus a {@link
 * PacketSocket} on each in raw mode. The packet thread polls them all (and an eventfd that wakes it
 * for a change of interfaces or for close); every datagram is given to the served interface it
 * belongs to, and every reply leaves by it:
 *
 * <ul>
 *   <li>raw mode, direct client: by the interface's packet socket, as a frame to the client's
 *       hardware address (IP unicast to yiaddr or ciaddr) or to the link broadcast;
 *   <li>udp mode (and loopback), direct client: by the UDP socket with IP_PKTINFO naming the
 *       interface (a broadcast leaves there, not by the default route);
 *   <li>a relay: by the UDP socket, routed; {@code same-as-inbound} pins it to the interface the
 *       query arrived on, {@code use-routing} leaves the choice to the routing table.
 * </ul>
 *
 * <p>In raw mode a query arrives twice (packet socket and UDP socket); the UDP copy is dropped
 * unless it arrived on an interface that has no packet socket (loopback, or a relay's query for one
 * of our addresses that came in by an interface not served).
 */
public final class NativeTransport implements Transport {

  private final PktinfoSocket udp;
  private final int wake;
  private final InterfacesConfig.Outbound outbound;
  private final BiConsumer<String, String> lost;
  private final Queue<Runnable> changes = new ConcurrentLinkedQueue<>();

  /**
   * Changed by the receiving thread only; read by {@link #send}, which packet threads of a
   * multi-threaded server call at the same time (a socket closed meanwhile refuses the send).
   */
  private final Map<Integer, PacketSocket> packets = new ConcurrentHashMap<>();

  private volatile Map<Integer, ListenPlan.Served> byIndex = Map.of();
  private volatile Map<Inet4Address, ListenPlan.Served> byAddress = Map.of();

  /** Packet thread only: the poll set, rebuilt when the sockets change. */
  private Memory pollfds;

  private List<PacketSocket> polled = List.of();
  private int next;
  private volatile boolean closing;
  private volatile Thread owner;
  private boolean released;

  private NativeTransport(
      PktinfoSocket udp,
      int wake,
      InterfacesConfig.Outbound outbound,
      BiConsumer<String, String> lost) {
    this.udp = udp;
    this.wake = wake;
    this.outbound = outbound;
    this.lost = lost;
  }

  /** Whether this platform has what it needs (Linux libc through JNA). */
  public static boolean available() {
    return System.getProperty("os.name", "").startsWith("Linux") && Libc.available();
  }

  /**
   * Opens the UDP socket on {@code port} (0: any).
   *
   * @param lost told (interface name, reason) from the packet thread when a served interface's
   *     socket fails for good (the interface went away); it is no longer served
   */
  public static NativeTransport open(
      int port, InterfacesConfig.Outbound outbound, BiConsumer<String, String> lost)
      throws NativeIoException {
    PktinfoSocket udp = PktinfoSocket.open(port, 4 << 20);
    int wake = Libc.eventfd(0, Libc.EFD_NONBLOCK | Libc.EFD_CLOEXEC);
    if (wake < 0) {
      udp.close();
      throw NativeIoException.last("eventfd");
    }
    return new NativeTransport(udp, wake, outbound, lost);
  }

  /** Opens a packet socket on {@code nic} for this transport's port (any thread). */
  public PacketSocketHandle openPacketSocket(NetInterface nic) throws NativeIoException {
    return new PacketSocketHandle(PacketSocket.open(nic.index(), udp.port()));
  }

  /** A packet socket opened for a later {@link #serve}; closes it when never handed over. */
  public static final class PacketSocketHandle {
    private final PacketSocket socket;

    private PacketSocketHandle(PacketSocket socket) {
      this.socket = socket;
    }

    public void discard() {
      socket.close();
    }
  }

  /**
   * Serves {@code served} from now on (any thread): interfaces not in it are dropped (their packet
   * sockets closed), {@code opened} packet sockets join the poll set.
   */
  public void serve(List<ListenPlan.Served> served, Map<Integer, PacketSocketHandle> opened) {
    Map<Integer, ListenPlan.Served> index = new HashMap<>();
    Map<Inet4Address, ListenPlan.Served> address = new HashMap<>();
    for (ListenPlan.Served s : served) {
      index.put(s.nic().index(), s);
      for (Inet4Address a : s.addresses()) {
        address.putIfAbsent(a, s);
      }
    }
    byIndex = Map.copyOf(index);
    byAddress = Map.copyOf(address);
    changes.add(
        () -> {
          for (Map.Entry<Integer, PacketSocketHandle> e : opened.entrySet()) {
            PacketSocket old = packets.put(e.getKey(), e.getValue().socket);
            if (old != null) {
              old.close();
            }
          }
          packets
              .entrySet()
              .removeIf(
                  e -> {
                    ListenPlan.Served s = index.get(e.getKey());
                    if (s == null || !s.packetSocket()) {
                      e.getValue().close();
                      return true;
                    }
                    return false;
                  });
          pollfds = null;
        });
    signal();
  }

  /** The interfaces served now. */
  public List<ListenPlan.Served> served() {
    return List.copyOf(byIndex.values());
  }

  @Override
  public boolean receive(List<Inbound> into, int max) {
    owner = Thread.currentThread();
    while (true) {
      Runnable change;
      while ((change = changes.poll()) != null) {
        change.run();
      }
      if (closing) {
        release();
        return false;
      }
      if (pollfds == null) {
        rebuildPollSet();
      }
      int n = polled.size() + 2;
      int ready = Libc.poll(pollfds, n, -1);
      if (ready < 0) {
        int errno = Libc.errno();
        if (errno != Libc.EINTR) {
          Dhcp4Log.DHCP4_PACKET_RECEIVE_FAIL.log(Libc.describe("poll", errno));
        }
        continue;
      }
      if (revents(0) != 0) {
        Libc.read(wake, new byte[8], 8);
        continue; // changes or close first
      }
      if (revents(1) != 0) {
        readUdp(into, max);
      }
      for (int k = 0; k < polled.size() && into.size() < max; k++) {
        int i = (next + k) % polled.size();
        if (revents(i + 2) != 0) {
          readPacket(polled.get(i), into, max);
        }
      }
      next = polled.isEmpty() ? 0 : (next + 1) % polled.size();
      if (!into.isEmpty()) {
        return true;
      }
    }
  }

  private void rebuildPollSet() {
    polled = new ArrayList<>(packets.values());
    pollfds = new Memory(8L * (polled.size() + 2));
    pollfds.clear();
    pollfds.setInt(0, wake);
    pollfds.setShort(4, Libc.POLLIN);
    pollfds.setInt(8, udp.fd());
    pollfds.setShort(12, Libc.POLLIN);
    for (int i = 0; i < polled.size(); i++) {
      pollfds.setInt(8L * (i + 2), polled.get(i).fd());
      pollfds.setShort(8L * (i + 2) + 4, Libc.POLLIN);
    }
  }

  private short revents(int i) {
    return pollfds.getShort(8L * i + 6);
  }

  /** A UDP datagram's link-layer source: none (Inbound never changes it; one for all). */
  private static final byte[] NO_MAC = new byte[0];

  /** Datagrams of one {@code recvmmsg}; the receiving thread's, reused. */
  private final List<PktinfoSocket.Received> taken = new ArrayList<>(PktinfoSocket.SLOTS);

  /**
   * Reads what the UDP socket holds, up to {@code max} in {@code into}, a batch per {@code
   * recvmmsg}: a call that returns fewer than it asked for found the socket empty, and the next
   * poll tells of what arrives later, so no call is spent only to learn that nothing is left.
   */
  private void readUdp(List<Inbound> into, int max) {
    while (into.size() < max) {
      int want = max - into.size();
      taken.clear();
      int n;
      try {
        n = udp.receive(taken, want);
      } catch (NativeIoException e) {
        Dhcp4Log.DHCP4_PACKET_RECEIVE_FAIL.log(e.getMessage());
        return;
      }
      for (int i = 0; i < taken.size(); i++) { // indexed: C1 allocates iterators
        admitUdp(taken.get(i), into);
      }
      if (n < Math.min(want, PktinfoSocket.SLOTS)) {
        return;
      }
    }
  }

  private void admitUdp(PktinfoSocket.Received r, List<Inbound> into) {
    ListenPlan.Served via = byIndex.get(r.ifindex());
    if (via != null && packets.containsKey(r.ifindex())) {
      return; // the packet socket of that interface has it
    }
    if (via == null && r.destination() != null) {
      via = byAddress.get(r.destination()); // a relay reaching one of our addresses elsewhere
    }
    if (via == null) {
      Dhcp4Log.DHCP4_PACKET_DROP_NOT_SERVED.log(
          r.source().getHostAddress(),
          r.port(),
          r.destination() == null ? "?" : r.destination().getHostAddress(),
          r.ifindex());
      return;
    }
    into.add(
        new Inbound(
            r.payload(),
            Optional.of(via),
            r.ifindex(),
            r.source(),
            r.port(),
            r.destination(),
            NO_MAC));
  }

  private void readPacket(PacketSocket socket, List<Inbound> into, int max) {
    ListenPlan.Served via = byIndex.get(socket.ifindex());
    while (into.size() < max) {
      PacketSocket.Received r;
      try {
        r = socket.receive();
      } catch (NativeIoException e) {
        if (e.errno() == Libc.ENETDOWN || e.errno() == Libc.ENODEV || e.errno() == Libc.ENXIO) {
          String name = via == null ? "ifindex " + socket.ifindex() : via.nic().name();
          socket.close();
          packets.remove(socket.ifindex());
          Map<Integer, ListenPlan.Served> index = new HashMap<>(byIndex);
          index.remove(socket.ifindex());
          byIndex = Map.copyOf(index);
          Map<Inet4Address, ListenPlan.Served> address = new HashMap<>(byAddress);
          address.values().removeIf(s -> s.nic().index() == socket.ifindex());
          byAddress = Map.copyOf(address);
          pollfds = null;
          lost.accept(name, e.getMessage());
        } else {
          Dhcp4Log.DHCP4_PACKET_RECEIVE_FAIL.log(e.getMessage());
        }
        return;
      }
      if (r == null) {
        return;
      }
      if (r == PacketSocket.SKIP || via == null || !forUs(via, r.datagram().destination())) {
        continue;
      }
      Ipv4Udp.Datagram d = r.datagram();
      into.add(
          new Inbound(
              d.payload(),
              Optional.of(via),
              socket.ifindex(),
              d.source(),
              d.sourcePort(),
              d.destination(),
              r.sourceMac()));
    }
  }

  /** Limited broadcast, one of the interface's addresses, or a broadcast of one of its prefixes. */
  private static boolean forUs(ListenPlan.Served via, Inet4Address destination) {
    byte[] d = destination.getAddress();
    if ((d[0] & d[1] & d[2] & d[3]) == -1) {
      return true;
    }
    for (NetInterface.Address a : via.nic().addresses()) {
      if (a.address().equals(destination)) {
        return true;
      }
      int host = a.prefixLength() >= 32 ? 0 : -1 >>> a.prefixLength();
      int mine = ByteBuffer.wrap(a.address().getAddress()).getInt();
      int theirs = ByteBuffer.wrap(d).getInt();
      if (host != 0 && (mine | host) == theirs) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void send(Outbound reply) throws NativeIoException {
    PktinfoSocket.Datagram d = udpDatagram(reply);
    if (d != null) {
      udp.send(d.payload(), d.to(), d.port(), d.ifindex(), d.source());
      return;
    }
    // By the packet socket of the interface the query arrived on (udpDatagram's null).
    Inbound in = reply.inReplyTo();
    ListenPlan.Served via = in.via().orElseThrow();
    byte[] mac = reply.clientMac().length == 6 ? reply.clientMac() : in.sourceMac();
    packets
        .get(via.nic().index())
        .send(
            reply.payload(),
            via.serverId(in.destination()),
            udp.port(),
            reply.to(),
            reply.port(),
            mac);
  }

  /**
   * As {@link #send} each, but the replies that leave by the UDP socket go out together, a {@code
   * sendmmsg} for each run of them between replies by a packet socket (order is kept).
   */
  @Override
  public void sendAll(List<Outbound> replies, BiConsumer<Outbound, Exception> done) {
    List<Outbound> run = new ArrayList<>(replies.size());
    List<PktinfoSocket.Datagram> datagrams = new ArrayList<>(replies.size());
    for (Outbound reply : replies) {
      try {
        PktinfoSocket.Datagram d = udpDatagram(reply);
        if (d != null) {
          run.add(reply);
          datagrams.add(d);
          continue;
        }
        flush(run, datagrams, done);
        send(reply);
        done.accept(reply, null);
      } catch (NativeIoException | RuntimeException e) {
        done.accept(reply, e);
      }
    }
    flush(run, datagrams, done);
  }

  private void flush(
      List<Outbound> run,
      List<PktinfoSocket.Datagram> datagrams,
      BiConsumer<Outbound, Exception> done) {
    if (run.isEmpty()) {
      return;
    }
    NativeIoException[] failed = udp.sendAll(datagrams);
    for (int i = 0; i < run.size(); i++) {
      done.accept(run.get(i), failed[i]);
    }
    run.clear();
    datagrams.clear();
  }

  /**
   * The reply as a datagram for the UDP socket (a relayed reply from the address the query reached,
   * out of its arrival interface with {@code outbound-interface: same-as-inbound}; a direct one out
   * of its arrival interface from the server identifier); null when it leaves by the packet socket
   * of the interface it arrived on.
   */
  private PktinfoSocket.Datagram udpDatagram(Outbound reply) {
    Inbound in = reply.inReplyTo();
    ListenPlan.Served via = in.via().orElseThrow();
    int arrival = in.arrivalIndex() != 0 ? in.arrivalIndex() : via.nic().index();
    if (reply.relayed()) {
      Inet4Address source =
          in.destination() != null && byAddress.containsKey(in.destination())
              ? in.destination()
              : null;
      int oif = outbound == InterfacesConfig.Outbound.SAME_AS_INBOUND ? arrival : 0;
      return new PktinfoSocket.Datagram(reply.payload(), reply.to(), reply.port(), oif, source);
    }
    PacketSocket raw = arrival == via.nic().index() ? packets.get(arrival) : null;
    if (raw != null) {
      return null;
    }
    return new PktinfoSocket.Datagram(
        reply.payload(), reply.to(), reply.port(), arrival, via.serverId(in.destination()));
  }

  @Override
  public int port() {
    return udp.port();
  }

  @Override
  public String describe() {
    Map<Integer, ListenPlan.Served> now = byIndex;
    return "UDP 0.0.0.0:"
        + udp.port()
        + " with IP_PKTINFO, serving "
        + (now.isEmpty()
            ? "no interface"
            : now.values().stream()
                .map(s -> s.nic().name() + (s.packetSocket() ? " (raw)" : " (udp)"))
                .sorted()
                .collect(Collectors.joining(", ")));
  }

  private void signal() {
    byte[] one = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(1).array();
    Libc.write(wake, one, 8);
  }

  @Override
  public void close() {
    closing = true;
    if (owner == null) {
      release();
    } else {
      signal();
    }
  }

  /** Closes every socket: by the packet thread on its way out, or by close() if it never ran. */
  private synchronized void release() {
    if (released) {
      return;
    }
    released = true;
    Runnable change;
    while ((change = changes.poll()) != null) {
      change.run();
    }
    packets.values().forEach(PacketSocket::close);
    packets.clear();
    udp.close();
    Libc.close(wake);
  }
}
