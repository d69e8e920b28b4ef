package io.d2j.keaconfig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class ToJsonTest {

  private static final String CONFIG =
      """
      # Kea-style D2 configuration, with every dialect feature
      { "DhcpDdns": {
          "ip-address": "127.0.0.1",   // loopback
          "port": 53001,
          "tsig-keys": [ { "name": "d2.key.", "algorithm": "HMAC-SHA256",
                           "secret": "LSWXnfkKZjdPJI5QxlpnfQ==", }, ],
          /* order matters for config-get */
          "zeta": { "big": 123456789012345678901234567890, "neg": -42, "r": 2.50, "e": 1e-7 },
          "alpha": [ true, false, null, "\\u00e9\\n\\"q\\"", [] ],
      } }""";

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void rendersWithJacksonNodeTypesAndKeepsOrder() {
    JsonNode json = KeaConfigReader.parse(CONFIG, "d2.json").toJson();
    JsonNode d2 = json.get("DhcpDdns");

    assertThat(d2.fieldNames())
        .toIterable()
        .containsExactly("ip-address", "port", "tsig-keys", "zeta", "alpha");
    assertThat(d2.get("port")).isEqualTo(LongNode.valueOf(53001));
    assertThat(d2.get("zeta").get("neg")).isEqualTo(LongNode.valueOf(-42));
    assertThat(d2.get("zeta").get("big"))
        .isEqualTo(BigIntegerNode.valueOf(new BigInteger("123456789012345678901234567890")));
    assertThat(d2.get("zeta").get("r")).isEqualTo(DecimalNode.valueOf(new BigDecimal("2.50")));
    assertThat(d2.get("alpha").get(3).textValue()).isEqualTo("é\n\"q\"");
    assertThat(d2.get("alpha").get(2).isNull()).isTrue();
  }

  @Test
  void renderedJsonReadsBackToTheSameTree() throws JsonProcessingException {
    JsonNode first = KeaConfigReader.parse(CONFIG, "d2.json").toJson();
    String rendered = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(first);

    JsonNode second = KeaConfigReader.parse(rendered, "config-get").toJson();

    assertThat(second).isEqualTo(first);
    assertThat(mapper.writeValueAsString(second)).isEqualTo(mapper.writeValueAsString(first));
  }

  @Test
  void jacksonReadsWhatWeRender() throws JsonProcessingException {
    JsonNode ours = KeaConfigReader.parse(CONFIG, "d2.json").toJson();

    JsonNode theirs = mapper.readTree(mapper.writeValueAsString(ours));

    assertThat(theirs.get("DhcpDdns").get("tsig-keys").get(0).get("secret").textValue())
        .isEqualTo("LSWXnfkKZjdPJI5QxlpnfQ==");
    assertThat(theirs.get("DhcpDdns").get("zeta").get("big").bigIntegerValue())
        .isEqualTo(new BigInteger("123456789012345678901234567890"));
  }
}
