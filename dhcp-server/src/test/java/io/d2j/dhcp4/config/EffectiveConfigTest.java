package io.d2j.dhcp4.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.d2j.keaconfig.KeaConfigReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** config-get's rendering: Kea's effective values, and a rendering that loads again unchanged. */
class EffectiveConfigTest {

  private static JsonNode render(String dhcp4) {
    Dhcp4Config c =
        Dhcp4ConfigParser.parse(
            KeaConfigReader.parse("{\"Dhcp4\": " + dhcp4 + "}", "test.json"), Path.of("/tmp"));
    return EffectiveConfig.render(c).get("Dhcp4");
  }

  @Test
  void defaultsAndInheritedValues_areShownAsKeaShowsThem() {
    JsonNode d =
        render(
            """
            {"valid-lifetime": 4000, "comment": "a server",
             "subnet4": [{"subnet": "192.0.2.0/24", "match-client-id": false,
                          "relay": {"ip-address": "0.0.0.0"},
                          "pools": [{"pool": "192.0.2.50 - 192.0.2.50"},
                                    {"pool": "192.0.2.64 - 192.0.2.127"},
                                    {"pool": "192.0.2.1 - 192.0.2.10"}]}]}
            """);
    assertThat(d.get("user-context").toString()).isEqualTo("{\"comment\":\"a server\"}");
    assertThat(d.has("comment")).isFalse();
    assertThat(d.get("t1-percent").asDouble()).isEqualTo(0.5);
    assertThat(d.get("next-server").asText()).isEqualTo("0.0.0.0");
    assertThat(d.get("interfaces-config").toString())
        .isEqualTo("{\"interfaces\":[],\"re-detect\":false}");
    assertThat(d.get("host-reservation-identifiers").toString())
        .isEqualTo("[\"hw-address\",\"duid\",\"circuit-id\",\"client-id\"]");
    JsonNode s = d.get("subnet4").get(0);
    assertThat(s.get("id").asLong()).isEqualTo(1);
    assertThat(s.get("min-valid-lifetime").asLong()).isEqualTo(4000);
    assertThat(s.get("match-client-id").asBoolean()).isFalse();
    assertThat(s.get("relay").toString()).isEqualTo("{\"ip-addresses\":[\"0.0.0.0\"]}");
    assertThat(s.get("pools").findValuesAsText("pool"))
        .containsExactly("192.0.2.50/32", "192.0.2.64/26", "192.0.2.1-192.0.2.10");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "advanced.json",
        "all-options.json",
        "classify2.json",
        "comments.json",
        "global-reservations.json",
        "shared-network.json",
        "with-ddns.json"
      })
  void rendering_loadsAgain_andRendersTheSame(String name) throws Exception {
    Path file =
        Path.of(EffectiveConfigTest.class.getResource("/kea-examples/kea-2.2.0/" + name).toURI());
    ObjectNode first = EffectiveConfig.render(Dhcp4ConfigParser.read(file));
    ObjectNode second =
        EffectiveConfig.render(
            Dhcp4ConfigParser.parse(
                KeaConfigReader.parse(first.toString(), name + " rendered"), file.getParent()));
    // Numbers compare by value (the first pass holds the reader's int nodes, the second longs).
    assertThat(
            first.equals(
                (a, b) ->
                    a.equals(b)
                            || (a.isNumber()
                                && b.isNumber()
                                && a.decimalValue().compareTo(b.decimalValue()) == 0)
                        ? 0
                        : 1,
                second))
        .as("%s%nrenders again as%n%s", first, second)
        .isTrue();
  }
}
