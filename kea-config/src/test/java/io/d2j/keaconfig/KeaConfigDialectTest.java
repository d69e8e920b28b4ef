package io.d2j.keaconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dialect table: each input is parsed as {@code d2.json}; the outcome is either the compact
 * JSON rendering of {@code toJson()} or {@code error: } and the whole exception message.
 */
class KeaConfigDialectTest {

  static Stream<Arguments> dialect() {
    return Stream.of(
        // plain JSON
        arguments("{}", "{}"),
        arguments("{\"a\": 1, \"b\": \"x\"}", "{\"a\":1,\"b\":\"x\"}"),
        arguments(
            "{\"t\": true, \"f\": false, \"n\": null}", "{\"t\":true,\"f\":false,\"n\":null}"),
        arguments(
            "{\"m\": {\"l\": [1, [2, {\"x\": []}], {}]}}", "{\"m\":{\"l\":[1,[2,{\"x\":[]}],{}]}}"),
        arguments("{\"z\": 1, \"a\": 2, \"m\": 3}", "{\"z\":1,\"a\":2,\"m\":3}"),
        // the three comment kinds, where members and values may stand
        arguments("# hash\n{\"a\": 1}", "{\"a\":1}"),
        arguments("// slashes\n{\"a\": 1}", "{\"a\":1}"),
        arguments("/* block */{\"a\": 1}", "{\"a\":1}"),
        arguments("/* multi\n * line\n */ {\"a\": 1}", "{\"a\":1}"),
        arguments("{\"a\": /* inside */ 1}", "{\"a\":1}"),
        arguments("{\"a\": 1 # to end of line\n}", "{\"a\":1}"),
        arguments("{\"a\": 1 // to end of line\n, \"b\": 2}", "{\"a\":1,\"b\":2}"),
        arguments("{\"a\": [1, /* two */ 2]} # no newline at end", "{\"a\":[1,2]}"),
        arguments("{/***/\"a\"/**/:/* ** */1}", "{\"a\":1}"),
        arguments("{\"a\": 1 /* not /* nested */}", "{\"a\":1}"),
        // comment markers inside strings are text
        arguments("{\"url\": \"http://x\"}", "{\"url\":\"http://x\"}"),
        arguments("{\"h\": \"#not\"}", "{\"h\":\"#not\"}"),
        arguments("{\"c\": \"/* no */\"}", "{\"c\":\"/* no */\"}"),
        arguments("{\"#k//\": 1}", "{\"#k//\":1}"),
        // trailing commas
        arguments("{\"a\": 1,}", "{\"a\":1}"),
        arguments("{\"a\": [1, 2,],}", "{\"a\":[1,2]}"),
        arguments("{\"a\": [{},],\n}", "{\"a\":[{}]}"),
        // escapes and unicode
        arguments(
            "{\"e\": \"\\\"\\\\\\/\\b\\f\\n\\r\\t\"}", "{\"e\":\"\\\"\\\\/\\b\\f\\n\\r\\t\"}"),
        arguments("{\"u\": \"\\u00e9\\u20AC\"}", "{\"u\":\"é€\"}"),
        arguments("{\"u\": \"\\ud83d\\ude00\"}", "{\"u\":\"😀\"}"),
        arguments("{\"raw\": \"é€😀 ok\"}", "{\"raw\":\"é€😀 ok\"}"),
        arguments("{\"nul\": \"\\u0000\"}", "{\"nul\":\"\\u0000\"}"),
        arguments("\uFEFF{\"bom\": 1}", "{\"bom\":1}"),
        arguments("{\"crlf\": 1,\r\n \"b\": 2}\r\n", "{\"crlf\":1,\"b\":2}"),
        // numbers
        arguments("{\"n\": -5, \"z\": 0, \"mz\": -0}", "{\"n\":-5,\"z\":0,\"mz\":0}"),
        arguments(
            "{\"r\": 0.5, \"e\": 1e3, \"ne\": -2.5E-3}", "{\"r\":0.5,\"e\":1E+3,\"ne\":-0.0025}"),
        arguments(
            "{\"big\": 123456789012345678901234567890}",
            "{\"big\":123456789012345678901234567890}"),
        arguments("{\"max\": 9223372036854775807}", "{\"max\":9223372036854775807}"),
        // Kea's lexer: a leading or trailing point, a plus sign, leading zeros
        arguments(
            "{\"a\": .5, \"b\": -.5, \"c\": +.5, \"d\": 5., \"e\": .5e1, \"f\": 5.e-1}",
            "{\"a\":0.5,\"b\":-0.5,\"c\":0.5,\"d\":5,\"e\":5,\"f\":0.5}"),
        arguments("{\"a\": 007, \"b\": -00, \"c\": 00.5}", "{\"a\":7,\"b\":0,\"c\":0.5}"),
        // syntax errors, whole messages
        arguments("", "error: /: expected a value but found end of input (d2.json:1:1)"),
        arguments(
            "  # only a comment\n",
            "error: /: expected a value but found end of input (d2.json:2:1)"),
        arguments("[1]", "error: /: expected a map at the top level, got list (d2.json:1:1)"),
        arguments("{} {}", "error: /: expected end of input but found '{' (d2.json:1:4)"),
        arguments("{\"a\": 1}}", "error: /: expected end of input but found '}' (d2.json:1:9)"),
        arguments(
            "{\"a\": 1\n \"b\": 2}", "error: /: expected ',' or '}' but found '\"' (d2.json:2:2)"),
        arguments("{\"a\" 1}", "error: /a: expected ':' but found '1' (d2.json:1:6)"),
        arguments("{\"a\": }", "error: /a: expected a value but found '}' (d2.json:1:7)"),
        arguments("{\"a\": [1 2]}", "error: /a: expected ',' or ']' but found '2' (d2.json:1:10)"),
        arguments(
            "{\"a\": [,]}", "error: /a/0: expected a value or ']' but found ',' (d2.json:1:8)"),
        arguments(
            "{\"a\": [1,,]}", "error: /a/1: expected a value or ']' but found ',' (d2.json:1:10)"),
        arguments("{,}", "error: /: expected a string key or '}' but found ',' (d2.json:1:2)"),
        arguments(
            "{\"a\": 1,,}", "error: /: expected a string key or '}' but found ',' (d2.json:1:9)"),
        arguments("{'a': 1}", "error: /: expected a string key or '}' but found ''' (d2.json:1:2)"),
        arguments("{\"a\": tru}", "error: /a: expected a value but found 'tru' (d2.json:1:7)"),
        arguments("{\"a\": True}", "error: /a: expected a value but found 'True' (d2.json:1:7)"),
        arguments("{\"a\": @}", "error: /a: expected a value but found '@' (d2.json:1:7)"),
        arguments("{\"a\":\f1}", "error: /a: expected a value but found U+000C (d2.json:1:6)"),
        arguments("{\"a\": \"x", "error: /a: unterminated string (d2.json:1:7)"),
        arguments("{\"a\": \"x\n\"}", "error: /a: unterminated string (d2.json:1:7)"),
        arguments("{\"a\": \"x\\", "error: /a: unterminated string (d2.json:1:7)"),
        arguments("{\"a\": \"\\u12", "error: /a: unterminated string (d2.json:1:7)"),
        arguments("{\"a\": 1 /* open", "error: /: unterminated comment (d2.json:1:9)"),
        arguments("{\"a\": \"\\q\"}", "error: /a: invalid escape '\\q' in string (d2.json:1:8)"),
        arguments(
            "{\"a\": \"\\u12G4\"}", "error: /a: invalid escape '\\u12G' in string (d2.json:1:8)"),
        arguments(
            "{\"a\": \"x\\ud800y\"}",
            "error: /a: unpaired surrogate '\\ud800' in string (d2.json:1:9)"),
        arguments(
            "{\"a\": \"\\udc00\"}",
            "error: /a: unpaired surrogate '\\udc00' in string (d2.json:1:8)"),
        arguments(
            "{\"a\": \"tab\there\"}",
            "error: /a: control character U+0009 in string (d2.json:1:11)"),
        arguments("{\"a\": -}", "error: /a: malformed number '-' (d2.json:1:7)"),
        arguments("{\"a\": .}", "error: /a: malformed number '.' (d2.json:1:7)"),
        arguments("{\"a\": +}", "error: /a: malformed number '+' (d2.json:1:7)"),
        arguments("{\"a\": -.e5}", "error: /a: malformed number '-.e5' (d2.json:1:7)"),
        arguments("{\"a\": 1.2.3}", "error: /a: malformed number '1.2.3' (d2.json:1:7)"),
        arguments("{\"a\": 1e}", "error: /a: malformed number '1e' (d2.json:1:7)"),
        arguments(
            "{\"a\": 1e99999999999}",
            "error: /a: number out of range '1e99999999999' (d2.json:1:7)"),
        arguments(
            "{\"port\": 1,\n \"port\": 2}",
            "error: /port: duplicate key 'port' (first at d2.json:1:2) (d2.json:2:2)"),
        arguments(
            "{\"D\": {\"k\": [{\"n\": 1,\n\t\"n\": 1}]}}",
            "error: /D/k/0/n: duplicate key 'n' (first at d2.json:1:15) (d2.json:2:2)"),
        arguments("<?inclde \"x\" ?>", "error: /: expected 'include' after '<?' (d2.json:1:3)"),
        arguments(
            "{<?include x ?>}",
            "error: /: expected a quoted file name in the include directive (d2.json:1:12)"),
        arguments(
            "{<?include \"x\" >}",
            "error: /: expected '?>' to end the include directive (d2.json:1:16)"),
        arguments(
            "{<?include \"\" ?>}", "error: /: empty file name in include directive (d2.json:1:2)"));
  }

  @ParameterizedTest
  @MethodSource("dialect")
  void parsesOrRejectsWithTheWholeMessage(String input, String expected) {
    assertThat(outcome(input)).isEqualTo(expected);
  }

  static String outcome(String input) {
    try {
      return KeaConfigReader.parse(input, "d2.json").toJson().toString();
    } catch (ConfigException e) {
      return "error: " + e.getMessage();
    }
  }
}
