package io.d2j.ncr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Only {@code --print} and usage errors here: they open no socket. */
class NcrCliTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final String MODES =
      "(expected check-with-dhcid, no-check-with-dhcid, check-exists-with-dhcid or"
          + " no-check-without-dhcid)";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return NcrCli.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        CLOCK);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /**
   * A valid printing command line with {@code changes} applied: {@code "--flag!"} removes a flag
   * and its value, {@code "--flag", "value"} replaces or adds a valued flag, a lone {@code
   * "--flag"} adds a switch.
   */
  private static String[] printing(String... changes) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "send",
                "--print",
                "--add",
                "--fqdn",
                "myhost.example.com",
                "--ip",
                "192.0.2.10",
                "--duid",
                "00010203040506"));
    for (int i = 0; i < changes.length; i++) {
      String flag = changes[i];
      boolean valued = i + 1 < changes.length && !changes[i + 1].startsWith("--");
      if (flag.endsWith("!")) {
        int at = args.indexOf(flag.substring(0, flag.length() - 1));
        boolean hasValue = at + 1 < args.size() && !args.get(at + 1).startsWith("--");
        args.subList(at, at + (hasValue ? 2 : 1)).clear();
      } else if (valued && args.contains(flag)) {
        args.set(args.indexOf(flag) + 1, changes[++i]);
      } else {
        args.add(flag);
        if (valued) {
          args.add(changes[++i]);
        }
      }
    }
    return args.toArray(new String[0]);
  }

  private static String[] plus(String[] args, String... more) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(Arrays.asList(more));
    return all.toArray(new String[0]);
  }

  static Stream<Arguments> usageErrors() {
    return Stream.of(
        arguments(new String[] {}, "missing command (expected send)"),
        arguments(new String[] {"frob"}, "unknown command 'frob' (expected send)"),
        arguments(printing("--print!"), "--server: required"),
        arguments(printing("--server", "127.0.0.1"), "--server: '127.0.0.1' is not HOST:PORT"),
        arguments(
            printing("--server", "localhost:53001"),
            "--server: HOST must be an IP literal: invalid IP address 'localhost'"),
        arguments(
            printing("--server", "::1:53001"),
            "--server: write IPv6 hosts in brackets, e.g. [::1]:53001"),
        arguments(printing("--server", "127.0.0.1:0"), "--server: port '0' is not 1..65535"),
        arguments(printing("--server", "127.0.0.1:x"), "--server: port 'x' is not 1..65535"),
        arguments(printing("--bogus"), "--bogus: unknown option"),
        arguments(new String[] {"send", "--print", "--fqdn"}, "--fqdn: missing value"),
        arguments(plus(printing(), "--fqdn", "b"), "--fqdn: given more than once"),
        arguments(printing("--remove"), "--add/--remove: give exactly one of them"),
        arguments(printing("--add!"), "--add/--remove: give exactly one of them"),
        arguments(printing("--fqdn!"), "--fqdn: required"),
        arguments(printing("--fqdn", "a..b"), "--fqdn: invalid name 'a..b': empty label"),
        arguments(printing("--ip!"), "--ip: required"),
        arguments(printing("--ip", "192.0.2.300"), "--ip: invalid IP address '192.0.2.300'"),
        arguments(
            printing("--duid!"), "--client-id/--hw-address/--duid: give exactly one identifier"),
        arguments(
            printing("--client-id", "01"),
            "--client-id/--hw-address/--duid: give exactly one identifier (got --client-id, --duid)"),
        arguments(
            printing("--duid", "0"), "--duid: '0' is not an even, non-empty number of hex digits"),
        arguments(
            printing("--duid", "0001"),
            "--duid: DUID of 2 octets is outside 3..130 octets (RFC 8415 §11.1)"),
        arguments(printing("--duid!", "--hw-address", "zz:bb"), "--hw-address: 'zz:bb' is not hex"),
        arguments(
            printing("--duid!", "--hw-address", "aa:bbb"),
            "--hw-address: 'aa:bbb' has a group that is not 1 or 2 hex digits"),
        arguments(
            printing("--duid!", "--client-id", "ff01020304"),
            "--client-id: embedded DUID length of: 5, is too short"),
        arguments(
            printing("--lease-length", "-1"),
            "--lease-length: '-1' is not an integer in 0..4294967295"),
        arguments(
            printing("--lease-length", "4294967296"),
            "--lease-length: '4294967296' is not an integer in 0..4294967295"),
        arguments(
            printing("--mode", "Check-With-DHCID"),
            "--mode: unknown conflict resolution mode 'Check-With-DHCID' " + MODES),
        arguments(
            printing("--shape", "kea-9"),
            "--shape: unknown shape 'kea-9' (expected compatible, kea-2.2, kea-2.6 or kea-3.1.6)"));
  }

  @ParameterizedTest
  @MethodSource("usageErrors")
  void usageError_exits2NamingTheFlag(String[] args, String message) {
    assertThat(run(args)).as(Arrays.toString(args)).isEqualTo(2);
    assertThat(err()).isEqualTo("d2j-ncr: " + message + "\nTry 'd2j-ncr --help'.\n");
    assertThat(out()).isEmpty();
  }

  @Test
  void help_printsUsageAndExits0() {
    assertThat(run("--help")).isZero();
    assertThat(out()).startsWith("usage: d2j-ncr send --server HOST:PORT (--add|--remove)");
    assertThat(err()).isEmpty();
  }

  // DHCIDs are the spec §4.2 vectors for myhost.example.com.
  static Stream<Arguments> identifiers() {
    return Stream.of(
        arguments(
            "--duid",
            "00010203040506",
            "0002012191B7B21AF97E0E656DF887C5E2DEF30E7758A207EDF4CCB2DE8CA37066021C"),
        arguments(
            "--duid",
            "00:01:02:03:04:05:06",
            "0002012191B7B21AF97E0E656DF887C5E2DEF30E7758A207EDF4CCB2DE8CA37066021C"),
        arguments(
            "--client-id",
            "00010203040506",
            "0001012191B7B21AF97E0E656DF887C5E2DEF30E7758A207EDF4CCB2DE8CA37066021C"),
        arguments(
            "--client-id",
            "ff:5d:e2:6c:15:00:02:00:00:ab:11:9a:57:20:95:71:61:bd:d0",
            "000201A250D060B9352AE68E5014B78D251C30EFB0D5F64E48303B2BC56E6938F129E7"),
        arguments(
            "--hw-address",
            "00:01:02:03:04:05:06",
            "0000012247F6DC4423C3E8627434A9D6868609D88948F78018B215EDCAA30C0C135035"),
        arguments(
            "--hw-address",
            "0-1-2-3-4-5-6",
            "0000012247F6DC4423C3E8627434A9D6868609D88948F78018B215EDCAA30C0C135035"));
  }

  @ParameterizedTest
  @MethodSource("identifiers")
  void print_dhcidFromEachIdentifier(String flag, String value, String dhcid) {
    assertThat(run(printing("--duid!", flag, value, "--shape", "kea-3.1.6"))).isZero();
    assertThat(out())
        .isEqualTo(
            "{\"change-type\":0,\"forward-change\":true,\"reverse-change\":true,"
                + "\"fqdn\":\"myhost.example.com.\",\"ip-address\":\"192.0.2.10\",\"dhcid\":\""
                + dhcid
                + "\",\"lease-length\":3600,\"conflict-resolution-mode\":\"check-with-dhcid\"}\n");
    assertThat(err()).isEmpty();
  }

  @Test
  void print_compatibleDefaults_removeForwardOnly() {
    assertThat(
            run(
                printing(
                    "--add!",
                    "--remove",
                    "--forward",
                    "--lease-length",
                    "600",
                    "--mode",
                    "no-check-without-dhcid",
                    "--ip",
                    "2001:db8::1")))
        .isZero();
    assertThat(out())
        .isEqualTo(
            "{\"change-type\":1,\"forward-change\":true,\"reverse-change\":false,"
                + "\"fqdn\":\"myhost.example.com.\",\"ip-address\":\"2001:db8::1\","
                + "\"dhcid\":\"0002012191B7B21AF97E0E656DF887C5E2DEF30E7758A207EDF4CCB2DE8CA37066021C\","
                + "\"lease-expires-on\":\"20300101001000\",\"lease-length\":600,"
                + "\"use-conflict-resolution\":false,\"conflict-resolution-mode\":\"no-check-without-dhcid\"}\n");
  }

  @Test
  void print_reverseOnly_kea22Shape() {
    assertThat(run(printing("--reverse", "--shape", "kea-2.2"))).isZero();
    assertThat(out())
        .contains("\"forward-change\":false,\"reverse-change\":true,")
        .endsWith(
            "\"lease-expires-on\":\"20300101010000\",\"lease-length\":3600,\"use-conflict-resolution\":true}\n");
  }
}
