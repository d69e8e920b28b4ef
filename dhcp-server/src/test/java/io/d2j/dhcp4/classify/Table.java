package io.d2j.dhcp4.classify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@code classify/expression-table.txt}: the expression rows both ExpressionTest and Kea run. */
final class Table {

  record Row(String test, String packet, boolean expected) {}

  private Table() {}

  static List<Row> rows() throws IOException {
    List<Row> out = new ArrayList<>();
    try (InputStream in = Table.class.getResourceAsStream("/classify/expression-table.txt")) {
      if (in == null) {
        throw new IOException("classify/expression-table.txt is missing from the test resources");
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int last = line.lastIndexOf('|');
        int middle = line.lastIndexOf('|', last - 1);
        out.add(
            new Row(
                line.substring(0, middle).strip(),
                line.substring(middle + 1, last).strip(),
                Boolean.parseBoolean(line.substring(last + 1).strip())));
      }
    }
    return out;
  }
}
