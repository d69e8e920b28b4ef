package io.d2j.dhcp4.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.dhcp4.options.OptionSpaces;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kea's expression language against packets: each row is a test, a packet and whether it matches
 * (the same rows run against kea-dhcp4 2.2 in {@code ExpressionKeaCrossCheckIT}), then the tests
 * that must not compile, with the column of the problem.
 */
class ExpressionTest {

  static final Set<String> DEFINED = Set.of("gold", "pre-known");

  static final ClassLookup CLASSES =
      name ->
          switch (name) {
            case "KNOWN", "UNKNOWN", "pre-known" -> ClassLookup.Known.DEPENDS_ON_KNOWN;
            case "gold" -> ClassLookup.Known.DEFINED;
            default ->
                BuiltInClasses.isBuiltIn(name)
                    ? ClassLookup.Known.DEFINED
                    : ClassLookup.Known.UNDEFINED;
          };

  static Expression compile(String text) {
    return Expression.compile(text, OptionSpaces.standard(), CLASSES);
  }

  static boolean matches(String text, String packet) {
    return compile(text)
        .matches(TestPackets.facts(TestPackets.all().get(packet)), ClientClasses.of("ALL", "gold"));
  }

  /** The rows of {@code classify/expression-table.txt}: test, packet name, expected result. */
  static Stream<Arguments> table() throws IOException {
    return Table.rows().stream().map(r -> Arguments.of(r.test(), r.packet(), r.expected()));
  }

  @ParameterizedTest(name = "{0} on {1} -> {2}")
  @MethodSource("table")
  void testOnPacket_matchesAsKeaDoes(String test, String packet, boolean expected) {
    assertThat(matches(test, packet)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          ''                                   | 3  | expected '==' or '+' after a string value, found the end of the expression
          'a'                                  | 4  | expected '==' or '+' after a string value, found the end of the expression
          'a' == 'b' == 'c'                    | 12 | expected 'and', 'or' or the end, found '=='
          option[61].exists == 'true'          | 19 | expected 'and', 'or' or the end, found '=='
          option[300].exists                   | 8  | an option code 300 is outside 0-255
          option[-1].exists                    | 8  | an option code -1 is outside 0-255
          option[hex].exists                   | 8  | no option named 'hex' in space dhcp4
          option[nosuch].text == 'x'           | 8  | no option named 'nosuch' in space dhcp4
          option[60].size == 'x'               | 12 | unknown word 'size'
          option[60].hex                       | 15 | expected '==' or '+' after a string value, found the end of the expression
          member('nope')                       | 8  | class 'nope' is not defined before this one (a class may only test classes defined above it, or built-in ones)
          member('VENDOR_CLASS_')              | 8  | class 'VENDOR_CLASS_' is not defined before this one (a class may only test classes defined above it, or built-in ones)
          member(gold)                         | 8  | unknown word 'gold'
          member(option)                       | 8  | expected a class name in quotes, found 'option'
          true                                 | 1  | unknown word 'true'
          'a' = 'b'                            | 5  | unexpected character '='
          'abc                                 | 1  | unterminated string: a ' is missing
          4294967296 == 'x'                    | 1  | an integer value 4294967296 is outside 0-4294967295
          substring('abc', 0, 99999999999) == 'x' | 21 | a length or 'all' 99999999999 is outside -2147483648-2147483647
          relay6[0].option[1].exists           | 1  | 'relay6' exists only in DHCPv6
          pkt6.msgtype == 1                    | 1  | 'pkt6' exists only in DHCPv6
          pkt4.chaddr == 0x00                  | 6  | unknown word 'chaddr'
          'a' and option[1].exists             | 1  | expected a condition, found a string value (compare it with '==')
          option[1].exists and 'a'             | 22 | expected a condition, found a string value (compare it with '==')
          not 'a'                              | 5  | expected a condition, found a string value (compare it with '==')
          concat(option[1].exists, 'a') == 'a' | 8  | expected a string value, found a condition
          ifelse('x', 'a', 'b') == 'a'         | 8  | expected a condition, found a string value (compare it with '==')
          substring('abc', 0) == 'a'           | 19 | expected ',', found ')'
          vendor[4491].data == 'x'             | 14 | expected 'exists' or 'option' after 'vendor[…].', found 'data'
          10.0.0.256 == pkt4.giaddr            | 1  | '10.0.0.256' is not an IP address
          option[60].text == 'a' and           | 27 | the expression ends too early
          """)
  void brokenTest_isRefusedWithItsColumn(String test, int column, String problem) {
    assertThatThrownBy(() -> compile(test))
        .isInstanceOfSatisfying(
            ExpressionException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(problem);
              assertThat(e.column()).isEqualTo(column);
            });
  }

  @Test
  void testReadingKnown_dependsOnKnown_directlyOrThroughAnotherClass() {
    assertThat(compile("member('KNOWN')").dependsOnKnown()).isTrue();
    assertThat(compile("not member('UNKNOWN') and option[60].exists").dependsOnKnown()).isTrue();
    assertThat(compile("member('pre-known')").dependsOnKnown()).isTrue();
    assertThat(compile("member('gold') or member('ALL')").dependsOnKnown()).isFalse();
  }

  @Test
  void evaluationError_isReported_andOnlyForThatQuery() {
    Expression e = compile("addrtotext(substring(option[61].hex, 0, 3)) == 'x'");

    assertThatThrownBy(
            () -> e.matches(TestPackets.facts(TestPackets.pxe()), ClientClasses.of("ALL")))
        .isInstanceOf(EvaluationException.class)
        .hasMessage("addrtotext: 3 octets are neither an IPv4 (4) nor an IPv6 (16) address");
    // 'and' evaluates both sides as Kea does: the error is not hidden by a false left side.
    Expression both = compile("option[99].exists and int8totext(option[61].hex) == '1'");
    assertThatThrownBy(() -> both.matches(TestPackets.facts(TestPackets.pxe()), ClientClasses.of()))
        .isInstanceOf(EvaluationException.class)
        .hasMessage("int8totext: 7 octets, expected 1");
    assertThat(e.matches(TestPackets.facts(TestPackets.bare()), ClientClasses.of())).isFalse();
  }

  /**
   * The common tests allocate nothing per query once the thread has evaluated them once: 20 000
   * evaluations are compared with the thread's allocation counter (a measurement of bytes, not of
   * time).
   */
  @Test
  void commonTests_allocateNothingPerQuery() {
    List<Expression> tests =
        List.of(
            compile("substring(option[60].text, 0, 9) == 'PXEClient'"),
            compile("option[93].hex == 0x0007 and option[60].exists"),
            compile("relay4[1].hex == 'eth0/1/2' or relay4[2].hex == 0x0a0b0c"),
            compile("option[82].option[2].exists and pkt4.mac == 0x001122334455"),
            compile("member('gold') and not member('KNOWN')"),
            compile("split(option[60].text, ':', 3) == '00007'"),
            compile("ifelse(pkt4.giaddr == 127.0.0.1, 'a', 'b') == 'a'"),
            compile("vendor[4491].option[1].hex == 0x0203"),
            compile("hexstring(pkt4.mac, ':') == '00:11:22:33:44:55'"));
    PacketFacts facts = TestPackets.facts(TestPackets.pxe());
    ClientClasses classes = ClientClasses.of("ALL", "gold");
    for (Expression e : tests) {
      assertThat(e.matches(facts, classes)).as(e.text()).isTrue();
    }
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    int matched = 0;
    Expression[] array = tests.toArray(new Expression[0]);
    for (int i = 0; i < 20_000; i++) {
      for (int k = 0; k < array.length; k++) {
        matched += array[k].matches(facts, classes) ? 1 : 0;
      }
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    assertThat(matched).isEqualTo(20_000 * tests.size());
    // 180 000 evaluations; one allocated object each would be several megabytes.
    assertThat(allocated).isLessThan(4096);
  }
}
