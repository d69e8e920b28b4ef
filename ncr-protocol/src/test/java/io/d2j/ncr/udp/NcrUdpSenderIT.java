package io.d2j.ncr.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.ncr.ChangeType;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.ncr.NcrFraming;
import io.d2j.ncr.NcrJsonCodec;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NcrUdpSenderIT {
  private static final NcrJsonCodec CODEC =
      NcrJsonCodec.of(
          NcrJsonCodec.Shape.KEA_3_1_6,
          Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC));

  private DatagramSocket d2;
  private InetSocketAddress d2Address;

  @BeforeEach
  void listen() throws Exception {
    d2 = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    d2.setSoTimeout(5000);
    d2Address = (InetSocketAddress) d2.getLocalSocketAddress();
  }

  @AfterEach
  void stop() {
    d2.close();
  }

  private static NameChangeRequest ncr(String host) {
    return NameChangeRequest.builder()
        .type(ChangeType.ADD)
        .fqdn(host + ".example.com")
        .address("192.0.2.10")
        .dhcid("000101020304")
        .leaseLength(900)
        .build();
  }

  private byte[] receive() throws Exception {
    DatagramPacket p = new DatagramPacket(new byte[70_000], 70_000);
    d2.receive(p);
    return Arrays.copyOfRange(p.getData(), p.getOffset(), p.getOffset() + p.getLength());
  }

  /** A writer thread that starts working only when the test opens the gate. */
  private static ThreadFactory gated(CountDownLatch gate) {
    return r ->
        new Thread(
            () -> {
              try {
                gate.await();
              } catch (InterruptedException e) {
                return;
              }
              r.run();
            });
  }

  @Test
  void send_deliversTheFramedJsonFromALoopbackPort() throws Exception {
    try (NcrUdpSender sender = NcrUdpSender.open(d2Address, CODEC, 8)) {
      sender.send(ncr("h1")).get(5, TimeUnit.SECONDS);
      DatagramPacket p = new DatagramPacket(new byte[1000], 1000);
      d2.receive(p);
      byte[] got = Arrays.copyOf(p.getData(), p.getLength());
      String json =
          "{\"change-type\":0,\"forward-change\":true,\"reverse-change\":true,\"fqdn\":\"h1.example.com.\","
              + "\"ip-address\":\"192.0.2.10\",\"dhcid\":\"000101020304\",\"lease-length\":900,"
              + "\"conflict-resolution-mode\":\"check-with-dhcid\"}";
      assertThat(got).isEqualTo(NcrFraming.frame(json));
      assertThat(p.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    }
  }

  @Test
  void send_manyRequests_arriveInOrder() throws Exception {
    try (NcrUdpSender sender = NcrUdpSender.open(d2Address, CODEC, 100)) {
      CompletableFuture<?>[] all = new CompletableFuture<?>[20];
      for (int i = 0; i < all.length; i++) {
        all[i] = sender.send(ncr("h" + i));
      }
      CompletableFuture.allOf(all).get(5, TimeUnit.SECONDS);
      for (int i = 0; i < all.length; i++) {
        byte[] got = receive();
        assertThat(NcrFraming.decode(got, 0, got.length, CODEC).fqdn().text())
            .isEqualTo("h" + i + ".example.com.");
      }
      assertThat(sender.queued()).isZero();
    }
  }

  @Test
  void send_queueFull_failsTheRequestNamingTheLimit() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    try (NcrUdpSender sender = NcrUdpSender.open(d2Address, CODEC, 2, gated(gate))) {
      CompletableFuture<Void> first = sender.send(ncr("a"));
      CompletableFuture<Void> second = sender.send(ncr("b"));
      CompletableFuture<Void> third = sender.send(ncr("c"));
      assertThat(sender.queued()).isEqualTo(2);
      assertThatThrownBy(() -> third.get(5, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(NcrSendException.class)
          .hasMessage(
              "NCR 000101020304 to "
                  + d2Address
                  + " not sent: send queue is full (2 requests waiting)");
      gate.countDown();
      CompletableFuture.allOf(first, second).get(5, TimeUnit.SECONDS);
      for (String host : new String[] {"a", "b"}) {
        byte[] got = receive();
        assertThat(NcrFraming.decode(got, 0, got.length, CODEC)).isEqualTo(ncr(host));
      }
    } finally {
      gate.countDown();
    }
  }

  @Test
  void close_failsEveryPendingRequestAndLaterSends() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    NcrUdpSender sender = NcrUdpSender.open(d2Address, CODEC, 4, gated(gate));
    CompletableFuture<Void> first = sender.send(ncr("a"));
    CompletableFuture<Void> second = sender.send(ncr("b"));
    sender.close();
    gate.countDown();
    String closed = "NCR 000101020304 to " + d2Address + " not sent: sender is closed";
    for (CompletableFuture<Void> f : Arrays.asList(first, second, sender.send(ncr("c")))) {
      assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
          .cause()
          .isInstanceOf(NcrSendException.class)
          .hasMessage(closed);
    }
    assertThat(sender.queued()).isZero();
  }

  @Test
  void send_toAClosedPort_reportsTheSocketErrorToTheCaller() throws Exception {
    InetSocketAddress nobody = d2Address;
    d2.close();
    try (NcrUdpSender sender = NcrUdpSender.open(nobody, CODEC, 8)) {
      // The kernel reports the ICMP port-unreachable of one datagram on a later write to the
      // connected socket; keep sending until the error surfaces.
      NcrSendException failure = null;
      for (int i = 0; i < 10_000 && failure == null; i++) {
        try {
          sender.send(ncr("h")).get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          failure = (NcrSendException) e.getCause();
        }
      }
      assertThat(failure).isNotNull();
      assertThat(failure.getMessage())
          .startsWith("NCR 000101020304 to " + nobody + " not sent: socket error: ");
    }
  }

  @Test
  void open_withALocalAddress_sendsFromIt() throws Exception {
    int port;
    try (DatagramSocket probe =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      port = probe.getLocalPort();
    }
    InetSocketAddress local = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    try (NcrUdpSender sender = NcrUdpSender.open(d2Address, local, CODEC, 8)) {
      sender.send(ncr("h1")).get(5, TimeUnit.SECONDS);
      DatagramPacket p = new DatagramPacket(new byte[1000], 1000);
      d2.receive(p);
      assertThat(p.getSocketAddress()).isEqualTo(local);
    }
  }

  @Test
  void open_ipv6Loopback_bindsIpv6Loopback() throws Exception {
    DatagramSocket d2v6;
    try {
      d2v6 =
          new DatagramSocket(
              new InetSocketAddress(
                  InetAddress.getByAddress(
                      new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}),
                  0));
    } catch (java.net.SocketException e) {
      Assumptions.abort("no IPv6 loopback here: " + e.getMessage());
      return;
    }
    try (d2v6) {
      d2v6.setSoTimeout(5000);
      try (NcrUdpSender sender =
          NcrUdpSender.open((InetSocketAddress) d2v6.getLocalSocketAddress(), CODEC, 1)) {
        sender.send(ncr("v6")).get(5, TimeUnit.SECONDS);
        DatagramPacket p = new DatagramPacket(new byte[1000], 1000);
        d2v6.receive(p);
        assertThat(p.getAddress().isLoopbackAddress()).isTrue();
        assertThat(p.getLength()).isEqualTo(NcrFraming.encode(ncr("v6"), CODEC).length);
      }
    }
  }
}
