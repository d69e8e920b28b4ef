package io.d2j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.testkit.FakeDnsServer.Reply;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Update;

class FakeDnsServerIT {

  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final TestKey KEY = TestKey.random("fake-key.", "HMAC-SHA256");

  private FakeDnsServer dns;
  private DatagramSocket client;

  @BeforeEach
  void start() throws IOException {
    dns = FakeDnsServer.start(KEY);
    client = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    client.setSoTimeout(2000);
  }

  @AfterEach
  void stop() {
    client.close();
    dns.close();
  }

  private static Update update(String owner, String ip) throws IOException {
    Name zone = Name.fromString("example.org.");
    Update u = new Update(zone);
    Name name = Name.fromString(owner);
    u.absent(name);
    u.add(new ARecord(name, DClass.IN, 1200, InetAddress.getByName(ip)));
    return u;
  }

  /** Sends {@code m} signed with {@code tsig} (unsigned if null); returns the rendered bytes. */
  private byte[] send(Message m, TSIG tsig) throws IOException {
    if (tsig != null) {
      tsig.apply(m, null); // appends the TSIG RR: m.getTSIG() is then the request's signature
    }
    byte[] wire = m.toWire();
    client.send(new DatagramPacket(wire, wire.length, dns.socketAddress()));
    return wire;
  }

  private byte[] receiveRaw() throws IOException {
    byte[] buf = new byte[65535];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    client.receive(p);
    return java.util.Arrays.copyOf(buf, p.getLength());
  }

  private Message receive() throws IOException {
    return new Message(receiveRaw());
  }

  private boolean nothingArrivesWithin(int millis) throws IOException {
    client.setSoTimeout(millis);
    try {
      receiveRaw();
      return false;
    } catch (SocketTimeoutException e) {
      return true;
    }
  }

  @Test
  void byDefault_answersNoerrorSignedWithTheRequestsKey_andRecordsTheRequest() throws Exception {
    Update u = update("h.example.org.", "192.0.2.10");
    TSIG tsig = KEY.tsig();
    byte[] sent = send(u, tsig);
    byte[] replyWire = receiveRaw();
    Message reply = new Message(replyWire);

    assertThat(reply.getHeader().getID()).isEqualTo(u.getHeader().getID());
    assertThat(reply.getHeader().getFlag(Flags.QR)).isTrue();
    assertThat(reply.getHeader().getOpcode()).isEqualTo(Opcode.UPDATE);
    assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(tsig.verify(reply, replyWire, u.getTSIG())).isEqualTo(Rcode.NOERROR);

    Received r = dns.awaitReceived(1, WAIT).get(0);
    assertThat(r.raw()).isEqualTo(sent);
    assertThat(r.id()).isEqualTo(u.getHeader().getID());
    assertThat(r.zone().getName()).hasToString("example.org.");
    assertThat(r.prerequisites())
        .extracting(Record::toString)
        .containsExactly("h.example.org.\t\t0\tNONE\tANY");
    assertThat(r.updates())
        .extracting(Record::toString)
        .containsExactly("h.example.org.\t\t1200\tIN\tA\t192.0.2.10");
    assertThat(r.tsigKeyName()).contains("fake-key.");
    assertThat(r.tsigAlgorithm()).contains("hmac-sha256.");
    assertThat(r.tsigVerified()).isTrue();
    assertThat(r.from()).isEqualTo(client.getLocalSocketAddress());
  }

  @Test
  void requestSignedWithAnUnknownSecret_isRecordedAsNotVerified() throws Exception {
    send(update("h.example.org.", "192.0.2.10"), TestKey.random("fake-key.", "HMAC-SHA256").tsig());
    receive();
    assertThat(dns.awaitReceived(1, WAIT).get(0).tsigVerified()).isFalse();
  }

  @Test
  void script_answersOneRcodePerRequestInOrder_thenTheFallback() throws Exception {
    dns.script(Reply.rcode(Rcode.YXDOMAIN), Reply.rcode(Rcode.NXDOMAIN))
        .otherwise(Reply.rcode(Rcode.REFUSED));
    List<Integer> rcodes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      send(update("h" + i + ".example.org.", "192.0.2.10"), null);
      rcodes.add(receive().getRcode());
    }
    assertThat(rcodes)
        .containsExactly(Rcode.YXDOMAIN, Rcode.NXDOMAIN, Rcode.REFUSED, Rcode.REFUSED);
    assertThat(dns.received()).hasSize(4);
    assertThat(dns.received().get(3).since(dns.received().get(0))).isPositive();
  }

  @Test
  void silent_neverAnswers() throws Exception {
    dns.otherwise(Reply.silent());
    send(update("h.example.org.", "192.0.2.10"), KEY.tsig());
    dns.awaitReceived(1, WAIT);
    assertThat(nothingArrivesWithin(300)).isTrue();
  }

  @Test
  void garbage_sendsExactlyTheGivenBytes() throws Exception {
    byte[] junk = {1, 2, 3, 4, 5};
    dns.script(Reply.garbage(junk));
    send(update("h.example.org.", "192.0.2.10"), null);
    assertThat(receiveRaw()).isEqualTo(junk);
  }

  @Test
  void wrongIdThen_sendsAReplyWithIdPlusOne_thenTheRightOne() throws Exception {
    dns.script(Reply.wrongIdThen(Rcode.NOERROR));
    Update u = update("h.example.org.", "192.0.2.10");
    send(u, null);
    int id = u.getHeader().getID();
    assertThat(receive().getHeader().getID()).isEqualTo((id + 1) & 0xffff);
    assertThat(receive().getHeader().getID()).isEqualTo(id);
  }

  static Stream<Arguments> faults() {
    return Stream.of(
        Arguments.of("unsigned", Reply.unsigned(Rcode.NOERROR), false, true, Opcode.UPDATE, -1),
        Arguments.of(
            "bad MAC", Reply.badMac(Rcode.NOERROR), true, true, Opcode.UPDATE, Rcode.BADSIG),
        Arguments.of(
            "QR clear",
            Reply.notAResponse(Rcode.NOERROR),
            true,
            false,
            Opcode.UPDATE,
            Rcode.NOERROR),
        Arguments.of(
            "wrong opcode",
            Reply.wrongOpcode(Rcode.NOERROR),
            true,
            true,
            Opcode.QUERY,
            Rcode.NOERROR),
        Arguments.of(
            "correct", Reply.rcode(Rcode.SERVFAIL), true, true, Opcode.UPDATE, Rcode.NOERROR));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void faultyAnswer_departsFromACorrectResponseInExactlyOneWay(
      String what, Reply reply, boolean signed, boolean qr, int opcode, int tsigVerdict)
      throws Exception {
    dns.script(reply);
    Update u = update("h.example.org.", "192.0.2.10");
    TSIG tsig = KEY.tsig();
    send(u, tsig);
    byte[] wire = receiveRaw();
    Message m = new Message(wire);
    assertThat(m.getHeader().getID()).isEqualTo(u.getHeader().getID());
    assertThat(m.getTSIG() != null).as("signed").isEqualTo(signed);
    assertThat(m.getHeader().getFlag(Flags.QR)).as("QR").isEqualTo(qr);
    assertThat(m.getHeader().getOpcode()).as("opcode").isEqualTo(opcode);
    if (signed) {
      assertThat(tsig.verify(m, wire, u.getTSIG())).as("TSIG").isEqualTo(tsigVerdict);
    }
  }

  @Test
  void relayTo_forwardsTheBytesAndReturnsTheUpstreamAnswerUnchanged() throws Exception {
    try (FakeDnsServer upstream = FakeDnsServer.start(KEY)) {
      upstream.otherwise(Reply.rcode(Rcode.YXDOMAIN));
      dns.otherwise(Reply.relayTo(upstream.socketAddress()));
      Update u = update("h.example.org.", "192.0.2.10");
      TSIG tsig = KEY.tsig();
      byte[] sent = send(u, tsig);
      byte[] wire = receiveRaw();
      Message reply = new Message(wire);
      assertThat(reply.getRcode()).isEqualTo(Rcode.YXDOMAIN);
      assertThat(tsig.verify(reply, wire, u.getTSIG())).isEqualTo(Rcode.NOERROR);
      assertThat(upstream.awaitReceived(1, WAIT).get(0).raw()).isEqualTo(sent);
      assertThat(dns.received().get(0).raw()).isEqualTo(sent);
    }
  }

  @Test
  void heldUntil_answersOnlyOnceTheGateOpens_whileLaterRequestsAreAnswered() throws Exception {
    Gate gate = new Gate();
    dns.script(Reply.heldUntil(gate, Reply.rcode(Rcode.NOERROR)));
    Update held = update("held.example.org.", "192.0.2.10");
    send(held, null);
    Update next = update("next.example.org.", "192.0.2.11");
    send(next, null);
    assertThat(receive().getHeader().getID()).isEqualTo(next.getHeader().getID());
    assertThat(nothingArrivesWithin(200)).isTrue();
    gate.open();
    client.setSoTimeout(2000);
    assertThat(receive().getHeader().getID()).isEqualTo(held.getHeader().getID());
    assertThat(gate.openedAtNanos()).isPositive();
  }

  @Test
  void unparseableDatagram_isRecordedAndNotAnswered() throws Exception {
    byte[] junk = {9, 9, 9};
    client.send(new DatagramPacket(junk, junk.length, dns.socketAddress()));
    Received r = dns.awaitReceived(1, WAIT).get(0);
    assertThat(r.parsed()).isFalse();
    assertThat(r.raw()).isEqualTo(junk);
    assertThatThrownBy(r::message)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("datagram of 3 octets did not parse: ");
    assertThat(nothingArrivesWithin(200)).isTrue();
  }

  @Test
  void awaitReceived_timesOutNamingWhatArrived() {
    assertThatThrownBy(() -> dns.awaitReceived(1, Duration.ofMillis(100)))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "timed out after PT0.1S waiting for: 1 datagrams at "
                + dns.socketAddress()
                + " (got 0: [])");
  }

  @Test
  void answerWithAnRcodeBeyondFourBits_isRejected() {
    assertThatThrownBy(() -> Reply.rcode(16))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rcode: must be 0..15 (no EDNS), got 16");
  }

  @Test
  void truncatedOverUdp_thenTheSameRequestOverTcp_isAnsweredLengthPrefixed() throws Exception {
    dns.script(Reply.truncated(Rcode.NOERROR));
    byte[] wire = send(update("tc.example.org.", "192.0.2.9"), null);
    Message udpReply = receive();
    assertThat(udpReply.getHeader().getFlag(Flags.TC)).isTrue();

    try (java.net.Socket tcp = new java.net.Socket(dns.address(), dns.port())) {
      tcp.setSoTimeout(2000);
      var out = new java.io.DataOutputStream(tcp.getOutputStream());
      out.writeShort(wire.length);
      out.write(wire);
      out.flush();
      var in = new java.io.DataInputStream(tcp.getInputStream());
      byte[] reply = new byte[in.readUnsignedShort()];
      in.readFully(reply);
      Message tcpReply = new Message(reply);
      assertThat(tcpReply.getHeader().getFlag(Flags.TC)).isFalse();
      assertThat(tcpReply.getHeader().getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(tcpReply.getHeader().getID()).isEqualTo(new Message(wire).getHeader().getID());
    }
    List<Received> got = dns.received();
    assertThat(got).extracting(Received::tcp).containsExactly(false, true);
    assertThat(got.get(1).raw()).isEqualTo(wire);
  }
}
