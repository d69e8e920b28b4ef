package io.d2j.testkit;

import io.d2j.testkit.FakeDnsServer.Reply;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;

/** Turns a {@link Reply} into the datagrams to send back. Blocks for held and relayed replies. */
final class Replies {
  /** How long a relayed request waits for the upstream's answer. */
  static final Duration RELAY_TIMEOUT = Duration.ofSeconds(5);

  /** How long a held reply waits for its gate at most (longer than any test). */
  static final Duration HOLD_LIMIT = Duration.ofMinutes(5);

  private Replies() {}

  static List<byte[]> render(Reply reply, Received request, Map<Name, TSIG> keys)
      throws IOException {
    if (reply instanceof Reply.Silent) {
      return List.of();
    } else if (reply instanceof Reply.Garbage g) {
      if (!g.afterId()) {
        return List.of(g.bytes());
      }
      byte[] tail = g.bytes();
      byte[] out = new byte[2 + tail.length];
      System.arraycopy(request.raw(), 0, out, 0, Math.min(2, request.raw().length));
      System.arraycopy(tail, 0, out, 2, tail.length);
      return List.of(out);
    } else if (reply instanceof Reply.HangUp h) {
      return render(h.first(), request, keys); // over UDP there is no connection to close
    } else if (reply instanceof Reply.Relay r) {
      return request.tcp() ? relayTcp(request.raw(), r) : relay(request.raw(), r);
    } else if (reply instanceof Reply.Held h) {
      try {
        if (!h.release().await(HOLD_LIMIT)) {
          return List.of();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return List.of();
      }
      return render(h.then(), request, keys);
    } else if (reply instanceof Reply.Answer a) {
      return answer(a, request, keys);
    }
    throw new IllegalArgumentException("unknown reply " + reply);
  }

  private static List<byte[]> answer(Reply.Answer a, Received request, Map<Name, TSIG> keys) {
    if (!request.parsed()) {
      return List.of(); // nothing to echo an ID from
    }
    byte[] right = response(a, request, request.id(), keys);
    if (a.fault() == Reply.Fault.WRONG_ID_FIRST) {
      return List.of(response(a, request, (request.id() + 1) & 0xffff, keys), right);
    }
    return List.of(right);
  }

  /**
   * RFC 2136 §3.8: the response echoes the header and zone section; prerequisite and update
   * sections are empty. Signed (RFC 8945 §5.3) when the request was signed with a known key.
   */
  private static byte[] response(Reply.Answer a, Received request, int id, Map<Name, TSIG> keys) {
    Message response = new Message(id);
    if (a.fault() != Reply.Fault.QR_CLEAR) {
      response.getHeader().setFlag(Flags.QR);
    }
    if (a.fault() == Reply.Fault.TRUNCATED) {
      response.getHeader().setFlag(Flags.TC);
    }
    response.getHeader().setOpcode(a.opcode());
    response.getHeader().setRcode(a.rcode());
    for (Record zone : request.message().getSection(Section.ZONE)) {
      response.addRecord(zone, Section.ZONE);
    }
    TSIGRecord requestTsig = request.message().getTSIG();
    TSIG key = requestTsig == null ? null : keys.get(requestTsig.getName());
    if (key != null && a.fault() != Reply.Fault.UNSIGNED) {
      TSIGRecord sig = key.generate(response, response.toWire(), Rcode.NOERROR, requestTsig);
      if (a.fault() == Reply.Fault.BAD_MAC) {
        sig = flipFirstMacBit(sig);
      }
      response.addRecord(sig, Section.ADDITIONAL);
    }
    return response.toWire();
  }

  private static TSIGRecord flipFirstMacBit(TSIGRecord sig) {
    byte[] mac = sig.getSignature().clone();
    mac[0] ^= 0x01;
    return new TSIGRecord(
        sig.getName(),
        DClass.ANY,
        0,
        sig.getAlgorithm(),
        sig.getTimeSigned(),
        sig.getFudge(),
        mac,
        sig.getOriginalID(),
        sig.getError(),
        sig.getOther());
  }

  /** Over a TCP connection of its own, as it came (a message over 512 octets stays on TCP). */
  private static List<byte[]> relayTcp(byte[] request, Reply.Relay r) throws IOException {
    try (java.net.Socket upstream = new java.net.Socket()) {
      upstream.connect(r.upstream(), (int) RELAY_TIMEOUT.toMillis());
      upstream.setSoTimeout((int) RELAY_TIMEOUT.toMillis());
      java.io.DataOutputStream out = new java.io.DataOutputStream(upstream.getOutputStream());
      out.writeShort(request.length);
      out.write(request);
      out.flush();
      java.io.DataInputStream in = new java.io.DataInputStream(upstream.getInputStream());
      byte[] answer = new byte[in.readUnsignedShort()];
      in.readFully(answer);
      return List.of(answer);
    } catch (SocketTimeoutException e) {
      return List.of();
    }
  }

  private static List<byte[]> relay(byte[] request, Reply.Relay r) throws IOException {
    try (DatagramSocket upstream = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      upstream.setSoTimeout((int) RELAY_TIMEOUT.toMillis());
      upstream.send(new DatagramPacket(request, request.length, r.upstream()));
      byte[] buf = new byte[65535];
      DatagramPacket answer = new DatagramPacket(buf, buf.length);
      upstream.receive(answer);
      return List.of(Arrays.copyOf(buf, answer.getLength()));
    } catch (SocketTimeoutException e) {
      return List.of();
    }
  }
}
