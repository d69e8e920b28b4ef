package io.d2j.d2.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.d2.Fixtures;
import io.d2j.d2.domain.DdnsDomain;
import io.d2j.d2.transaction.Direction;
import io.d2j.d2.transaction.Step;
import io.d2j.d2.transaction.TransactionKind;
import io.d2j.ncr.ChangeType;
import io.d2j.ncr.ConflictResolutionMode;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.testkit.BindServer;
import io.d2j.testkit.TestKey;
import io.d2j.testkit.TestZones;
import io.d2j.tsig.TsigKeySpec;
import io.d2j.tsig.dnsjava.ReplyCheck;
import io.d2j.tsig.dnsjava.SignedRequest;
import io.d2j.tsig.dnsjava.TsigSigner;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * UPDATEs rendered by {@link UpdateWire} and signed by {@link TsigSigner#signRendered}, sent to a
 * real BIND: it verifies every one's TSIG, parses every step of every kind (no FORMERR), applies
 * them with the RFC 2136 outcomes the steps are built for, and signs replies that verify.
 */
class UpdateWireBindIT {

  private static final Set<Integer> PARSED =
      Set.of(Rcode.NOERROR, Rcode.YXDOMAIN, Rcode.YXRRSET, Rcode.NXRRSET, Rcode.NXDOMAIN);

  private static BindServer bind;
  private static TsigSigner signer;

  @BeforeAll
  static void startBind() throws Exception {
    BindServer.assumeAvailable();
    TestKey key = TestKey.random("wire-key.", "HMAC-SHA256");
    bind = BindServer.start(key);
    signer =
        new TsigSigner(
            TsigKeySpec.of(key.name(), key.keaAlgorithm(), 0, key.secretBase64()),
            Clock.systemUTC());
  }

  @AfterAll
  static void stopBind() {
    if (bind != null) {
      bind.close();
    }
  }

  @Test
  void anAddThenAConflictThenARemove_haveTheOutcomesOfRfc4703() throws Exception {
    NameChangeRequest first = ncr(ChangeType.ADD, "Wire-1.example.org.", Fixtures.DHCID_A);
    NameChangeRequest other = ncr(ChangeType.ADD, "wire-1.EXAMPLE.org.", Fixtures.DHCID_B);
    NameChangeRequest remove = ncr(ChangeType.REMOVE, "wire-1.example.org.", Fixtures.DHCID_A);

    assertThat(send(TransactionKind.NAME_ADD, Step.ADDING_FWD_ADDRS, first))
        .isEqualTo(Rcode.NOERROR);
    assertThat(send(TransactionKind.NAME_ADD, Step.REPLACING_REV_PTRS, first))
        .isEqualTo(Rcode.NOERROR);
    assertThat(bind.query("wire-1.example.org.", Type.A)).hasSize(1);
    assertThat(bind.query("10.2.0.192.in-addr.arpa.", Type.PTR)).hasSize(1);
    // another client: the name is in use, and its DHCID is not ours
    assertThat(send(TransactionKind.NAME_ADD, Step.ADDING_FWD_ADDRS, other))
        .isEqualTo(Rcode.YXDOMAIN);
    assertThat(send(TransactionKind.NAME_ADD, Step.REPLACING_FWD_ADDRS, other))
        .isEqualTo(Rcode.NXRRSET);

    assertThat(send(TransactionKind.NAME_REMOVE, Step.REMOVING_FWD_ADDRS, remove))
        .isEqualTo(Rcode.NOERROR);
    assertThat(send(TransactionKind.NAME_REMOVE, Step.REMOVING_FWD_RRS, remove))
        .isEqualTo(Rcode.NOERROR);
    assertThat(send(TransactionKind.NAME_REMOVE, Step.REMOVING_REV_PTRS, remove))
        .isEqualTo(Rcode.NOERROR);
    assertThat(bind.query("wire-1.example.org.", Type.ANY)).isEmpty();
    assertThat(bind.query("10.2.0.192.in-addr.arpa.", Type.PTR)).isEmpty();
  }

  @Test
  void everyStepOfEveryKind_bothFamilies_isParsedAndItsSignatureVerified() throws Exception {
    int n = 0;
    for (String ip : List.of("192.0.2.77", "2001:db8::77")) {
      for (TransactionKind kind : TransactionKind.values()) {
        for (Step step : Step.values()) {
          NameChangeRequest ncr =
              Fixtures.ncr(
                  kind.isAdd() ? ChangeType.ADD : ChangeType.REMOVE,
                  ConflictResolutionMode.CHECK_WITH_DHCID,
                  "all-" + (n++ % 5) + ".example.org.",
                  ip,
                  n % 2 == 0 ? Fixtures.DHCID_A : Fixtures.DHCID_B);
          assertThat(send(kind, step, ncr)).as(kind + " " + step + " " + ip).isIn(PARSED);
        }
      }
    }
  }

  private static NameChangeRequest ncr(ChangeType type, String fqdn, String dhcid) {
    return Fixtures.ncr(type, ConflictResolutionMode.CHECK_WITH_DHCID, fqdn, "192.0.2.10", dhcid);
  }

  /** The step rendered, signed and sent over UDP; BIND's RCODE once its signed reply verified. */
  private static int send(TransactionKind kind, Step step, NameChangeRequest ncr) throws Exception {
    DdnsDomain domain =
        Fixtures.domain(
            step.direction() == Direction.FORWARD
                ? TestZones.FORWARD
                : ncr.address().getAddress().length == 4
                    ? TestZones.REVERSE_V4
                    : TestZones.REVERSE_V6,
            "127.0.0.1");
    int id = java.util.concurrent.ThreadLocalRandom.current().nextInt(0x10000);
    SignedRequest request = signer.signRendered(UpdateMessages.render(kind, step, ncr, domain, id));
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(5000);
      byte[] wire = request.wire();
      socket.send(new DatagramPacket(wire, wire.length, bind.socketAddress()));
      byte[] buffer = new byte[4096];
      DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
      socket.receive(reply);
      ReplyCheck check = request.check(java.util.Arrays.copyOf(reply.getData(), reply.getLength()));
      assertThat(check).as(kind + " " + step).isInstanceOf(ReplyCheck.Valid.class);
      ReplyCheck.Valid valid = (ReplyCheck.Valid) check;
      assertThat(valid.signed()).isTrue();
      return valid.reply().getRcode();
    }
  }
}
