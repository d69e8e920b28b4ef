package io.d2j.keaconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigMapTest {

  private static final String TEXT =
      """
      {
        "s": "text",
        "i": 53001,
        "neg": -1,
        "r": 0.5,
        "huge": 99999999999999999999,
        "b": true,
        "n": null,
        "m": { "inner": 1 },
        "l": [ "x", 2 ]
      }""";

  private static ConfigMap map() {
    return KeaConfigReader.parse(TEXT, "d2.json");
  }

  @Test
  void typedGettersReturnValues() {
    ConfigMap m = map();
    assertThat(m.requireString("s")).isEqualTo("text");
    assertThat(m.requireLong("i")).isEqualTo(53001L);
    assertThat(m.optLong("neg")).contains(-1L);
    assertThat(m.optBool("b")).contains(true);
    assertThat(m.requireMap("m").requireLong("inner")).isEqualTo(1L);
    assertThat(m.requireList("l").size()).isEqualTo(2);
    assertThat(m.optString("absent")).isEmpty();
    assertThat(m.optLong("absent")).isEmpty();
    assertThat(m.optBool("absent")).isEmpty();
    assertThat(m.optMap("absent")).isEmpty();
    assertThat(m.optList("absent")).isEmpty();
    assertThat(m.optMap("m").map(ConfigMap::size)).contains(1);
    assertThat(m.keys()).containsExactly("s", "i", "neg", "r", "huge", "b", "n", "m", "l");
    assertThat(m.has("n")).isTrue();
    assertThat(m.has("absent")).isFalse();
    assertThat(m.size()).isEqualTo(9);
    assertThat(m.get("n").map(ConfigNode::typeName)).contains("null");
  }

  static Stream<Arguments> typedGets() {
    return Stream.<Arguments>of(
        arguments(
            get(m -> m.requireString("i")), "/i: expected a string, got integer (d2.json:3:8)"),
        arguments(get(m -> m.optString("m")), "/m: expected a string, got map (d2.json:9:8)"),
        arguments(
            get(m -> m.requireLong("s")), "/s: expected an integer, got string (d2.json:2:8)"),
        arguments(get(m -> m.optLong("r")), "/r: expected an integer, got real (d2.json:5:8)"),
        arguments(
            get(m -> m.requireLong("huge")),
            "/huge: integer 99999999999999999999 out of 64-bit range (d2.json:6:11)"),
        arguments(get(m -> m.optBool("n")), "/n: expected a boolean, got null (d2.json:8:8)"),
        arguments(get(m -> m.requireMap("l")), "/l: expected a map, got list (d2.json:10:8)"),
        arguments(get(m -> m.optMap("b")), "/b: expected a map, got boolean (d2.json:7:8)"),
        arguments(get(m -> m.requireList("m")), "/m: expected a list, got map (d2.json:9:8)"),
        arguments(get(m -> m.optList("s")), "/s: expected a list, got string (d2.json:2:8)"),
        arguments(get(m -> m.require("name")), "/: missing mandatory 'name' (d2.json:1:1)"),
        arguments(
            get(m -> m.requireMap("m").requireString("key-name")),
            "/m: missing mandatory 'key-name' (d2.json:9:8)"),
        arguments(get(m -> ((ConfigNumber) m.requireList("l").get(1)).longValue()), "value 2"),
        arguments(get(m -> m.optString("s")), "value Optional[text]"),
        arguments(get(m -> m.requireLong("neg")), "value -1"),
        arguments(
            get(m -> ((ConfigNumber) m.require("r")).longValue()),
            "/r: expected an integer, got real (d2.json:5:8)"));
  }

  @ParameterizedTest
  @MethodSource("typedGets")
  void typedGettersReturnTheValueOrFailAtTheOffendingNode(
      Function<ConfigMap, Object> getter, String expected) {
    String outcome;
    try {
      outcome = "value " + getter.apply(map());
    } catch (ConfigException e) {
      outcome = e.getMessage();
    }
    assertThat(outcome).isEqualTo(expected);
  }

  @Test
  void rejectUnknownKeysReportsTheFirstInSourceOrder() {
    ConfigMap m = KeaConfigReader.parse("{\"port\": 1,\n \"prot\": 2, \"foo\": 3}", "d2.json");

    assertThatThrownBy(() -> m.rejectUnknownKeys(Set.of("port")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("/prot: unknown key 'prot' (d2.json:2:10)");
    m.rejectUnknownKeys(Set.of("port", "prot", "foo"));
  }

  @Test
  void exceptionCarriesItsParts() {
    ConfigMap m = map();
    ConfigException e = m.requireMap("m").error("no TSIG key named 'd2kye'");

    assertThat(e.path()).isEqualTo(ConfigPath.root().key("m"));
    assertThat(e.position()).isEqualTo(new SourcePosition("d2.json", 9, 8));
    assertThat(e.reason()).isEqualTo("no TSIG key named 'd2kye'");
    assertThat(new ConfigException(ConfigPath.root().key("a").index(0), null, "bad"))
        .hasMessage("/a/0: bad");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void numbersAreTypedByKeasGrammar(String spelling, String type, String value) {
    ConfigNumber n =
        (ConfigNumber) KeaConfigReader.parse("{\"x\": " + spelling + "}", "kea.json").require("x");

    assertThat(n.typeName()).isEqualTo(type);
    assertThat(n.value()).isEqualByComparingTo(new BigDecimal(value));
  }

  static Stream<Arguments> numbersAreTypedByKeasGrammar() {
    return Stream.of(
        arguments(".5", "real", "0.5"),
        arguments("-.5", "real", "-0.5"),
        arguments("+.5", "real", "0.5"),
        arguments("5.", "real", "5"),
        arguments("5.e-1", "real", "0.5"),
        arguments("1e3", "real", "1000"),
        arguments("+1", "real", "1"),
        arguments("007", "integer", "7"),
        arguments("-0", "integer", "0"));
  }

  @Test
  void listsAndScalarsExposeTheirValues() {
    ConfigMap m = map();
    ConfigList l = m.requireList("l");

    assertThat(l.items()).extracting(ConfigNode::typeName).containsExactly("string", "integer");
    assertThat(l).extracting(n -> n.path().toString()).containsExactly("/l/0", "/l/1");
    assertThat(((ConfigString) l.get(0)).value()).isEqualTo("x");
    ConfigNumber r = (ConfigNumber) m.require("r");
    assertThat(r.isInteger()).isFalse();
    assertThat(r.value()).isEqualByComparingTo(new BigDecimal("0.5"));
    assertThat(((ConfigNumber) m.require("huge")).value())
        .isEqualTo(new BigDecimal("99999999999999999999"));
    assertThat(((ConfigBool) m.require("b")).value()).isTrue();
    assertThat(l.error("too short")).hasMessage("/l: too short (d2.json:10:8)");
    assertThat(m.require("n").error("unset")).hasMessage("/n: unset (d2.json:8:8)");
    assertThatThrownBy(() -> l.items().add(l)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> m.keys().remove("s"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void pathsRenderAsJsonPointers() {
    assertThat(ConfigPath.root()).hasToString("/");
    assertThat(ConfigPath.root().segments()).isEmpty();
    assertThat(ConfigPath.root().key("DhcpDdns").key("forward-ddns").index(3))
        .hasToString("/DhcpDdns/forward-ddns/3");
    assertThat(ConfigPath.root().key("a/b").key("c~d")).hasToString("/a~1b/c~0d");
    assertThat(new ConfigPath(List.of("x", "0"))).isEqualTo(ConfigPath.root().key("x").index(0));
    assertThatThrownBy(() -> ConfigPath.root().index(-1))
        .hasMessage("i: list index must not be negative (-1)");
  }

  @Test
  void positionsAreOneBasedAndRenderCompactly() {
    assertThat(new SourcePosition("d2.json", 14, 21)).hasToString("d2.json:14:21");
    assertThatThrownBy(() -> new SourcePosition("d2.json", 0, 1))
        .hasMessage("line: must be at least 1 (0)");
    assertThatThrownBy(() -> new SourcePosition("d2.json", 1, 0))
        .hasMessage("column: must be at least 1 (0)");
    assertThatThrownBy(() -> new SourcePosition(" ", 1, 1)).hasMessage("source: must not be blank");
  }

  @Test
  void columnsCountCharactersNotUtf16Units() {
    ConfigMap m = KeaConfigReader.parse("{\"😀é\": 1, \"b\": 2}", "d2.json");
    assertThat(m.require("b").position()).isEqualTo(new SourcePosition("d2.json", 1, 16));
  }

  private static Function<ConfigMap, Object> get(Function<ConfigMap, Object> getter) {
    return getter;
  }
}
