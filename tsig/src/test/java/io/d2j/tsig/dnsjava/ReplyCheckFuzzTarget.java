package io.d2j.tsig.dnsjava;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.d2j.tsig.TsigAlgorithm;
import io.d2j.tsig.TsigKeySpec;
import io.d2j.tsig.TsigSecret;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Update;

/**
 * Jazzer target: any datagram that arrives as the reply to one of D2's UPDATEs is judged by {@link
 * SignedRequest#check} exactly as the D2's DNS client judges it, for a TSIG-signed request and for
 * an unsigned one. It never throws, and it calls nothing valid that is not a response to this
 * request (same ID, QR set, opcode UPDATE; signed whenever the request was). Seeds: NOERROR,
 * NXRRSET and YXRRSET replies with the request's ID, and one with a TSIG whose MAC is wrong.
 */
class ReplyCheckFuzzTarget {
  static final int ID = 0x2136;
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final SignedRequest SIGNED;
  private static final SignedRequest UNSIGNED;

  static {
    TsigKeySpec key =
        new TsigKeySpec(
            "d2j-key.",
            TsigAlgorithm.HMAC_SHA256,
            0,
            TsigSecret.fromBase64("LSWXnfkKZjdPJI5QxlpnfQ=="));
    SIGNED = new TsigSigner(key, CLOCK).sign(update());
    UNSIGNED = TsigSigner.unsigned(update());
  }

  private static Update update() {
    try {
      Name zone = Name.fromConstantString("example.org.");
      Update u = new Update(zone);
      u.getHeader().setID(ID);
      u.add(
          new ARecord(
              Name.fromConstantString("h1.example.org."),
              DClass.IN,
              1200,
              InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 10})));
      return u;
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void check(byte[] reply) {
    judge(SIGNED, reply, true);
    judge(UNSIGNED, reply, false);
  }

  private static void judge(SignedRequest request, byte[] reply, boolean signed) {
    ReplyCheck check = request.check(reply);
    if (check instanceof ReplyCheck.Valid v) {
      assertThat(v.reply().getHeader().getID()).isEqualTo(ID);
      assertThat(v.reply().getHeader().getFlag(Flags.QR)).isTrue();
      assertThat(v.reply().getHeader().getOpcode()).isEqualTo(Opcode.UPDATE);
      if (signed) {
        assertThat(v.signed()).isTrue();
      }
    } else {
      assertThat(((ReplyCheck.Invalid) check).detail()).isNotBlank();
    }
  }
}
