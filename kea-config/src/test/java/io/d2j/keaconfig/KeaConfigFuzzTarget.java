package io.d2j.keaconfig;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Jazzer target: any text read as a Kea configuration (comments, {@code <?include?>}, positions)
 * either parses to a map or fails with a {@link ConfigException} that names a JSON path and a
 * position; nothing else may come out. Includes resolve in an empty directory of their own. Seeds:
 * a D2 and a Dhcp4 configuration with every comment style, and an include directive.
 */
class KeaConfigFuzzTarget {
  private static final Path BASE = emptyDirectory();

  private static Path emptyDirectory() {
    try {
      Path dir = Files.createTempDirectory("d2j-fuzz-kea-config-");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void parse(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    try {
      ConfigMap root = KeaConfigReader.parse(text, "fuzz.json", BASE);
      assertThat(root.position().source()).isEqualTo("fuzz.json");
    } catch (ConfigException e) {
      // Read from text, every error has a place: fuzz.json or an included file, line, column.
      assertThat(e.position()).as(e.getMessage()).isNotNull();
      assertThat(e.getMessage()).startsWith(e.path() + ": ");
    }
  }
}
