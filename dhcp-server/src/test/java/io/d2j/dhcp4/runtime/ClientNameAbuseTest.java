package io.d2j.dhcp4.runtime;

import static io.d2j.dhcp4.alloc.Fixtures.NOW;
import static io.d2j.dhcp4.alloc.Fixtures.SERVER_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.alloc.Fixtures;
import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.dhcp4.config.Subnet4;
import io.d2j.dhcp4.ddns.NcrEmitter;
import io.d2j.dhcp4.handler.PacketContext;
import io.d2j.dhcp4.lease.InMemoryLeaseStore;
import io.d2j.dhcp4.packet.DhcpCodec;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpOptions;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.dhcp4.packet.OptionCodes;
import io.d2j.keaconfig.KeaConfigReader;
import io.d2j.keacontrol.stats.Statistics;
import io.d2j.keacontrol.time.Scheduler;
import io.d2j.ncr.NameChangeRequest;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Abusive client names (issue 16 item 5) through the real packet path: a relayed DISCOVER and
 * REQUEST carrying the option, encoded to a datagram, through {@link QueryBatch} (decoder, chain,
 * lease store, deferred lease events) to the {@link NcrEmitter} and the NCR it hands to its sink.
 * Each row gives the name option the ACK carries and the NCR's FQDN ("-": none).
 *
 * <p>With the default {@code hostname-char-set} every row is what kea-dhcp4 2.2 answers to the same
 * datagrams ({@code ClientNameKeaCrossCheckIT} sends them to it). With sanitising off ({@code
 * hostname-char-set: ""}) Kea passes control characters, spaces, NUL and non-ASCII octets on to D2
 * as {@code \DDD} escapes, in an NCR that is not valid JSON; d2j uses no such name (the rows marked
 * "d2j refuses"). Two more differences with sanitising off, each row giving Kea's NCR: Kea keeps a
 * NUL (d2j removes it whatever the char-set, spec §1.4) and keeps a dot inside a wire label as part
 * of the label (d2j splits there, as sanitising does, spec §2.4 step 3).
 */
class ClientNameAbuseTest {

  /** One query: the name option as sent, and what the ACK and D2 get. */
  record Row(
      String what,
      boolean sanitise,
      int code,
      byte[] payload,
      String reply,
      String ncr,
      String keaNcr) {
    @Override
    public String toString() {
      return (sanitise ? "" : "[sanitising off] ") + what;
    }
  }

  static String rep(char c, int n) {
    return String.valueOf(c).repeat(n);
  }

  static byte[] bytes(String latin1) {
    return latin1.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** An option-81 payload: flags, RCODEs 0, then the name as given (wire or ASCII). */
  static byte[] fqdn(int flags, byte[] name) {
    byte[] out = new byte[3 + name.length];
    out[0] = (byte) flags;
    System.arraycopy(name, 0, out, 3, name.length);
    return out;
  }

  static byte[] wire(String... labels) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (String l : labels) {
      byte[] b = bytes(l);
      out.write(b.length);
      out.writeBytes(b);
    }
    return out.toByteArray();
  }

  static final String A63 = rep('a', 63);
  static final String D63 = rep('d', 63);
  static final String B50 = rep('b', 50);
  static final String C60 = rep('c', 60);
  static final String F60 = rep('f', 60);

  /**
   * The table: each name as the ACK and D2 get it with the default char-set (kea-dhcp4 2.2's
   * answers), and whether d2j refuses it when sanitising is off.
   */
  static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (boolean on : new boolean[] {true, false}) {
      rows.add(
          row(on, "12 control character", 12, bytes("my\u0001host"), "myhost.example.com", true));
      rows.add(
          row(
              on,
              "12 UTF-8 non-ASCII",
              12,
              "caf\u00e9".getBytes(StandardCharsets.UTF_8),
              "caf.example.com",
              true));
      rows.add(row(on, "12 Latin-1 non-ASCII", 12, bytes("caf\u00e9"), "caf.example.com", true));
      // NUL is removed whatever the char-set (spec §1.4; Kea 2.2 keeps it with sanitising off).
      rows.add(
          row(
              on,
              "12 NUL inside",
              12,
              bytes("ab\u0000cd"),
              "abcd.example.com",
              false,
              "ab\\000cd.example.com."));
      rows.add(row(on, "12 space inside", 12, bytes("my host"), "myhost.example.com", true));
      rows.add(row(on, "12 backslash escape", 12, bytes("a\\065b"), "a065b.example.com", true));
      rows.add(row(on, "12 label of 64 octets", 12, bytes(rep('a', 64)), "-", false));
      rows.add(row(on, "12 label of 63 octets", 12, bytes(A63), A63 + ".example.com", false));
      rows.add(
          row(
              on,
              "12 five 50-octet labels (254 characters)",
              12,
              bytes(String.join(".", B50, B50, B50, B50, B50)),
              "-",
              false));
      rows.add(row(on, "12 empty label", 12, bytes("a..b"), "-", false));
      rows.add(
          row(
              on,
              "81 wire, four 60-octet labels, over 255 once qualified",
              81,
              fqdn(0x05, wire(C60, C60, C60, C60)),
              "-",
              false));
      rows.add(
          row(
              on,
              "81 wire, three 63-octet labels",
              81,
              fqdn(0x05, wire(D63, D63, D63)),
              D63 + "." + D63 + "." + D63 + ".example.com.",
              false));
      rows.add(
          row(
              on,
              "81 wire, control and Latin-1 octets",
              81,
              fqdn(0x05, wire("a\u0001b\u00e9")),
              "ab.example.com.",
              true));
      // Sanitising splits on every '.', so a dot inside a wire label separates labels (spec §2.4).
      rows.add(
          row(
              on,
              "81 wire, a dot inside a label",
              81,
              fqdn(0x05, wire("x.y")),
              "x.y.example.com.",
              false,
              "x\\.y.example.com."));
      rows.add(
          row(
              on,
              "81 wire, upper-case Latin-1",
              81,
              fqdn(0x05, wire("A\u00c9")),
              "a.example.com.",
              true));
      rows.add(
          row(
              on,
              "81 ASCII, label of 70 octets: query dropped",
              81,
              fqdn(0x01, bytes(rep('e', 70))),
              "no reply",
              false));
      rows.add(
          row(
              on,
              "81 ASCII, empty label: query dropped",
              81,
              fqdn(0x01, bytes("a..b")),
              "no reply",
              false));
      rows.add(
          row(
              on,
              "81 ASCII, four 60-octet labels, over 255 once qualified",
              81,
              fqdn(0x01, bytes(String.join(".", F60, F60, F60, F60))),
              "-",
              false));
      rows.add(
          row(
              on,
              "81 ASCII, control character",
              81,
              fqdn(0x01, bytes("a\u0001b")),
              "ab.example.com.",
              true));
    }
    return rows;
  }

  /**
   * @param reply the ACK's name with the default char-set ("-": no name option; "no reply": the
   *     query is dropped); the NCR carries it, absolute
   * @param refusedWhenOff with sanitising off, d2j uses no name (no option, no NCR)
   */
  private static Row row(
      boolean sanitise,
      String what,
      int code,
      byte[] payload,
      String reply,
      boolean refusedWhenOff) {
    return row(sanitise, what, code, payload, reply, refusedWhenOff, null);
  }

  /**
   * @param keaNcrWhenOff the NCR FQDN kea-dhcp4 2.2 sends with sanitising off where it differs from
   *     d2j's without d2j refusing the name (null: no difference)
   */
  private static Row row(
      boolean sanitise,
      String what,
      int code,
      byte[] payload,
      String reply,
      boolean refusedWhenOff,
      String keaNcrWhenOff) {
    boolean refused = !sanitise && refusedWhenOff;
    String r = refused ? "-" : reply;
    String ncr = r.equals("-") || r.equals("no reply") ? "-" : r.endsWith(".") ? r : r + ".";
    String kea = refused ? "any NCR" : !sanitise && keaNcrWhenOff != null ? keaNcrWhenOff : ncr;
    return new Row(what + (refused ? " (d2j refuses)" : ""), sanitise, code, payload, r, ncr, kea);
  }

  private static final String CONFIG =
      """
      {"Dhcp4": {
        "valid-lifetime": 3600,
        "dhcp-ddns": {"enable-updates": true},
        "ddns-qualifying-suffix": "example.com",
        %s
        "subnet4": [{"id": 1, "subnet": "10.0.0.0/24", "relay": {"ip-addresses": ["192.0.2.1"]},
                     "pools": [{"pool": "10.0.0.10 - 10.0.0.200"}]}]
      }}
      """;

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void aClientName_isSanitisedOrDropped_andNeverReachesD2Raw(Row row) {
    Dhcp4Config config =
        Dhcp4ConfigParser.parse(
            KeaConfigReader.parse(
                CONFIG.formatted(row.sanitise() ? "" : "\"hostname-char-set\": \"\","),
                "test.json"),
            Path.of("/tmp"));
    List<NameChangeRequest> sent = new ArrayList<>();
    NcrEmitter.Sink sink =
        new NcrEmitter.Sink() {
          @Override
          public CompletableFuture<Void> send(NameChangeRequest ncr) {
            sent.add(ncr);
            return CompletableFuture.completedFuture(null);
          }

          @Override
          public void close() {}
        };
    Scheduler never =
        new Scheduler() {
          @Override
          public Timer schedule(Duration delay, Runnable task) {
            throw new AssertionError("no retries expected");
          }

          @Override
          public void execute(Runnable task) {
            throw new AssertionError("no retries expected");
          }
        };
    Statistics stats = new Statistics(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    NcrEmitter emitter =
        new NcrEmitter(id -> config.subnet(id).map(Subnet4::ddns), sink, stats, never, 1);
    QueryBatch<String> batch =
        QueryBatch.assemble(config, new InMemoryLeaseStore(), emitter, stats);
    Octets mac = Octets.parseColonHex("02:00:00:00:10:01");

    Optional<DhcpPacket> offer =
        send(batch, relayed(mac, DhcpMessageType.DISCOVER, row, Optional.empty()));
    if (row.reply().equals("no reply")) {
      assertThat(offer).isEmpty();
      assertThat(stats.value("pkt4-receive-drop")).isZero();
      assertThat(sent).isEmpty();
      return;
    }
    DhcpPacket ack =
        send(
                batch,
                relayed(
                    mac, DhcpMessageType.REQUEST, row, Optional.of(offer.orElseThrow().yiaddr())))
            .orElseThrow();
    assertThat(ack.messageType()).contains(DhcpMessageType.ACK);

    assertThat(replyName(ack, row.code())).isEqualTo(row.reply());
    assertThat(sent.stream().map(n -> n.fqdn().text()).findFirst().orElse("-"))
        .isEqualTo(row.ncr());
    assertThat(sent).hasSizeLessThanOrEqualTo(1);
    assertThat(stats.value("ncr-build-failed")).isZero();
  }

  /** The ACK's name option as text: option 12 as is, option 81's name with a trailing dot. */
  private static String replyName(DhcpPacket ack, int code) {
    if (code == 12) {
      return ack.options().hostName().orElse("-");
    }
    Optional<Octets> o = ack.options().get(OptionCodes.CLIENT_FQDN);
    if (o.isEmpty()) {
      return "-";
    }
    return io.d2j.dhcp4.ddns.ClientFqdn.decode(o.get()).name() + ".";
  }

  private static Optional<DhcpPacket> send(QueryBatch<String> batch, DhcpPacket query) {
    return batch
        .process(
            List.of(
                new QueryBatch.Query<>(
                    DhcpCodec.encode(query, 1500),
                    "q",
                    "test",
                    new PacketContext(NOW, SERVER_ID, List.of()))))
        .stream()
        .findFirst()
        .map(QueryBatch.Answer::reply);
  }

  static DhcpPacket relayed(
      Octets mac, DhcpMessageType type, Row row, Optional<Inet4Address> requested) {
    DhcpOptions.Builder b =
        DhcpOptions.builder().messageType(type).put(row.code(), Octets.of(row.payload()));
    requested.ifPresent(
        a ->
            b.address(OptionCodes.SERVER_IDENTIFIER, SERVER_ID)
                .address(OptionCodes.REQUESTED_ADDRESS, a));
    DhcpPacket p = DhcpPacket.request(0x4242, mac, b.build());
    return new DhcpPacket(
        p.op(),
        p.htype(),
        p.hlen(),
        1,
        p.xid(),
        0,
        0,
        DhcpPacket.ANY,
        DhcpPacket.ANY,
        DhcpPacket.ANY,
        Fixtures.ip("192.0.2.1"),
        p.chaddr(),
        p.sname(),
        p.file(),
        p.options());
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
