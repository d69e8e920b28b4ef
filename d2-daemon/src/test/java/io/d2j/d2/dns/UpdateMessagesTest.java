package io.d2j.d2.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.d2.Fixtures;
import io.d2j.d2.domain.DdnsDomain;
import io.d2j.d2.transaction.Step;
import io.d2j.d2.transaction.TransactionKind;
import io.d2j.ncr.ChangeType;
import io.d2j.ncr.ConflictResolutionMode;
import io.d2j.ncr.NameChangeRequest;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Every step of every kind, record by record, as d2-behaviour.md §7.4-§7.9 and §7.11 give them. */
class UpdateMessagesTest {

  private static final DdnsDomain FWD = Fixtures.domain("example.org.", "127.0.0.1");
  private static final DdnsDomain REV = Fixtures.domain("2.0.192.in-addr.arpa.", "127.0.0.1");
  private static final String D = "AAEBIZG3shr5fg5lbfiHxeLe8w53WKIH7fTMst6Mo3BmAhw=";
  private static final String H = "Host1.Example.org.";
  private static final String REVNAME = "10.2.0.192.in-addr.arpa.";

  private static String render(Message m, int section) {
    return m.getSection(section).stream()
        .map(UpdateMessagesTest::render)
        .collect(Collectors.joining(" | "));
  }

  private static String render(Record r) {
    String rdata = r.rdataToString();
    return (r.getName()
            + " "
            + r.getTTL()
            + " "
            + DClass.string(r.getDClass())
            + " "
            + Type.string(r.getType())
            + (rdata.isEmpty() ? "" : " " + rdata))
        .trim();
  }

  static Stream<Arguments> steps() {
    return Stream.of(
        Arguments.of(
            TransactionKind.NAME_ADD,
            Step.ADDING_FWD_ADDRS,
            H + " 0 NONE ANY",
            H + " 1200 IN A 192.0.2.10 | " + H + " 1200 IN DHCID " + D),
        Arguments.of(
            TransactionKind.NAME_ADD,
            Step.REPLACING_FWD_ADDRS,
            H + " 0 ANY ANY | " + H + " 0 IN DHCID " + D,
            H + " 0 ANY A | " + H + " 1200 IN A 192.0.2.10"),
        Arguments.of(
            TransactionKind.NAME_ADD,
            Step.REPLACING_REV_PTRS,
            "",
            REVNAME
                + " 0 ANY PTR | "
                + REVNAME
                + " 0 ANY DHCID | "
                + REVNAME
                + " 1200 IN PTR "
                + H
                + " | "
                + REVNAME
                + " 1200 IN DHCID "
                + D),
        Arguments.of(
            TransactionKind.CHECK_EXISTS_ADD,
            Step.REPLACING_FWD_ADDRS,
            H + " 0 ANY DHCID",
            H
                + " 0 ANY A | "
                + H
                + " 0 ANY DHCID | "
                + H
                + " 1200 IN A 192.0.2.10 | "
                + H
                + " 1200 IN DHCID "
                + D),
        Arguments.of(
            TransactionKind.SIMPLE_ADD,
            Step.REPLACING_FWD_ADDRS,
            "",
            H
                + " 0 ANY A | "
                + H
                + " 0 ANY DHCID | "
                + H
                + " 1200 IN A 192.0.2.10 | "
                + H
                + " 1200 IN DHCID "
                + D),
        Arguments.of(
            TransactionKind.SIMPLE_ADD_WITHOUT_DHCID,
            Step.REPLACING_FWD_ADDRS,
            "",
            H + " 0 ANY A | " + H + " 1200 IN A 192.0.2.10"),
        Arguments.of(
            TransactionKind.SIMPLE_ADD_WITHOUT_DHCID,
            Step.REPLACING_REV_PTRS,
            "",
            REVNAME + " 0 ANY PTR | " + REVNAME + " 1200 IN PTR " + H),
        Arguments.of(
            TransactionKind.NAME_REMOVE,
            Step.REMOVING_FWD_ADDRS,
            H + " 0 IN DHCID " + D,
            H + " 0 NONE A 192.0.2.10"),
        Arguments.of(
            TransactionKind.NAME_REMOVE,
            Step.REMOVING_FWD_RRS,
            H + " 0 IN DHCID " + D + " | " + H + " 0 NONE A | " + H + " 0 NONE AAAA",
            H + " 0 ANY ANY"),
        Arguments.of(
            TransactionKind.NAME_REMOVE,
            Step.REMOVING_REV_PTRS,
            REVNAME + " 0 IN PTR " + H,
            REVNAME + " 0 ANY ANY"),
        Arguments.of(
            TransactionKind.CHECK_EXISTS_REMOVE,
            Step.REMOVING_FWD_ADDRS,
            H + " 0 ANY DHCID",
            H + " 0 NONE A 192.0.2.10"),
        Arguments.of(
            TransactionKind.CHECK_EXISTS_REMOVE,
            Step.REMOVING_FWD_RRS,
            H + " 0 NONE A | " + H + " 0 NONE AAAA",
            H + " 0 ANY DHCID"),
        Arguments.of(
            TransactionKind.SIMPLE_REMOVE,
            Step.REMOVING_FWD_RRS,
            "",
            H + " 0 ANY A | " + H + " 0 ANY DHCID"),
        Arguments.of(
            TransactionKind.SIMPLE_REMOVE,
            Step.REMOVING_REV_PTRS,
            "",
            REVNAME + " 0 ANY PTR | " + REVNAME + " 0 ANY DHCID"),
        Arguments.of(
            TransactionKind.SIMPLE_REMOVE_WITHOUT_DHCID, Step.REMOVING_FWD_RRS, "", H + " 0 ANY A"),
        Arguments.of(
            TransactionKind.SIMPLE_REMOVE_WITHOUT_DHCID,
            Step.REMOVING_REV_PTRS,
            "",
            REVNAME + " 0 ANY PTR"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("steps")
  void buildsThePrerequisitesAndUpdatesOfTheStep(
      TransactionKind kind, Step step, String prereqs, String updates) {
    ChangeType type = kind.isAdd() ? ChangeType.ADD : ChangeType.REMOVE;
    NameChangeRequest ncr =
        Fixtures.ncr(
            type, ConflictResolutionMode.CHECK_WITH_DHCID, H, "192.0.2.10", Fixtures.DHCID_A);
    DdnsDomain domain = step.direction() == io.d2j.d2.transaction.Direction.FORWARD ? FWD : REV;
    Message m = UpdateMessages.build(kind, step, ncr, domain);

    assertThat(m.getHeader().getOpcode()).isEqualTo(Opcode.UPDATE);
    List<Record> zone = m.getSection(Section.ZONE);
    assertThat(zone).hasSize(1);
    assertThat(render(zone.get(0))).isEqualTo(domain.zone() + " 0 IN SOA");
    assertThat(render(m, Section.PREREQ)).isEqualTo(prereqs);
    assertThat(render(m, Section.UPDATE)).isEqualTo(updates);
  }

  @Test
  void ipv6_usesAaaaAndNibbleReverseName() {
    NameChangeRequest ncr =
        Fixtures.ncr(
            ChangeType.ADD,
            ConflictResolutionMode.NO_CHECK_WITHOUT_DHCID,
            "h6.example.org.",
            "2001:db8::abcd",
            Fixtures.DHCID_A);
    Message fwd =
        UpdateMessages.build(
            TransactionKind.SIMPLE_ADD_WITHOUT_DHCID, Step.REPLACING_FWD_ADDRS, ncr, FWD);
    assertThat(render(fwd, Section.UPDATE))
        .isEqualTo(
            "h6.example.org. 0 ANY AAAA | h6.example.org. 1200 IN AAAA 2001:db8:0:0:0:0:0:abcd");
    DdnsDomain rev6 = Fixtures.domain("8.b.d.0.1.0.0.2.ip6.arpa.", "127.0.0.1");
    Message rev =
        UpdateMessages.build(
            TransactionKind.SIMPLE_ADD_WITHOUT_DHCID, Step.REPLACING_REV_PTRS, ncr, rev6);
    assertThat(render(rev.getSection(Section.UPDATE).get(0)))
        .isEqualTo(
            "D.C.B.A.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.B.D.0.1.0.0.2.ip6.arpa. 0 ANY PTR");
  }

  @Test
  void wildcardDomain_sendsZoneStarDotAsKeaDoes() {
    DdnsDomain star = Fixtures.domain("*", "127.0.0.1");
    Message m =
        UpdateMessages.build(
            TransactionKind.NAME_ADD,
            Step.ADDING_FWD_ADDRS,
            Fixtures.add("h.example.org.", "192.0.2.10"),
            star);
    assertThat(m.getSection(Section.ZONE).get(0).getName().toString()).isEqualTo("*.");
  }

  @Test
  void leaseLengthAbove2To31_isSentAsTheLargestTtl_rfc2181() {
    NameChangeRequest ncr =
        new NameChangeRequest(
            ChangeType.ADD,
            true,
            true,
            io.d2j.ncr.Fqdn.of("big.example.org."),
            Fixtures.ip("192.0.2.10"),
            io.d2j.ncr.Dhcid.fromHex(Fixtures.DHCID_A),
            null,
            4294967295L,
            ConflictResolutionMode.CHECK_WITH_DHCID);
    Message m = UpdateMessages.build(TransactionKind.NAME_ADD, Step.ADDING_FWD_ADDRS, ncr, FWD);
    assertThat(m.getSection(Section.UPDATE))
        .allSatisfy(r -> assertThat(r.getTTL()).isEqualTo(0x7FFFFFFFL));
  }
}
