package io.d2j.migrate;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.d2j.migrate.conf.Block;
import io.d2j.migrate.conf.ConfParser;
import io.d2j.migrate.conf.ConfSyntaxException;
import io.d2j.migrate.conf.Includes;
import io.d2j.migrate.convert.Family;
import io.d2j.migrate.convert.Migration;
import io.d2j.migrate.convert.Settings;
import io.d2j.migrate.json.JsonWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Jazzer target: any text read as a dhcpd.conf, parsed, converted to a Kea {@code Dhcp4}
 * configuration and written out as {@code d2j-migrate} does it. The reader and the converter may
 * refuse it only with {@link ConfSyntaxException} (with its position); nothing else may come out.
 * Includes are refused, and names are never looked up. Seeds: the DHCPv4 inputs of the migration
 * corpus.
 */
class DhcpdConfFuzzTarget {

  @FuzzTest(maxDuration = "30s")
  void convert(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    Block conf;
    try {
      conf = ConfParser.parse("dhcpd.conf", "dhcpd.conf", text, Includes.none());
      Migration.Result r = Migration.convert(conf, Settings.of(Family.V4), name -> List.of());
      JsonWriter.write(r.document());
    } catch (ConfSyntaxException e) {
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        throw new AssertionError("a syntax error without a message", e);
      }
    }
  }
}
