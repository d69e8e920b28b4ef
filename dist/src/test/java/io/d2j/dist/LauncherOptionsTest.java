package io.d2j.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The installed launcher ({@code packaging/deb/d2j-run}) starts each daemon with the JVM options
 * the checkout's {@code bin/} launcher uses: the memory and start-up figures in docs/benchmarks.md
 * are measured with {@code bin/}, so an installed daemon that ran on the JVM's own defaults (the
 * garbage-first collector and a quarter of the host's memory as heap) would not be the daemon that
 * was measured.
 */
class LauncherOptionsTest {

  /** {@code ${D2J_JAVA_OPTS-...}}: the default after the dash, up to the closing brace. */
  private static final Pattern DEFAULT = Pattern.compile("\\$\\{D2J_JAVA_OPTS-([^}]*)}");

  @ParameterizedTest
  @ValueSource(strings = {"d2j-dhcp-ddns", "d2j-dhcp4"})
  void theInstalledLauncher_usesTheCheckoutLaunchersJvmOptions(String program) throws IOException {
    List<String> checkout =
        defaults(Files.readString(Paths.root().resolve("bin").resolve(program)));
    assertThat(checkout).as("bin/%s: one D2J_JAVA_OPTS default", program).hasSize(1);
    assertThat(installed(program))
        .as("d2j-run's options for %s", program)
        .isEqualTo(checkout.get(0));
  }

  /** The default of d2j-run's {@code program)} branch. */
  private static String installed(String program) throws IOException {
    String script = Files.readString(Paths.packaging().resolve("deb/d2j-run"));
    int branch = script.indexOf("\n  " + program + ")\n");
    assertThat(branch).as("d2j-run has a branch for %s", program).isPositive();
    String body = script.substring(branch, script.indexOf(";;", branch));
    List<String> found = defaults(body);
    assertThat(found).as("d2j-run's %s branch: one D2J_JAVA_OPTS default", program).hasSize(1);
    return found.get(0);
  }

  private static List<String> defaults(String text) {
    List<String> found = new ArrayList<>();
    Matcher m = DEFAULT.matcher(text);
    while (m.find()) {
      found.add(m.group(1).strip());
    }
    return found;
  }
}
