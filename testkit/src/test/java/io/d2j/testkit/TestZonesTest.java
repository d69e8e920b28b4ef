package io.d2j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestZonesTest {
  private static final TestKey K1 = new TestKey("k1.", "HMAC-SHA256", "hmac-sha256", "c2VjcmV0");
  private static final TestKey K2 = new TestKey("k2.", "HMAC-MD5", "hmac-md5", "b3RoZXI=");

  @TempDir Path dir;

  @Test
  void render_fillsEveryPlaceholderAndCopiesTheZones() throws IOException {
    Path conf = TestZones.render(dir, "127.0.0.1", 5300, List.of(K1, K2));

    String text = Files.readString(conf);
    assertThat(text).doesNotContain("@");
    assertThat(text)
        .contains("listen-on port 5300 { 127.0.0.1; };")
        .contains("directory \"" + dir.toAbsolutePath() + "\";")
        .contains(K1.bindKeyClause())
        .contains(K2.bindKeyClause())
        .contains("allow-update { key \"k1.\"; key \"k2.\"; };");
    assertThat(dir.resolve("example.org.db")).isWritable();
    assertThat(dir.resolve("2.0.192.in-addr.arpa.db")).exists();
    assertThat(dir.resolve("8.b.d.0.1.0.0.2.ip6.arpa.db")).exists();
  }

  @Test
  void render_withoutKeys_isRefusedBecauseUpdatesMustBeSigned() {
    assertThatThrownBy(() -> TestZones.render(dir, "127.0.0.1", 5300, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("keys: at least one key is needed; updates require TSIG");
  }

  @Test
  void forwardZone_holdsTheStaticHostWithoutDhcid() throws IOException {
    String zone = Files.readString(TestZones.directory().resolve("example.org.db"));

    assertThat(zone).containsPattern("(?m)^static\\s+IN\\s+A\\s+192\\.0\\.2\\.200$");
    assertThat(zone).doesNotContainPattern("(?m)^[^;]*\\bDHCID\\b");
  }

  /** The demo script and the fixture must start named the same way. */
  @Test
  void renderScript_writesTheSameConfigAsTheFixture(@TempDir Path scriptDir)
      throws IOException, InterruptedException {
    TestZones.render(dir, "127.0.0.1", 5300, List.of(K1));
    Process script =
        new ProcessBuilder(
                "bash",
                TestZones.directory().resolve("render-named-conf.sh").toString(),
                scriptDir.toString(),
                "127.0.0.1",
                "5300",
                K1.name(),
                K1.bindAlgorithm(),
                K1.secretBase64())
            .redirectErrorStream(true)
            .start();
    assertThat(script.waitFor(10, TimeUnit.SECONDS)).isTrue();
    String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(script.exitValue()).as(output).isZero();

    String fixtureConf =
        Files.readString(dir.resolve("named.conf")).replace(dir.toAbsolutePath().toString(), "DIR");
    String scriptConf =
        Files.readString(scriptDir.resolve("named.conf"))
            .replace(scriptDir.toRealPath().toString(), "DIR");
    assertThat(scriptConf).isEqualTo(fixtureConf);
    for (String zone : TestZones.zones()) {
      assertThat(scriptDir.resolve(zone + "db")).hasSameTextualContentAs(dir.resolve(zone + "db"));
    }
  }
}
