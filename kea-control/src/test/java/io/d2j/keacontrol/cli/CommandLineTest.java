package io.d2j.keacontrol.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandLineTest {

  @Test
  void run_check_debug_andPorts() throws Exception {
    CommandLine run = CommandLine.parse(new String[] {"-d", "-c", "d2.json"}, false);
    assertThat(run.mode()).isEqualTo(CommandLine.Mode.RUN);
    assertThat(run.configFile()).contains(Path.of("d2.json"));
    assertThat(run.debug()).isTrue();
    CommandLine check = CommandLine.parse(new String[] {"-t", "kea.json"}, true);
    assertThat(check.mode()).isEqualTo(CommandLine.Mode.TEST);
    CommandLine ports =
        CommandLine.parse(new String[] {"-c", "kea.json", "-p", "47067", "-P", "47068"}, true);
    assertThat(ports.serverPort()).isEqualTo(OptionalInt.of(47067));
    assertThat(ports.clientPort()).isEqualTo(OptionalInt.of(47068));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "-v, VERSION",
    "-V, EXTENDED_VERSION",
    "-W, BUILD_REPORT",
  })
  void versionFlags_answerAtOnce_whateverFollows(String flag, CommandLine.Mode mode)
      throws Exception {
    assertThat(CommandLine.parse(new String[] {flag, "-x"}, false).mode()).isEqualTo(mode);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          -x                | false | unknown argument: -x
          -p 67 -c f        | false | unknown argument: -p
          -c                | false | -c: needs a configuration file name
          -c f -p           | true  | -p: needs a port
          -c f -p 70000     | true  | -p: port must be 1-65535, got '70000'
          -c f -P x         | true  | -P: port must be 1-65535, got 'x'
          -d                | false | a configuration file is required (-c FILE or -t FILE)
          """)
  void unusableCommandLines_sayWhy(String args, boolean ports, String message) {
    assertThatThrownBy(() -> CommandLine.parse(args.split(" "), ports))
        .isInstanceOf(CommandLine.UsageException.class)
        .hasMessage(message);
  }

  @Test
  void usage_namesTheCommandAndItsModule() {
    assertThat(CommandLine.usage("d2j-dhcp4", "Dhcp4", true))
        .isEqualTo(
            "usage: d2j-dhcp4 -c FILE [-p PORT] [-P PORT]   run with the Kea-format Dhcp4"
                + " configuration FILE\n"
                + "       d2j-dhcp4 -t FILE   check FILE and exit 0 (valid) or 1\n"
                + "       d2j-dhcp4 -v | -V | -W   version | extended version | build report\n"
                + "       -d   log at debug level\n"
                + "       -p PORT  listen on PORT (default 67); -P PORT  send every reply to PORT");
  }
}
