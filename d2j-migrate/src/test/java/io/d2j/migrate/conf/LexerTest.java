package io.d2j.migrate.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LexerTest {

  private static List<String> texts(String source) {
    return Lexer.tokenize("t.conf", source).stream().map(t -> t.kind() + ":" + t.text()).toList();
  }

  @Test
  void addressesPrefixesAndMacs_areOneWordEach() {
    assertThat(texts("subnet6 2001:db8::/64 { hardware ethernet 0:0:c0:5d:bd:95; }"))
        .containsExactly(
            "WORD:subnet6",
            "WORD:2001:db8::/64",
            "PUNCT:{",
            "WORD:hardware",
            "WORD:ethernet",
            "WORD:0:0:c0:5d:bd:95",
            "PUNCT:;",
            "PUNCT:}",
            "EOF:");
  }

  @Test
  void operators_twoCharactersOnlyWhenTheyAreOne() {
    assertThat(texts("a = \"x\" != ~= ~~ ="))
        .containsExactly(
            "WORD:a", "PUNCT:=", "STRING:x", "PUNCT:!=", "PUNCT:~=", "PUNCT:~~", "PUNCT:=", "EOF:");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"a\\tb\"|a\tb",
        "\"\\101\\x42C\"|ABC",
        "\"say \\\"hi\\\"\"|say \"hi\"",
        "\"back\\\\slash\"|back\\slash",
        "\"\\q\"|q"
      })
  void stringEscapes_asDhcpdReadsThem(String source, String decoded) {
    assertThat(Lexer.tokenize("t.conf", source).get(0).text()).isEqualTo(decoded);
  }

  @Test
  void comments_areTokensWithTheirLine() {
    List<Token> t = Lexer.tokenize("t.conf", "a; # note\n# next\nb;");
    assertThat(t.get(2).kind()).isEqualTo(Token.Kind.COMMENT);
    assertThat(t.get(2).text()).isEqualTo(" note");
    assertThat(t.get(3).position().line()).isEqualTo(2);
    assertThat(t.get(4).where()).isEqualTo("t.conf line 3");
  }

  @Test
  void unterminatedString_isAnErrorAtItsStart() {
    assertThatThrownBy(() -> Lexer.tokenize("t.conf", "\n option x \"abc;\n"))
        .hasMessage("t.conf line 2: unterminated string");
  }

  @Test
  void strayCharacter_isNamed() {
    assertThatThrownBy(() -> Lexer.tokenize("t.conf", "a @ b;"))
        .hasMessage("t.conf line 1: unexpected character '@' (U+0040)");
  }
}
