package io.d2j.d2.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kea's own example D2 configurations (doc/examples/ddns, see the README next to them) pass {@code
 * d2j-dhcp-ddns -t} unchanged: exit 0, with the warnings that say what d2j does not do.
 */
class KeaExamplesTest {

  private static final String ROOT = "/kea-examples/";

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private Path copy(String resource) throws IOException {
    Path target = dir.resolve(resource.replace('/', '-'));
    try (InputStream in = KeaExamplesTest.class.getResourceAsStream(ROOT + resource)) {
      assertThat(in).as(resource).isNotNull();
      Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }

  private int check(Path file) {
    return Main.run(
        new String[] {"-t", file.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private List<String> warnings() {
    return err.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "kea-2.2.0/comments.json | 0",
        "kea-2.2.0/gss-tsig.json | 1",
        "kea-2.2.0/sample1.json | 1",
        "kea-2.2.0/template.json | 0",
        "kea-head/comments.json | 1",
        "kea-head/gss-tsig.json | 1",
        "kea-head/template.json | 0",
      })
  void example_passesCheckOnly(String resource, int warningCount) throws IOException {
    Path file = copy(resource);
    assertThat(check(file)).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("Configuration check successful: " + file + "\n");
    assertThat(warnings()).hasSize(warningCount).allMatch(w -> w.startsWith("WARN /DhcpDdns/"));
  }

  /**
   * Kea's "all-keys" examples list every keyword and say in their header that Kea may refuse them:
   * a server refers to key 'd2.sha1.key', which these files never define. Kea 2.2's own {@code -t}
   * rejects them ("Dns Server : specifies an undefined key: d2.sha1.key", same line and column); so
   * does d2j. (The newest all-keys.json defines that key and loads, below.)
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "kea-2.2.0/all-keys-netconf.json | 86:37",
        "kea-2.2.0/all-keys.json | 86:37",
        "kea-head/all-keys-netconf.json | 85:37",
      })
  void allKeysExamplesWithAnUndefinedKey_areRejectedAsKeaRejectsThem(String resource, String at)
      throws IOException {
    Path file = copy(resource);
    assertThat(check(file)).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "DHCP_DDNS_CONFIG_CHECK_FAIL /DhcpDdns/forward-ddns/ddns-domains/0/dns-servers/0/key-name:"
                + " no TSIG key named 'd2.sha1.key' is defined ("
                + file
                + ":"
                + at
                + ")\n");
  }

  @Test
  void gssTsigExample_warnsThatTheHookIsNotLoadedAndUpdatesGoUnsigned() throws IOException {
    assertThat(check(copy("kea-head/gss-tsig.json"))).isZero();
    assertThat(warnings())
        .containsExactly(
            "WARN /DhcpDdns/hooks-libraries/0: hook library 'libddns_gss_tsig.so' is not loaded;"
                + " d2j runs no Kea hooks; updates for servers it would sign with GSS-TSIG go out"
                + " unsigned");
  }

  @Test
  void newestAllKeys_warnsAboutTheHttpsSocketAndTheHook() throws IOException {
    Path file = withSecretFiles("kea-head/all-keys.json");
    assertThat(check(file)).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(warnings())
        .containsExactly(
            "WARN /DhcpDdns/control-sockets/1: https control sockets are not served by d2j; use"
                + " the unix socket",
            "WARN /DhcpDdns/hooks-libraries/0: hook library 'ddns-server-commands.so' is not"
                + " loaded; d2j runs no Kea hooks");
  }

  /**
   * The newest all-keys.json and sample1.json name secret files under /usr/local/share/kea, which
   * exist only on a Kea installation (Kea's own -t fails the same way without them). Unchanged, the
   * check names the missing file; with that directory pointed at files of the same content layout,
   * the examples load.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "kea-head/all-keys.json | 1 | d2-sha1-secret | 230:28",
        "kea-head/sample1.json | 2 | d2-sha256-secret | 140:28",
      })
  void examplesWithSecretFiles_needThoseFiles(String resource, int key, String secret, String at)
      throws IOException {
    Path unchanged = copy(resource);
    assertThat(check(unchanged)).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "DHCP_DDNS_CONFIG_CHECK_FAIL /DhcpDdns/tsig-keys/"
                + key
                + "/secret-file: cannot read /usr/local/share/kea/"
                + secret
                + " (NoSuchFileException) ("
                + unchanged
                + ":"
                + at
                + ")\n");
    err.reset();
    out.reset();
    assertThat(check(withSecretFiles(resource))).as(err.toString(StandardCharsets.UTF_8)).isZero();
  }

  private Path withSecretFiles(String resource) throws IOException {
    Path secrets = Files.createDirectories(dir.resolve("share-kea"));
    Files.writeString(secrets.resolve("d2-sha1-secret"), "hRrp29wzUv3uzSNRLlY68w==\n");
    Files.writeString(secrets.resolve("d2-sha256-secret"), "bjF4hYhTfQ5MX0siagelsw==\n");
    Path file = copy(resource);
    Path edited = dir.resolve("edited-" + file.getFileName());
    Files.writeString(
        edited, Files.readString(file).replace("/usr/local/share/kea/", secrets.toString() + "/"));
    return edited;
  }
}
