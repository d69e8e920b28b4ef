package io.d2j.bench;

import io.d2j.testkit.Ports;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One DHCPv4 server process: start-to-serving (exec to the first OFFER for a relayed DISCOVER),
 * then a perfdhcp rate search (a step passes when ≥ 99 % of DISCOVERs and REQUESTs are answered),
 * with CPU per 1,000 leases and peak RSS.
 */
public final class DhcpSession implements AutoCloseable {

  /** The search: steps, best passing report, CPU per 1,000 acknowledged leases. */
  public record Result(
      List<Perfdhcp.Report> steps,
      Perfdhcp.Report best,
      double cpuMsPer1000,
      double startupMs,
      double peakRssMib,
      long acks,
      long ncrs) {}

  private final DhcpImpl impl;
  private final Path dir;
  private final Daemon daemon;
  private final int serverPort;
  private final int replyPort;
  private final NcrSink sink;
  private double startupMs;

  private DhcpSession(
      DhcpImpl impl, Path dir, Daemon daemon, int serverPort, int replyPort, NcrSink sink) {
    this.impl = impl;
    this.sink = sink;
    this.dir = dir;
    this.daemon = daemon;
    this.serverPort = serverPort;
    this.replyPort = replyPort;
  }

  /**
   * @param ddns DDNS on: NCRs go to an {@link NcrSink} that counts them
   */
  public static DhcpSession start(DhcpImpl impl, Path root, String javaOpts, boolean ddns)
      throws IOException {
    return start(impl, root, javaOpts, ddns, null, "", null);
  }

  /**
   * As {@link #start(DhcpImpl, Path, String, boolean)}, the server starting on a copy of {@code
   * leases} (a Kea 2.2 lease file; null: none).
   */
  public static DhcpSession start(
      DhcpImpl impl, Path root, String javaOpts, boolean ddns, Path leases) throws IOException {
    return start(impl, root, javaOpts, ddns, null, "", leases);
  }

  /**
   * @param leaseDatabase the {@code lease-database} map; null for memfile in the session's dir
   */
  public static DhcpSession start(
      DhcpImpl impl, Path root, String javaOpts, boolean ddns, String leaseDatabase)
      throws IOException {
    return start(impl, root, javaOpts, ddns, leaseDatabase, "", null);
  }

  /**
   * @param leaseDatabase the {@code lease-database} map; null for memfile in the session's dir
   * @param extra more global {@code Dhcp4} entries, each ending in a comma (e.g. {@link
   *     DhcpImpl#multiThreading})
   * @param leases a Kea 2.2 lease file the server starts on a copy of; null: none
   */
  public static DhcpSession start(
      DhcpImpl impl,
      Path root,
      String javaOpts,
      boolean ddns,
      String leaseDatabase,
      String extra,
      Path leases)
      throws IOException {
    Path dir = TempDirs.create("d2j-bench-dhcp4-" + impl.name().toLowerCase(Locale.ROOT) + "-");
    if (leases != null) {
      Files.copy(leases, dir.resolve("leases4.csv"));
    }
    int serverPort = Ports.freeUdpPort();
    int replyPort = Ports.freeUdpPort();
    NcrSink sink = ddns ? NcrSink.open() : null;
    String config =
        DhcpImpl.config(
            dir,
            sink == null ? 0 : sink.port(),
            leaseDatabase == null ? DhcpImpl.memfile(dir) : leaseDatabase,
            extra);
    Daemon daemon = impl.start(root, dir, config, serverPort, replyPort, javaOpts);
    DhcpSession session = new DhcpSession(impl, dir, daemon, serverPort, replyPort, sink);
    try {
      // A server loading a big lease file answers only once it is loaded: wait long enough.
      session.awaitServing(leases == null ? 30 : 600);
    } catch (IOException | RuntimeException e) {
      session.close();
      throw e;
    }
    return session;
  }

  /** A relayed DISCOVER every 20 ms until one is answered ({@code seconds} at most). */
  private void awaitServing(int seconds) throws IOException {
    try (DatagramSocket socket =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), replyPort))) {
      socket.setSoTimeout(20);
      byte[] discover = discover();
      InetSocketAddress server =
          new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort);
      long deadline = System.nanoTime() + seconds * 1_000_000_000L;
      byte[] buf = new byte[1500];
      while (System.nanoTime() - deadline < 0) {
        socket.send(new DatagramPacket(discover, discover.length, server));
        try {
          socket.receive(new DatagramPacket(buf, buf.length));
          startupMs = (System.nanoTime() - daemon.startedNanos()) / 1e6;
          return;
        } catch (SocketTimeoutException e) {
          if (!daemon.isAlive()) {
            throw new IOException(impl.label() + " exited; log:\n" + daemon.logTail(30));
          }
        }
      }
    }
    throw new IOException(
        impl.label() + " answered no DISCOVER in " + seconds + " s:\n" + daemon.logTail(30));
  }

  /** BOOTREQUEST DISCOVER as a relay sends it (RFC 2131 §4.1): giaddr 127.0.0.1, hops 1. */
  static byte[] discover() {
    ByteBuffer b = ByteBuffer.allocate(300);
    b.put((byte) 1).put((byte) 1).put((byte) 6).put((byte) 1); // op, htype, hlen, hops
    b.putInt(0x0d2f0001); // xid
    b.putShort((short) 0).putShort((short) 0); // secs, flags
    b.putInt(0).putInt(0).putInt(0); // ciaddr, yiaddr, siaddr
    b.put(new byte[] {127, 0, 0, 1}); // giaddr
    b.put(new byte[] {0x02, 0x0d, 0x2f, 0, 0, 1}).put(new byte[10]); // chaddr
    b.put(new byte[64 + 128]); // sname, file
    b.put(new byte[] {99, (byte) 130, 83, 99}); // magic cookie
    b.put(new byte[] {53, 1, 1, (byte) 255}); // DHCPDISCOVER, end
    return java.util.Arrays.copyOf(b.array(), b.position());
  }

  /**
   * perfdhcp steps of {@code seconds} each, as {@code stepper} directs, after one cold step at the
   * stepper's first rate. The cold step is reported (the first of {@link Result#steps}) but not fed
   * to the stepper: a server that is still warming up fails it, and a failure there would cap the
   * whole warm search below that rate (runs A and B in docs/benchmarks.md ended at 937/s that way,
   * for both servers in places). CPU and acks count every step.
   */
  public Result search(RateStepper stepper, int seconds) throws IOException, InterruptedException {
    double cpu0 = daemon.cpuSeconds();
    long ncrs0 = sink == null ? 0 : sink.received();
    List<Perfdhcp.Report> steps = new ArrayList<>();
    Perfdhcp.Report best = null;
    long acks = 0;
    boolean cold = true;
    while (!stepper.done()) {
      Perfdhcp.Report r = Perfdhcp.run(stepper.current(), seconds, 200_000, serverPort, replyPort);
      steps.add(r);
      acks += r.acks();
      // perfdhcp counts a reply later than its drop time (1 s) as a drop, so 99 % answered also
      // means the server kept up with the offered rate.
      boolean passed = r.answered() >= 0.99;
      System.out.printf(
          "    %-18s %s %6d/s: %.0f exchanges/s, %.2f%% answered %s%n",
          impl.label(),
          cold ? "cold" : "step",
          r.rate(),
          r.exchangesPerSecond(),
          r.answered() * 100,
          passed ? "pass" : "FAIL");
      if (passed && (best == null || r.exchangesPerSecond() > best.exchangesPerSecond())) {
        best = r;
      }
      if (!cold) {
        stepper.record(passed);
      }
      cold = false;
    }
    double cpuMs = (daemon.cpuSeconds() - cpu0) * 1000;
    if (sink != null) {
      Thread.sleep(1_000); // NCRs of the last step still on their way
    }
    long ncrs = sink == null ? -1 : sink.received() - ncrs0;
    return new Result(
        steps,
        best,
        acks == 0 ? Double.NaN : cpuMs * 1000 / acks,
        startupMs,
        daemon.peakRssMib(),
        acks,
        ncrs);
  }

  /** Start to serving (exec to the first OFFER), ms. */
  public double startupMs() {
    return startupMs;
  }

  /** The server process. */
  public Daemon daemon() {
    return daemon;
  }

  /** {@code perfdhcp -r rate -p seconds -R clients} against the server, once. */
  public Perfdhcp.Report load(int rate, int seconds, int clients)
      throws IOException, InterruptedException {
    return Perfdhcp.run(rate, seconds, clients, serverPort, replyPort);
  }

  @Override
  public void close() {
    daemon.close();
    if (sink != null) {
      sink.close();
    }
    TempDirs.release(dir);
  }
}
