package io.d2j.d2.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.d2j.keaconfig.ConfigException;
import io.d2j.keaconfig.KeaConfigReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table of {@code config-cases/d2-config-cases.json}: each configuration either loads with
 * exactly the listed warnings or fails with exactly the listed error, at the position marked
 * {@code @}.
 */
class D2ConfigCasesTest {

  private static final String SOURCE = "cases.json";

  static Stream<Arguments> cases() throws IOException {
    JsonNode root;
    try (InputStream in =
        D2ConfigCasesTest.class.getResourceAsStream("/config-cases/d2-config-cases.json")) {
      root = new ObjectMapper().readTree(in);
    }
    List<Arguments> out = new ArrayList<>();
    for (JsonNode c : root.get("cases")) {
      List<String> warnings = new ArrayList<>();
      if (c.has("warnings")) {
        c.get("warnings").forEach(w -> warnings.add(w.asText()));
      }
      JsonNode error = c.get("error");
      out.add(
          Arguments.of(
              c.get("case").asText(),
              c.get("config").asText(),
              error == null || error.isNull() ? null : error.asText(),
              warnings));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void configCase(String name, String body, String error, List<String> warnings) {
    String text = ("{'DhcpDdns': {" + body + "}}").replace('\'', '"');
    int at = text.indexOf('@');
    String config = text.replace("@", "");
    if (error == null) {
      assertThat(at).as("a valid case has no error marker").isNegative();
      D2Config parsed = D2ConfigParser.parse(KeaConfigReader.parse(config, SOURCE), Path.of("."));
      assertThat(parsed.warnings()).containsExactlyElementsOf(warnings);
    } else {
      assertThat(at).as("an invalid case marks where the error is").isNotNegative();
      assertThatThrownBy(
              () -> D2ConfigParser.parse(KeaConfigReader.parse(config, SOURCE), Path.of(".")))
          .isInstanceOf(ConfigException.class)
          .hasMessage(error + " (" + SOURCE + ":1:" + (at + 1) + ")");
    }
  }
}
