package io.d2j.migrate.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.keaconfig.KeaConfigReader;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

  @Test
  void commasOnlyBetweenLiveMembers_commentsAndCommentedMembersAround() {
    JMap m = new JMap();
    m.put("a", 1).note("first");
    m.putCommented("b", JValue.of("x"));
    m.comment(List.of("not converted: something", "  its text;"));
    m.put("c", true);
    m.putCommented("d", JValue.of(2));
    assertThat(JsonWriter.write(m))
        .isEqualTo(
            """
            {
              // first
              "a": 1,
              // "b": "x"
              // not converted: something
              //   its text;
              "c": true
              // "d": 2
            }
            """);
  }

  @Test
  void keptInputComments_areHashLines() {
    JMap m = new JMap();
    m.put("a", 1).note("# from dhcpd.conf");
    assertThat(JsonWriter.write(m)).isEqualTo("{\n  # from dhcpd.conf\n  \"a\": 1\n}\n");
  }

  @Test
  void shortScalarLists_stayOnOneLine_mapsNever() {
    JMap m = new JMap();
    JList l = m.list("l");
    l.add("a");
    l.add("b");
    m.list("e");
    m.map("o");
    assertThat(JsonWriter.write(m))
        .isEqualTo("{\n  \"l\": [ \"a\", \"b\" ],\n  \"e\": [ ],\n  \"o\": { }\n}\n");
  }

  @Test
  void stringsAreEscaped_andTheResultReadsBackWithKeaConfigReader() {
    JMap m = new JMap();
    m.put("s", "quote \" back \\ tab \t ctl \u0001");
    m.put("r", new JNumber(BigDecimal.valueOf(25, 2)));
    String text = JsonWriter.write(m);
    assertThat(text).contains("\"quote \\\" back \\\\ tab \\t ctl \\u0001\"").contains("0.25");
    assertThat(KeaConfigReader.parse(text, "t.json").requireString("s"))
        .isEqualTo("quote \" back \\ tab \t ctl \u0001");
  }

  @Test
  void compact_isOneLineOfTheLiveParts() {
    JMap m = new JMap();
    m.put("a", 1);
    m.putCommented("b", JValue.of(2));
    m.list("c").add("x");
    assertThat(JsonWriter.compact(m)).isEqualTo("{ \"a\": 1, \"c\": [ \"x\" ] }");
  }
}
