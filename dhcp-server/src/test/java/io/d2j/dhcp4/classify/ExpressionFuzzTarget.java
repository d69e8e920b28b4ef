package io.d2j.dhcp4.classify;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.d2j.dhcp4.options.OptionSpaces;
import io.d2j.dhcp4.packet.DhcpPacket;
import java.nio.charset.StandardCharsets;

/**
 * Jazzer target: any text as a client class {@code test}, compiled as the configuration parser
 * compiles it; nothing but {@link ExpressionException} may come out, with a column inside the text
 * (or just past its end) and a message. A test that compiles is evaluated against each of {@link
 * TestPackets}' queries (a PXE DISCOVER with options 12/60/61/93, relayed with option 82, a bare
 * DISCOVER), where only {@link EvaluationException} may come out (Kea: the class is not assigned).
 * Seeds: every test of {@code classify/expression-table.txt}.
 */
class ExpressionFuzzTarget {

  private static final OptionSpaces DEFS = OptionSpaces.standard();

  @FuzzTest(maxDuration = "30s")
  void compile(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    Expression compiled;
    try {
      compiled = Expression.compile(text, DEFS, ExpressionTest.CLASSES);
    } catch (ExpressionException e) {
      assertThat(e.column()).as(e.getMessage()).isBetween(1, text.length() + 1);
      assertThat(e.problem()).isNotBlank();
      return;
    }
    for (DhcpPacket packet : TestPackets.all().values()) {
      try {
        compiled.matches(TestPackets.facts(packet), ClientClasses.of("ALL", "gold"));
      } catch (EvaluationException e) {
        assertThat(e.getMessage()).isNotBlank();
      }
    }
  }
}
