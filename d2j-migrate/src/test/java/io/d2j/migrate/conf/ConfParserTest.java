package io.d2j.migrate.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfParserTest {

  private static Block parse(String text) {
    return ConfParser.parse("t.conf", "t.conf", text, Includes.none());
  }

  private static Includes files(Map<String, String> files) {
    return (name, at) -> {
      String text = files.get(name);
      if (text == null) {
        throw new ConfSyntaxException(at, "can't open include file " + name);
      }
      return new Includes.Source(name, name, text);
    };
  }

  @Test
  void statementsAndBlocks_nestWithTheirComments() {
    Block b =
        parse(
            "# lab\nsubnet 10.0.0.0 netmask 255.0.0.0 {\n  range 10.0.0.1 10.0.0.9; # tail\n  # end\n}\n");
    Statement subnet = b.statements().get(0);
    assertThat(subnet.headerText()).isEqualTo("subnet 10.0.0.0 netmask 255.0.0.0");
    assertThat(subnet.comments()).extracting(Token::text).containsExactly(" lab");
    Statement range = subnet.children().get(0);
    assertThat(range.trailingComment().map(Token::text)).hasValue(" tail");
    assertThat(subnet.block().orElseThrow().trailingComments())
        .extracting(Token::text)
        .containsExactly(" end");
  }

  @Test
  void ifChain_keepsElsifAndElseAsBranches() {
    Block b = parse("if a = \"x\" { b; } elsif c = \"y\" { d; } else { e; }\nnext;");
    Statement s = b.statements().get(0);
    assertThat(s.branches()).extracting(Statement::keyword).containsExactly("elsif", "else");
    assertThat(b.statements().get(1).keyword()).isEqualTo("next");
  }

  @Test
  void recordTypeDefinition_staysInTheWords() {
    Statement s = parse("option x code 250 = { ip-address, text };").statements().get(0);
    assertThat(s.block()).isEmpty();
    assertThat(s.headerText()).isEqualTo("option x code 250 = { ip-address, text }");
  }

  @Test
  void keyBlock_mayEndWithASemicolon_asBind8WroteIt() {
    Block b = parse("key k { algorithm hmac-md5; secret \"c2VjcmV0\"; };\nnext;");
    assertThat(b.statements()).extracting(Statement::keyword).containsExactly("key", "next");
  }

  @Test
  void semicolonAfterOtherBlocks_isAnErrorAsInDhcpd() {
    assertThatThrownBy(() -> parse("subnet 10.0.0.0 netmask 255.0.0.0 { };"))
        .hasMessage("t.conf line 1: expecting a parameter or declaration");
  }

  @Test
  void missingSemicolon_isNamedWhereTheStatementRunsOn() {
    assertThatThrownBy(() -> parse("a 1\n}")).hasMessage("t.conf line 2: semicolon expected");
  }

  @Test
  void include_bringsTheFileInWithItsOwnPositions() {
    Block b =
        ConfParser.parse(
            "main.conf",
            "main.conf",
            "include \"sub.conf\";\nz;",
            files(Map.of("sub.conf", "\n\nx;")));
    Statement inc = b.statements().get(0);
    assertThat(inc.included()).isTrue();
    assertThat(inc.children().get(0).where()).isEqualTo("sub.conf line 3");
  }

  @Test
  void includeLoop_namesTheChain() {
    Includes loop = files(Map.of("a.conf", "include \"b.conf\";", "b.conf", "include \"a.conf\";"));
    assertThatThrownBy(() -> ConfParser.parse("a.conf", "a.conf", "include \"b.conf\";", loop))
        .hasMessage("b.conf line 1: include loop: a.conf -> b.conf -> a.conf");
  }

  @Test
  void deepNesting_isRefusedNotAStackOverflow() {
    String deep = "group { ".repeat(100) + "}".repeat(100);
    assertThatThrownBy(() -> parse(deep)).hasMessageContaining("blocks nested too deeply");
  }
}
