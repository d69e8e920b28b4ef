package io.d2j.tsig.dnsjava;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;

/**
 * Plays the DNS server's half of RFC 8945 with plain dnsjava, independently of the code under test:
 * verifies a request's TSIG and builds the reply a server would send. No sockets.
 */
final class ServerSide {
  private final TSIG key;

  ServerSide(Name algorithm, String keyName, String base64Secret, String jcaName, Clock clock) {
    try {
      this.key =
          new TSIG(
              algorithm,
              Name.fromString(keyName),
              new SecretKeySpec(Base64.getDecoder().decode(base64Secret), jcaName),
              clock);
    } catch (TextParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Parses a request and returns its TSIG verification result as the server sees it. */
  int verifyRequest(byte[] requestWire) {
    return key.verify(parse(requestWire), requestWire, null);
  }

  /**
   * A reply with {@code rcode}, signed over the request MAC, as a server answers a good request.
   */
  byte[] signedReply(byte[] requestWire, int rcode) {
    Message request = parse(requestWire);
    Message reply = replyTo(request, rcode);
    reply.setTSIG(key, Rcode.NOERROR, request.getTSIG());
    return reply.toWire(Message.MAXLENGTH);
  }

  /**
   * A NOTAUTH reply carrying a TSIG with {@code tsigError}; for BADSIG/BADKEY the MAC is empty (RFC
   * 8945 §5.3.2), as BIND sends it.
   */
  byte[] errorReply(byte[] requestWire, int tsigError) {
    Message request = parse(requestWire);
    Message reply = replyTo(request, Rcode.NOTAUTH);
    reply.setTSIG(key, tsigError, request.getTSIG());
    return reply.toWire(Message.MAXLENGTH);
  }

  /** A reply without any TSIG. */
  static byte[] unsignedReply(byte[] requestWire, int rcode) {
    return replyTo(parse(requestWire), rcode).toWire(Message.MAXLENGTH);
  }

  static Message replyTo(Message request, int rcode) {
    Message reply = new Message(request.getHeader().getID());
    reply.getHeader().setFlag(Flags.QR);
    reply.getHeader().setOpcode(Opcode.UPDATE);
    reply.getHeader().setRcode(rcode);
    reply.addRecord(request.getQuestion(), Section.ZONE);
    return reply;
  }

  static Message parse(byte[] wire) {
    try {
      return new Message(wire);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
