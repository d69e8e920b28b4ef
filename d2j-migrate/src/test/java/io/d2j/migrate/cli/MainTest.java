package io.d2j.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keama's command line and exit codes, and d2j's additions. */
class MainTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String stdin, String... args) {
    return Main.run(
        args,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        dir,
        name -> List.of());
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static final String ONE_SUBNET =
      "subnet 10.0.0.0 netmask 255.255.255.0 { range 10.0.0.5 10.0.0.9; }\n";

  @Test
  void stdinToStdout_cleanConversion_exitsZero() {
    assertThat(run(ONE_SUBNET, "-4")).isZero();
    assertThat(out())
        .startsWith("// Converted by d2j-migrate ")
        .contains("\"pool\": \"10.0.0.5 - 10.0.0.9\"");
    assertThat(err()).endsWith("0 not converted (commented out in the output), 0 notes\n");
  }

  @Test
  void exitStatus_countsWhatWasNotConverted() {
    assertThat(run("ping-check true;\nmin-secs 2;\n" + ONE_SUBNET, "-4")).isEqualTo(2);
  }

  @Test
  void exitStatus_isCappedAt254_neverWrapping() {
    String many = "min-secs 2;\n".repeat(300);
    assertThat(run(many, "-4")).isEqualTo(254);
  }

  @Test
  void syntaxError_exits255_withFileAndLine() {
    assertThat(run("subnet 10.0.0.0 netmask 255.255.255.0 {\n", "-4")).isEqualTo(255);
    assertThat(err()).startsWith("--stdin-- line 2: unexpected end of file: '}' expected\n");
    assertThat(out()).isEmpty();
  }

  @Test
  void inputAndOutputFiles() throws Exception {
    Files.writeString(dir.resolve("dhcpd.conf"), ONE_SUBNET);
    assertThat(run("", "-4", "-i", "dhcpd.conf", "-o", "kea.json")).isZero();
    assertThat(Files.readString(dir.resolve("kea.json"))).contains("from dhcpd.conf for Kea 2.2");
    assertThat(out()).isEmpty();
  }

  @Test
  void missingInput_exits255() {
    assertThat(run("", "-4", "-i", "nope.conf")).isEqualTo(255);
    assertThat(err()).isEqualTo("d2j-migrate: cannot read nope.conf: no such file\n");
  }

  @Test
  void usageErrors_exit255_notOne_soTheyNeverLookLikeOneIssue() {
    assertThat(run("", "-4", "-6")).isEqualTo(255);
    assertThat(err())
        .startsWith("d2j-migrate: -4 and -6 are mutually exclusive\nusage: d2j-migrate");
  }

  @Test
  void familyIsRequired() {
    assertThat(run("")).isEqualTo(255);
    assertThat(err()).startsWith("d2j-migrate: -4 or -6 is required\n");
  }

  @Test
  void badResolvePolicyAndTarget_areUsageErrors() {
    assertThat(run("", "-4", "-r", "maybe")).isEqualTo(255);
    assertThat(err()).startsWith("d2j-migrate: -r: expected perform, fatal or pass, got 'maybe'\n");
    err.reset();
    assertThat(run("", "-4", "--target", "2.4")).isEqualTo(255);
    assertThat(err()).startsWith("d2j-migrate: --target: expected 2.2, 2.6 or 3.0, got '2.4'\n");
  }

  @Test
  void helpAndVersion() {
    assertThat(run("", "-h")).isZero();
    assertThat(out()).startsWith("usage: d2j-migrate -4|-6");
    out.reset();
    assertThat(run("", "--version")).isZero();
    assertThat(out()).isNotBlank();
  }

  @Test
  void jsonReport_listsEveryItemWithFileLineAndAction() {
    assertThat(run("min-secs 2;\n" + ONE_SUBNET, "-4", "--report", "json")).isEqualTo(1);
    assertThat(err())
        .contains("\"counts\": {")
        .contains("\"X\": 1")
        .contains("\"file\": \"--stdin--\"")
        .contains("\"construct\": \"min-secs 2\"")
        .contains("\"action\": \"X\"");
  }

  @Test
  void strict_writesNothing_whenAnythingIsLeftOut() throws Exception {
    Files.writeString(dir.resolve("dhcpd.conf"), "min-secs 2;\n" + ONE_SUBNET);
    assertThat(run("", "-4", "--strict", "-i", "dhcpd.conf", "-o", "kea.json")).isEqualTo(255);
    assertThat(dir.resolve("kea.json")).doesNotExist();
    assertThat(err()).contains("--strict: 1 constructs not converted; nothing written");
  }

  @Test
  void hostNameUnderFatal_stopsAtIt() {
    String conf = "host h { hardware ethernet 0:1:2:3:4:5; fixed-address printer.example.org; }\n";
    assertThat(run(conf, "-4", "-r", "fatal")).isEqualTo(255);
    assertThat(err())
        .isEqualTo(
            "--stdin-- line 1: 'printer.example.org' is a host name where an address is required"
                + " (-r fatal)\n");
  }

  @Test
  void includes_resolveAgainstTheWorkingDirectory_asDhcpd() throws Exception {
    Files.createDirectories(dir.resolve("conf"));
    Files.writeString(dir.resolve("conf/sub.conf"), ONE_SUBNET);
    Files.writeString(dir.resolve("conf/main.conf"), "include \"conf/sub.conf\";\n");
    assertThat(run("", "-4", "-i", "conf/main.conf")).isZero();
    assertThat(out()).contains("begin of conf/sub.conf (included at conf/main.conf line 1)");
  }

  private static final String DDNS =
      "ddns-update-style standard;\n"
          + "key k { algorithm hmac-sha256; secret \"LSWXnfkKZjdPJI5QxlpnfQ==\"; }\n"
          + "zone example.org { primary 127.0.0.1; key k; }\n"
          + ONE_SUBNET;

  @Test
  void keysWithoutD2Out_areCommentedOut_withTheSecretRedacted() {
    assertThat(run(DDNS, "-4")).isEqualTo(2);
    assertThat(out())
        .contains("TSIG key k: pass --d2-out FILE to write the DhcpDdns configuration")
        .contains("secret [redacted];")
        .doesNotContain("LSWXnfkKZjdPJI5QxlpnfQ==");
    assertThat(err()).doesNotContain("LSWXnfkKZjdPJI5QxlpnfQ==");
  }

  @Test
  void d2Out_writesTheDhcpDdnsConfiguration_linkedFromDhcpDdns() throws Exception {
    assertThat(run(DDNS, "-4", "--d2-out", "d2.json")).isZero();
    String d2 = Files.readString(dir.resolve("d2.json"));
    assertThat(d2)
        .contains("\"DhcpDdns\"")
        .contains("\"algorithm\": \"HMAC-SHA256\"")
        .contains("\"name\": \"example.org.\"");
    assertThat(out()).contains("\"server-ip\": \"127.0.0.1\"").contains("\"server-port\": 53001");
    assertThat(err()).doesNotContain("LSWXnfkKZjdPJI5QxlpnfQ==");
  }

  @Test
  void d2Out_withoutDnsSettings_writesNothing_andSaysSo() {
    assertThat(run(ONE_SUBNET, "-4", "--d2-out", "d2.json")).isZero();
    assertThat(dir.resolve("d2.json")).doesNotExist();
    assertThat(err())
        .contains(
            "the input configures no DNS updates: no DhcpDdns configuration written (--d2-out)");
  }
}
