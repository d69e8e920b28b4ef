package io.d2j.tsig.dnsjava;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.tsig.TsigAlgorithm;
import io.d2j.tsig.TsigKeySpec;
import io.d2j.tsig.dnsjava.ReplyCheck.Invalid;
import io.d2j.tsig.dnsjava.ReplyCheck.Reason;
import io.d2j.tsig.dnsjava.ReplyCheck.Valid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

class TsigSignerTest {
  private static final String SECRET = "LSWXnfkKZjdPJI5QxlpnfQ==";
  private static final String OTHER_SECRET = "2u2cUomHiDTCuTIo6EbI6A==";
  private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
  private static final int ID = 4321;

  private final MutableClock clock = new MutableClock(T0);

  /**
   * Algorithm, dnsjava's own constant and JCA name (independent of the code under test),
   * digest-bits.
   */
  static Stream<Arguments> keys() {
    return Stream.of(
        Arguments.of(TsigAlgorithm.HMAC_MD5, TSIG.HMAC_MD5, "HmacMD5", 0),
        Arguments.of(TsigAlgorithm.HMAC_MD5, TSIG.HMAC_MD5, "HmacMD5", 80),
        Arguments.of(TsigAlgorithm.HMAC_SHA1, TSIG.HMAC_SHA1, "HmacSHA1", 0),
        Arguments.of(TsigAlgorithm.HMAC_SHA1, TSIG.HMAC_SHA1, "HmacSHA1", 80),
        Arguments.of(TsigAlgorithm.HMAC_SHA224, TSIG.HMAC_SHA224, "HmacSHA224", 0),
        Arguments.of(TsigAlgorithm.HMAC_SHA224, TSIG.HMAC_SHA224, "HmacSHA224", 112),
        Arguments.of(TsigAlgorithm.HMAC_SHA256, TSIG.HMAC_SHA256, "HmacSHA256", 0),
        Arguments.of(TsigAlgorithm.HMAC_SHA256, TSIG.HMAC_SHA256, "HmacSHA256", 128),
        Arguments.of(TsigAlgorithm.HMAC_SHA384, TSIG.HMAC_SHA384, "HmacSHA384", 0),
        Arguments.of(TsigAlgorithm.HMAC_SHA384, TSIG.HMAC_SHA384, "HmacSHA384", 192),
        Arguments.of(TsigAlgorithm.HMAC_SHA512, TSIG.HMAC_SHA512, "HmacSHA512", 0),
        Arguments.of(TsigAlgorithm.HMAC_SHA512, TSIG.HMAC_SHA512, "HmacSHA512", 256));
  }

  @ParameterizedTest(name = "{0} digest-bits {3}")
  @MethodSource("keys")
  void signedRequest_serverVerifies_andSignedReplyIsValid(
      TsigAlgorithm algorithm, Name dnsjavaName, String jca, int digestBits) {
    TsigKeySpec key = new TsigKeySpec("d2key", algorithm, digestBits, secret(SECRET));
    SignedRequest request = new TsigSigner(key, clock).sign(update());
    ServerSide server = new ServerSide(dnsjavaName, "d2key.", SECRET, jca, clock);

    TSIGRecord sent = ServerSide.parse(request.wire()).getTSIG();
    assertThat(sent.getAlgorithm()).isEqualTo(dnsjavaName);
    assertThat(sent.getSignature()).hasSize(key.macOctets());
    assertThat(server.verifyRequest(request.wire())).isEqualTo(Rcode.NOERROR);

    ReplyCheck check = request.check(server.signedReply(request.wire(), Rcode.NOERROR));

    assertThat(check).isInstanceOf(Valid.class);
    Valid valid = (Valid) check;
    assertThat(valid.signed()).isTrue();
    assertThat(valid.reply().getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(valid.reply().isVerified()).isTrue();
  }

  @ParameterizedTest(name = "{0} digest-bits {3}")
  @MethodSource("keys")
  void truncatedMac_isTheLeftmostOctetsOfTheFullMac(
      TsigAlgorithm algorithm, Name dnsjavaName, String jca, int digestBits) {
    TsigKeySpec full = new TsigKeySpec("d2key", algorithm, 0, secret(SECRET));
    TsigKeySpec cut = new TsigKeySpec("d2key", algorithm, digestBits, secret(SECRET));

    byte[] fullMac = tsigOf(new TsigSigner(full, clock).sign(update())).getSignature();
    byte[] cutMac = tsigOf(new TsigSigner(cut, clock).sign(update())).getSignature();

    assertThat(fullMac).hasSize(algorithm.macBits() / 8);
    assertThat(cutMac).isEqualTo(Arrays.copyOf(fullMac, cut.macOctets()));
  }

  @Test
  void md5_isSentUnderItsRfc8945WireName() {
    SignedRequest request = signer(TsigAlgorithm.HMAC_MD5, 0).sign(update());

    Name algorithm = tsigOf(request).getAlgorithm();
    assertThat(algorithm.toString()).isEqualTo("hmac-md5.sig-alg.reg.int.");
    assertThat(algorithm).isEqualTo(TSIG.HMAC_MD5);
  }

  @Test
  void sign_appendsOneTsigAsLastAdditional_withFudge300_andLeavesTheMessageAlone() {
    Message update = update();
    SignedRequest request = signer(TsigAlgorithm.HMAC_SHA256, 0).sign(update);

    Message parsed = ServerSide.parse(request.wire());
    assertThat(parsed.getHeader().getCount(Section.ADDITIONAL)).isEqualTo(1);
    assertThat(parsed.getOPT()).isNull();
    TSIGRecord tsig = parsed.getTSIG();
    assertThat(tsig.getName()).hasToString("d2key.");
    assertThat(tsig.getFudge()).isEqualTo(Duration.ofMinutes(5));
    assertThat(tsig.getTimeSigned()).isEqualTo(T0);
    assertThat(tsig.getOriginalID()).isEqualTo(ID);
    assertThat(request.id()).isEqualTo(ID);
    assertThat(request.signed()).isTrue();
    assertThat(request.keyName()).contains("d2key.");
    assertThat(update.getTSIG()).isNull();
    assertThat(update.getHeader().getCount(Section.ADDITIONAL)).isZero();
  }

  @ParameterizedTest(name = "{0} digest-bits {3}")
  @MethodSource("keys")
  void signRendered_givesTheOctetsOfSign_forTheSameMessage(
      TsigAlgorithm algorithm, Name dnsjavaName, String jca, int bits) {
    TsigSigner signer = signer(algorithm, bits);
    Message update = update();

    SignedRequest fromMessage = signer.sign(update);
    SignedRequest fromOctets = signer.signRendered(update.toWire());

    assertThat(fromOctets.wire()).isEqualTo(fromMessage.wire());
    assertThat(fromOctets.length()).isEqualTo(fromMessage.wire().length);
    assertThat(fromOctets.id()).isEqualTo(ID);
    // and its reply is judged the same way: the server verifies it, its signed reply is valid
    ServerSide server = new ServerSide(dnsjavaName, "d2key.", SECRET, jca, clock);
    assertThat(server.verifyRequest(fromOctets.wire())).isEqualTo(Rcode.NOERROR);
    assertThat(fromOctets.check(server.signedReply(fromOctets.wire(), Rcode.NOERROR)))
        .isInstanceOf(Valid.class);
  }

  @Test
  void unsignedRendered_keepsTheOctetsAndReadsTheId() {
    byte[] wire = update().toWire();

    SignedRequest request = TsigSigner.unsignedRendered(wire);

    assertThat(request.wire()).isEqualTo(wire);
    assertThat(request.id()).isEqualTo(ID);
    assertThat(request.signed()).isFalse();
    assertThatThrownBy(() -> TsigSigner.unsignedRendered(new byte[11]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("request: 11 octets, shorter than a DNS header");
  }

  @Test
  void sign_messageAlreadySigned_isRejected() {
    TsigSigner signer = signer(TsigAlgorithm.HMAC_SHA256, 0);
    Message signed = ServerSide.parse(signer.sign(update()).wire());

    assertThatThrownBy(() -> signer.sign(signed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("request: already carries a TSIG record");
  }

  @Test
  void tamperedReply_isBadsig() {
    SignedRequest request = signer(TsigAlgorithm.HMAC_SHA256, 0).sign(update());
    byte[] reply = server(SECRET).signedReply(request.wire(), Rcode.REFUSED);
    reply[3] = (byte) ((reply[3] & 0xf0) | Rcode.NOERROR); // REFUSED rewritten to NOERROR in flight

    assertInvalid(
        request.check(reply),
        Reason.BADSIG,
        "reply: rcode NOERROR, TSIG verification failed with BADSIG for key d2key.");
  }

  @Test
  void replySignedWithAnotherSecret_isBadsig() {
    SignedRequest request = signer(TsigAlgorithm.HMAC_SHA256, 0).sign(update());

    assertThat(server(OTHER_SECRET).verifyRequest(request.wire())).isEqualTo(Rcode.BADSIG);
    assertInvalid(
        request.check(server(OTHER_SECRET).signedReply(request.wire(), Rcode.NOERROR)),
        Reason.BADSIG,
        "reply: rcode NOERROR, TSIG verification failed with BADSIG for key d2key.");
  }

  @Test
  void replySignedWithAnotherKeyName_isBadkey() {
    SignedRequest request = signer(TsigAlgorithm.HMAC_SHA256, 0).sign(update());
    ServerSide other = new ServerSide(TSIG.HMAC_SHA256, "other.", SECRET, "HmacSHA256", clock);

    assertInvalid(
        request.check(other.signedReply(request.wire(), Rcode.NOERROR)),
        Reason.BADKEY,
        "reply: rcode NOERROR, TSIG verification failed with BADKEY for key d2key.");
  }

  @Test
  void notauthWithBadsig_fromServer_isInvalidNotValid() {
    SignedRequest request = signer(TsigAlgorithm.HMAC_SHA256, 0).sign(update());
    byte[] reply = server(OTHER_SECRET).errorReply(request.wire(), Rcode.BADSIG);

    assertThat(ServerSide.parse(reply).getTSIG().getSignature()).isEmpty();
    ReplyCheck check = request.check(reply);
    assertInvalid(
        check,
        Reason.BADSIG,
        "reply: rcode NOTAUTH, server reported TSIG error BADSIG for key d2key.");
    assertThat(((Invalid) check).replyOrNull().getRcode()).isEqualTo(Rcode.NOTAUTH);
  }

  @Test
  void notauthWithBadkey_fromServer_isBadkey() {
    SignedRequest request = signer(TsigAlgorithm.HMAC_SHA256, 0).sign(update());

    assertInvalid(
        request.check(server(SECRET).errorReply(request.wire(), Rcode.BADKEY)),
        Reason.BADKEY,
        "reply: rcode NOTAUTH, server reported TSIG error BADKEY for key d2key.");
  }

  @Test
  void badtime_reportedByServer_isBadtime() {
    SignedRequest request = signer(TsigAlgorithm.HMAC_SHA256, 0).sign(update());

    assertInvalid(
        request.check(server(SECRET).errorReply(request.wire(), Rcode.BADTIME)),
        Reason.BADTIME,
        "reply: rcode NOTAUTH, server reported TSIG error BADTIME for key d2key.");
  }

  @Test
  void replySignedOutsideFudge_isBadtime() {
    SignedRequest request = signer(TsigAlgorithm.HMAC_SHA256, 0).sign(update());
    byte[] reply = server(SECRET).signedReply(request.wire(), Rcode.NOERROR);

    clock.advance(Duration.ofSeconds(301));

    assertInvalid(
        request.check(reply),
        Reason.BADTIME,
        "reply: rcode NOERROR, TSIG verification failed with BADTIME for key d2key.");
  }

  @Test
  void replySignedJustInsideFudge_isValid() {
    SignedRequest request = signer(TsigAlgorithm.HMAC_SHA256, 0).sign(update());
    byte[] reply = server(SECRET).signedReply(request.wire(), Rcode.NOERROR);

    clock.advance(Duration.ofMinutes(5));

    assertThat(request.check(reply)).isInstanceOf(Valid.class);
  }

  @Test
  void unsignedReplyToSignedRequest_isUnsigned() {
    SignedRequest request = signer(TsigAlgorithm.HMAC_SHA256, 0).sign(update());

    assertInvalid(
        request.check(ServerSide.unsignedReply(request.wire(), Rcode.REFUSED)),
        Reason.UNSIGNED,
        "reply: rcode REFUSED without TSIG, key d2key.");
  }

  @Test
  void otherId_isIdMismatch() {
    SignedRequest request = signer(TsigAlgorithm.HMAC_SHA256, 0).sign(update());
    byte[] reply = server(SECRET).signedReply(request.wire(), Rcode.NOERROR);
    reply[1] ^= 0x01;

    assertInvalid(
        request.check(reply), Reason.ID_MISMATCH, "reply: id 4320 differs from the request's 4321");
  }

  @Test
  void garbage_isUnparseable() {
    SignedRequest request = signer(TsigAlgorithm.HMAC_SHA256, 0).sign(update());
    byte[] garbage = {0x10, (byte) 0xe1, (byte) 0xa8, 0, 0, 1, 0, 7, 0, 0, 0, 0, 3, 'a', 'b'};

    ReplyCheck check = request.check(garbage);

    assertThat(check).isInstanceOf(Invalid.class);
    assertThat(((Invalid) check).reason()).isEqualTo(Reason.UNPARSEABLE);
    assertThat(((Invalid) check).replyOrNull()).isNull();
  }

  @Test
  void shortOrMissingDatagram_isUnparseable() {
    SignedRequest request = signer(TsigAlgorithm.HMAC_SHA256, 0).sign(update());

    assertInvalid(
        request.check(new byte[] {0x10, (byte) 0xe1, 0}),
        Reason.UNPARSEABLE,
        "reply: 3 octets, shorter than a DNS header");
    assertInvalid(
        request.check(null), Reason.UNPARSEABLE, "reply: 0 octets, shorter than a DNS header");
  }

  @Test
  void qrClear_isNotAResponse() {
    SignedRequest request = signer(TsigAlgorithm.HMAC_SHA256, 0).sign(update());

    assertInvalid(request.check(request.wire()), Reason.NOT_A_RESPONSE, "reply: QR flag is clear");
  }

  @Test
  void queryOpcode_isWrongOpcode() {
    SignedRequest request = signer(TsigAlgorithm.HMAC_SHA256, 0).sign(update());
    Message reply = ServerSide.replyTo(ServerSide.parse(request.wire()), Rcode.NOERROR);
    reply.getHeader().setOpcode(Opcode.QUERY);

    assertInvalid(
        request.check(reply.toWire()), Reason.WRONG_OPCODE, "reply: opcode QUERY, expected UPDATE");
  }

  @Test
  void unsignedRequest_isPlainWire_andAcceptsUnsignedOrSignedReplies() {
    Message update = update();
    SignedRequest request = TsigSigner.unsigned(update);

    assertThat(request.wire()).isEqualTo(update.toWire());
    assertThat(request.signed()).isFalse();
    assertThat(request.keyName()).isEmpty();
    ReplyCheck unsignedCheck =
        request.check(ServerSide.unsignedReply(request.wire(), Rcode.NXRRSET));
    assertThat(unsignedCheck).isInstanceOf(Valid.class);
    assertThat(((Valid) unsignedCheck).signed()).isFalse();
    assertThat(((Valid) unsignedCheck).reply().getRcode()).isEqualTo(Rcode.NXRRSET);

    Message signedReply = ServerSide.replyTo(ServerSide.parse(request.wire()), Rcode.NOERROR);
    new TSIG(TSIG.HMAC_SHA256, Name.fromConstantString("any."), SECRET).apply(signedReply, null);
    ReplyCheck check = request.check(signedReply.toWire());
    assertThat(check).isInstanceOf(Valid.class);
    assertThat(((Valid) check).signed()).isTrue();
  }

  @Test
  void signedRequest_toString_hasNoSecret() {
    TsigSigner signer = signer(TsigAlgorithm.HMAC_SHA256, 0);

    assertThat(signer.toString()).doesNotContain(SECRET);
    assertThat(signer.sign(update())).hasToString("SignedRequest[id=4321, key=d2key.]");
  }

  private static void assertInvalid(ReplyCheck check, Reason reason, String detail) {
    assertThat(check).isInstanceOf(Invalid.class);
    Invalid invalid = (Invalid) check;
    assertThat(invalid.reason()).isEqualTo(reason);
    assertThat(invalid.detail()).isEqualTo(detail);
  }

  private TsigSigner signer(TsigAlgorithm algorithm, int digestBits) {
    return new TsigSigner(new TsigKeySpec("d2key", algorithm, digestBits, secret(SECRET)), clock);
  }

  private ServerSide server(String secret) {
    return new ServerSide(TSIG.HMAC_SHA256, "d2key.", secret, "HmacSHA256", clock);
  }

  private static io.d2j.tsig.TsigSecret secret(String b64) {
    return io.d2j.tsig.TsigSecret.fromBase64(b64);
  }

  private static TSIGRecord tsigOf(SignedRequest request) {
    return ServerSide.parse(request.wire()).getTSIG();
  }

  private static Message update() {
    Update update = new Update(Name.fromConstantString("example.test."));
    try {
      update.add(Name.fromConstantString("h1.example.test."), Type.A, 300, "192.0.2.1");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    update.getHeader().setID(ID);
    return update;
  }
}
