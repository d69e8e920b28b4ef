package io.d2j.d2.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kea-dhcp-ddns command line: -t exit codes and messages, -v, usage errors. */
class MainTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void checkOnly_validConfig_exitsZero() throws Exception {
    Path f = dir.resolve("d2.json");
    Files.writeString(
        f,
        """
        # a Kea D2 config with every comment style
        { "DhcpDdns": { /* defaults for the rest */ "port": 53999,
          "forward-ddns": { "ddns-domains": [ // one domain
            { "name": "example.org.", "dns-servers": [ { "ip-address": "127.0.0.1" } ] } ] } } }
        """);
    assertThat(run("-t", f.toString())).isZero();
    assertThat(out()).isEqualTo("Configuration check successful: " + f + "\n");
    assertThat(err()).isEmpty();
  }

  @Test
  void checkOnly_invalidConfig_exitsOneWithPathAndPosition() throws Exception {
    Path f = dir.resolve("bad.json");
    Files.writeString(f, "{ \"DhcpDdns\": {\n  \"port\": 0 } }\n");
    assertThat(run("-t", f.toString())).isEqualTo(1);
    assertThat(err())
        .isEqualTo(
            "DHCP_DDNS_CONFIG_CHECK_FAIL /DhcpDdns/port: port must be between 1 and 65535, got 0 ("
                + f
                + ":2:11)\n");
  }

  @Test
  void checkOnly_warnsAboutADomainWithoutTrailingDot() throws Exception {
    Path f = dir.resolve("nodot.json");
    Files.writeString(
        f,
        "{ \"DhcpDdns\": { \"forward-ddns\": { \"ddns-domains\": [ { \"name\": \"example.com\","
            + " \"dns-servers\": [ { \"ip-address\": \"127.0.0.1\" } ] } ] } } }");
    assertThat(run("-t", f.toString())).isZero();
    assertThat(err())
        .isEqualTo(
            "WARN /DhcpDdns/forward-ddns/ddns-domains/0/name: domain 'example.com' has no trailing"
                + " dot; names are matched as strings, so it can never match a fully qualified"
                + " name; write 'example.com.'\n");
  }

  @Test
  void missingFile_exitsOne() {
    assertThat(run("-t", dir.resolve("nope.json").toString())).isEqualTo(1);
    assertThat(err())
        .isEqualTo(
            "DHCP_DDNS_CONFIG_CHECK_FAIL cannot read "
                + dir.resolve("nope.json")
                + ": no such file\n");
  }

  @Test
  void version_printsTheVersion() {
    assertThat(run("-v")).isZero();
    assertThat(out().trim()).isNotEmpty().doesNotContain("${");
  }

  @Test
  void unknownFlag_printsUsage() {
    assertThat(run("-x")).isEqualTo(1);
    assertThat(err()).startsWith("unknown argument: -x\nusage: d2j-dhcp-ddns -c FILE");
  }

  @Test
  void noConfig_printsUsage() {
    assertThat(run()).isEqualTo(1);
    assertThat(err()).startsWith("a configuration file is required (-c FILE or -t FILE)\n");
  }
}
