package io.d2j.ncr.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.ncr.ChangeType;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.ncr.NcrFraming;
import io.d2j.ncr.NcrJsonCodec;
import io.d2j.ncr.ack.NcrAck;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Ack mode against a fake d2j D2 on loopback that drops the first N datagrams, then acks. */
class NcrUdpSenderAckIT {
  private static final NcrJsonCodec CODEC =
      NcrJsonCodec.of(
          NcrJsonCodec.Shape.KEA_3_1_6,
          Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC));

  private static final AckPolicy FAST =
      new AckPolicy(Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(10));

  /** Drops the first {@code drop} datagrams it receives, acks every later one. */
  private static final class FakeD2 implements AutoCloseable {
    final DatagramSocket socket;
    final AtomicInteger received = new AtomicInteger();
    final ConcurrentHashMap<String, AtomicInteger> perBody = new ConcurrentHashMap<>();
    final int drop;
    final Thread thread;

    /** Null: datagrams are plain framed NCRs. Else each is checked, and its outcome kept. */
    final io.d2j.ncr.auth.NcrVerifier verifier;

    final List<io.d2j.ncr.auth.NcrVerifier.Outcome> outcomes =
        java.util.Collections.synchronizedList(new ArrayList<>());

    FakeD2(int drop) throws SocketException {
      this(drop, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null);
    }

    FakeD2(int drop, InetSocketAddress at) throws SocketException {
      this(drop, at, null);
    }

    FakeD2(int drop, io.d2j.ncr.auth.NcrVerifier verifier) throws SocketException {
      this(drop, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), verifier);
    }

    FakeD2(int drop, InetSocketAddress at, io.d2j.ncr.auth.NcrVerifier verifier)
        throws SocketException {
      this.drop = drop;
      this.verifier = verifier;
      this.socket = new DatagramSocket(at);
      this.thread = new Thread(this::serve, "fake-d2");
      thread.setDaemon(true);
      thread.start();
    }

    InetSocketAddress address() {
      return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    private void serve() {
      byte[] buf = new byte[70_000];
      while (!socket.isClosed()) {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
          socket.receive(p);
          byte[] datagram = Arrays.copyOf(p.getData(), p.getLength());
          if (verifier != null) {
            io.d2j.ncr.auth.NcrVerifier.Check c = verifier.check(datagram, 0, datagram.length);
            outcomes.add(c.outcome());
            datagram = Arrays.copyOf(datagram, c.framedLength());
          }
          perBody
              .computeIfAbsent(
                  new String(
                      datagram, 2, datagram.length - 2, java.nio.charset.StandardCharsets.UTF_8),
                  k -> new AtomicInteger())
              .incrementAndGet();
          if (received.incrementAndGet() <= drop) {
            continue;
          }
          byte[] ack = NcrAck.forDatagram(datagram).encode();
          socket.send(new DatagramPacket(ack, ack.length, p.getSocketAddress()));
        } catch (java.io.IOException e) {
          return;
        }
      }
    }

    @Override
    public void close() {
      socket.close();
    }
  }

  private FakeD2 d2;

  @AfterEach
  void stop() {
    if (d2 != null) {
      d2.close();
    }
  }

  /**
   * Polls until {@code condition} holds, failing after 10 s (no testkit here: it depends on us).
   */
  private static void awaitUntil(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(5);
    }
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

  @Test
  void signed_everyTransmissionVerifies_noRetransmissionIsAReplay_andTheAckMatches()
      throws Exception {
    io.d2j.ncr.auth.NcrAuthKey key =
        new io.d2j.ncr.auth.NcrAuthKey(
            "ncr-key", "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    d2 =
        new FakeD2(
            2,
            new io.d2j.ncr.auth.NcrVerifier(
                List.of(key), Duration.ofSeconds(30), Clock.systemUTC()));
    try (NcrUdpSender sender =
        NcrUdpSender.openAcked(d2.address(), CODEC, 16, FAST)
            .signWith(new io.d2j.ncr.auth.NcrSigner(key, Clock.systemUTC()))) {
      sender.send(ncr("signed")).get(10, TimeUnit.SECONDS);
      assertThat(d2.received.get()).isGreaterThanOrEqualTo(3);
      assertThat(d2.outcomes).containsOnly(io.d2j.ncr.auth.NcrVerifier.Outcome.SIGNED);
      assertThat(d2.perBody).hasSize(1);
    }
  }

  @Test
  void firstTwoDatagramsLost_futureCompletesAfterTheThirdSend() throws Exception {
    d2 = new FakeD2(2);
    try (NcrUdpSender sender = NcrUdpSender.openAcked(d2.address(), CODEC, 16, FAST)) {
      CompletableFuture<Void> done = sender.send(ncr("lost-twice"));
      done.get(10, TimeUnit.SECONDS);
      // Two lost, the third acked (a slow ack may let one more retransmission out first).
      assertThat(d2.received.get()).isGreaterThanOrEqualTo(3);
      assertThat(sender.unacked()).isZero();
    }
  }

  @Test
  void manyNcrsSomeLost_eachFutureCompletesOnItsOwnAck() throws Exception {
    d2 = new FakeD2(15);
    List<CompletableFuture<Void>> all = new ArrayList<>();
    try (NcrUdpSender sender = NcrUdpSender.openAcked(d2.address(), CODEC, 100, FAST)) {
      for (int i = 0; i < 50; i++) {
        all.add(sender.send(ncr("host" + i)));
      }
      CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).get(10, TimeUnit.SECONDS);
      assertThat(d2.perBody).hasSize(50);
      // Each of the 15 lost datagrams was sent again at least once.
      assertThat(d2.received.get()).isGreaterThanOrEqualTo(65);
      assertThat(sender.unacked()).isZero();
    }
  }

  @Test
  void neverAcked_failsAtTheDeadlineNamingTheNcrAndTheSends() throws Exception {
    d2 = new FakeD2(Integer.MAX_VALUE);
    AckPolicy policy =
        new AckPolicy(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofSeconds(2));
    NameChangeRequest ncr = ncr("never");
    try (NcrUdpSender sender = NcrUdpSender.openAcked(d2.address(), CODEC, 16, policy)) {
      CompletableFuture<Void> done = sender.send(ncr);
      assertThatThrownBy(() -> done.get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(NcrSendException.class)
          .hasMessageStartingWith(
              "NCR "
                  + ncr.requestId()
                  + " to "
                  + d2.address()
                  + " not acknowledged: no ack within PT2S after ");
      // 50, 100, 100, ... ms waits until the 2 s deadline: about 20 sends; at least 4 even when a
      // loaded machine delays the retransmit timer (a 300 ms deadline gave 3 at load average 7).
      assertThat(d2.received.get()).isGreaterThanOrEqualTo(4);
      assertThat(sender.unacked()).isZero();
    }
  }

  @Test
  void closedBeforeTheAck_futureFailsAsClosed() throws Exception {
    d2 = new FakeD2(Integer.MAX_VALUE);
    NameChangeRequest ncr = ncr("closed");
    CompletableFuture<Void> done;
    try (NcrUdpSender sender = NcrUdpSender.openAcked(d2.address(), CODEC, 16, AckPolicy.DEFAULT)) {
      done = sender.send(ncr);
      awaitUntil(() -> d2.received.get() >= 1);
    }
    assertThatThrownBy(() -> done.get(10, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(NcrSendException.class)
        .hasMessage(
            "NCR "
                + ncr.requestId()
                + " to "
                + d2.address()
                + " not acknowledged: sender is closed");
  }

  @Test
  void noD2ListeningYet_retransmitsUntilOneAppears() throws Exception {
    // The port is free at first (ICMP port unreachable); the D2 starts later on the same port.
    FakeD2 probe = new FakeD2(0);
    InetSocketAddress address = probe.address();
    probe.close();
    try (NcrUdpSender sender = NcrUdpSender.openAcked(address, CODEC, 16, FAST)) {
      CompletableFuture<Void> done = sender.send(ncr("late-d2"));
      assertThat(done).isNotDone();
      d2 = new FakeD2(0, address);
      done.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void plainMode_unchanged_completesOnceWrittenWithoutAnyAck() throws Exception {
    d2 = new FakeD2(Integer.MAX_VALUE);
    try (NcrUdpSender sender = NcrUdpSender.open(d2.address(), CODEC, 16)) {
      sender.send(ncr("plain")).get(10, TimeUnit.SECONDS);
      assertThat(sender.unacked()).isZero();
    }
  }

  @Test
  void policy_rejectsAMaxBelowInitial() {
    assertThatThrownBy(
            () ->
                new AckPolicy(Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("max: must be at least initial (PT1S), got PT0.01S");
  }

  @Test
  void policy_next_doublesUpToMax() {
    AckPolicy p =
        new AckPolicy(Duration.ofMillis(200), Duration.ofMillis(700), Duration.ofSeconds(5));
    assertThat(p.next(Duration.ofMillis(200))).isEqualTo(Duration.ofMillis(400));
    assertThat(p.next(Duration.ofMillis(400))).isEqualTo(Duration.ofMillis(700));
    assertThat(p.next(Duration.ofMillis(700))).isEqualTo(Duration.ofMillis(700));
  }

  @Test
  void outbox_unackedNcrsOfAClosedSender_areSentAgainByTheNextOne_thenForgotten() throws Exception {
    Path outbox = java.nio.file.Files.createTempDirectory("d2j-outbox").resolve("ncr.outbox");
    d2 = new FakeD2(Integer.MAX_VALUE);
    List<CompletableFuture<Void>> first = new ArrayList<>();
    try (NcrUdpSender sender =
        NcrUdpSender.openAcked(d2.address(), CODEC, 16, AckPolicy.DEFAULT, outbox)) {
      assertThat(sender.recovered()).isEmpty();
      for (int i = 0; i < 3; i++) {
        first.add(sender.send(ncr("outbox" + i)));
      }
      // All three NCRs seen, not three datagrams: on a loaded host a retransmission of the first
      // can arrive before the third is sent, and the first D2 then never saw the third.
      awaitUntil(() -> d2.perBody.size() >= 3);
    }
    assertThat(first).allMatch(CompletableFuture::isCompletedExceptionally);
    Set<String> lostBodies = Set.copyOf(d2.perBody.keySet());
    d2.close();

    d2 = new FakeD2(0);
    try (NcrUdpSender sender =
        NcrUdpSender.openAcked(d2.address(), CODEC, 16, AckPolicy.DEFAULT, outbox)) {
      assertThat(sender.recovered()).hasSize(3);
      CompletableFuture.allOf(sender.recovered().toArray(new CompletableFuture<?>[0]))
          .get(10, TimeUnit.SECONDS);
      // The very bytes of the first run, so the D2 sees the same NCRs (and the same ack ids).
      assertThat(d2.perBody.keySet()).isEqualTo(lostBodies);
      sender.send(ncr("fresh")).get(10, TimeUnit.SECONDS);
    }
    try (NcrUdpSender sender =
        NcrUdpSender.openAcked(d2.address(), CODEC, 16, AckPolicy.DEFAULT, outbox)) {
      assertThat(sender.recovered()).isEmpty();
    }
  }

  @Test
  void outbox_tornLastLine_isIgnored() throws Exception {
    Path outbox = java.nio.file.Files.createTempDirectory("d2j-outbox").resolve("ncr.outbox");
    byte[] datagram = NcrFraming.encode(ncr("kept"), CODEC);
    java.nio.file.Files.writeString(
        outbox, "S " + java.util.HexFormat.of().formatHex(datagram) + "\nS 00zz");
    d2 = new FakeD2(0);
    try (NcrUdpSender sender =
        NcrUdpSender.openAcked(d2.address(), CODEC, 16, AckPolicy.DEFAULT, outbox)) {
      assertThat(sender.recovered()).hasSize(1);
      sender.recovered().get(0).get(10, TimeUnit.SECONDS);
      assertThat(d2.perBody).hasSize(1);
    }
  }
}
