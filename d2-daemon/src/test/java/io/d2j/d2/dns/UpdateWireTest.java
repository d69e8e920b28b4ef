package io.d2j.d2.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.d2.Fixtures;
import io.d2j.d2.domain.DdnsDomain;
import io.d2j.d2.transaction.Direction;
import io.d2j.d2.transaction.Step;
import io.d2j.d2.transaction.TransactionKind;
import io.d2j.ncr.ChangeType;
import io.d2j.ncr.ConflictResolutionMode;
import io.d2j.ncr.NameChangeRequest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.Name;
import org.xbill.DNS.Update;

/**
 * d2j's UPDATE renderer against dnsjava's {@code Message.toWire}: the same octets, compression
 * pointers included, for every step of every transaction kind, both address families, names in
 * mixed case, the wildcard zone, several steps in one message and messages past the 16 KiB that
 * compression pointers can reach.
 */
class UpdateWireTest {

  private static final String[] FQDNS = {
    "host1.example.org.",
    "Host1.EXAMPLE.org",
    "a.b.c.d.example.org.",
    "example.org.",
    "x.other.net."
  };

  static Stream<Arguments> shapes() {
    List<Arguments> out = new ArrayList<>();
    for (TransactionKind kind : TransactionKind.values()) {
      for (Step step : Step.values()) {
        for (String fqdn : FQDNS) {
          for (String ip : new String[] {"192.0.2.10", "2001:db8::abcd"}) {
            out.add(Arguments.of(kind, step, fqdn, ip));
          }
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2} {3}")
  @MethodSource("shapes")
  void everyStepOfEveryKind_rendersTheOctetsDnsjavaRenders(
      TransactionKind kind, Step step, String fqdn, String ip) {
    NameChangeRequest ncr =
        Fixtures.ncr(
            kind.isAdd() ? ChangeType.ADD : ChangeType.REMOVE,
            ConflictResolutionMode.CHECK_WITH_DHCID,
            fqdn,
            ip,
            Fixtures.DHCID_A);
    for (DdnsDomain domain : domains(step, ip)) {
      int id = 0xBEEF;
      Update reference = UpdateMessages.build(kind, step, ncr, domain);
      reference.getHeader().setID(id);

      byte[] ours = UpdateMessages.render(kind, step, ncr, domain, id);

      assertThat(hex(ours)).as(domain.zone()).isEqualTo(hex(reference.toWire()));
    }
  }

  private static List<DdnsDomain> domains(Step step, String ip) {
    if (step.direction() == Direction.FORWARD) {
      return List.of(
          Fixtures.domain("example.org.", "127.0.0.1"),
          Fixtures.domain("EXAMPLE.Org", "127.0.0.1"),
          Fixtures.domain("*", "127.0.0.1"));
    }
    return ip.contains(":")
        ? List.of(
            Fixtures.domain("8.b.d.0.1.0.0.2.ip6.arpa.", "127.0.0.1"),
            Fixtures.domain("IP6.ARPA", "127.0.0.1"))
        : List.of(
            Fixtures.domain("2.0.192.in-addr.arpa.", "127.0.0.1"),
            Fixtures.domain("in-addr.arpa", "127.0.0.1"));
  }

  @ParameterizedTest(name = "{0} steps")
  @ValueSource(ints = {2, 7, 40, 300})
  void manyStepsInOneMessage_includingPastThePointerRange_matchDnsjava(int steps) {
    // 300 reverse steps with DHCIDs pass 16 KiB: names after that point are written in full and
    // not remembered (pointers are 14 bits), exactly as dnsjava does.
    Update reference = new Update(Name.fromConstantString("2.0.192.in-addr.arpa."));
    reference.getHeader().setID(7);
    UpdateWire ours = new UpdateWire("2.0.192.in-addr.arpa.");
    UpdateSink dnsjava = new UpdateMessages.DnsjavaSink(reference);
    for (int i = 0; i < steps; i++) {
      NameChangeRequest ncr =
          Fixtures.ncr(
              ChangeType.ADD,
              ConflictResolutionMode.CHECK_WITH_DHCID,
              "host-" + (i % 97) + (i % 2 == 0 ? ".Example.ORG." : ".example.org."),
              "192.0.2." + (i % 250),
              i % 3 == 0 ? Fixtures.DHCID_A : Fixtures.DHCID_B);
      for (Step step : List.of(Step.REPLACING_REV_PTRS, Step.REMOVING_REV_PTRS)) {
        UpdateMessages.write(TransactionKind.NAME_REMOVE, step, ncr, dnsjava);
        UpdateMessages.write(TransactionKind.NAME_REMOVE, step, ncr, ours);
      }
    }
    byte[] expected = reference.toWire();
    if (steps == 300) {
      assertThat(expected.length).isGreaterThan(0x3FFF);
    }
    assertThat(hex(ours.toWire(7))).isEqualTo(hex(expected));
  }

  @Test
  void escapedAndUnusualNames_goThroughDnsjavasParser() {
    for (String name :
        new String[] {
          "a\\.b.example.org.", "a\\032b.example.org.", "@.example.org.", "_x-y.example.org."
        }) {
      assertThat(hex(WireNames.of(name)))
          .as(name)
          .isEqualTo(hex(Name.fromConstantString(name).toWire()));
    }
    assertThat(WireNames.of(".")).containsExactly(0);
    assertThat(WireNames.of("a.b")).containsExactly(1, 'a', 1, 'b', 0);
  }

  @Test
  void badNames_areRefusedAsDnsjavaRefusesThem() {
    assertThatThrownBy(() -> WireNames.of("a..b.")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WireNames.of("x".repeat(64) + ".org."))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WireNames.of(("abcdefghi.").repeat(26)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
