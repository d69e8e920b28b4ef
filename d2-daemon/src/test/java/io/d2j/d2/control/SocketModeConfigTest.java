package io.d2j.d2.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.d2.config.ControlSocketSpec;
import io.d2j.d2.config.D2ConfigParser;
import io.d2j.keaconfig.ConfigException;
import io.d2j.keaconfig.KeaConfigReader;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The d2j socket-mode extension inside the control socket's user-context (Kea ignores it). */
class SocketModeConfigTest {

  private static ControlSocketSpec parse(String userContext) {
    String json =
        "{\"DhcpDdns\":{\"control-socket\":{\"socket-type\":\"unix\",\"socket-name\":\"/run/d2.sock\""
            + userContext
            + "}}}";
    return D2ConfigParser.parse(KeaConfigReader.parse(json, "d2.json"), Path.of("."))
        .controlSocket()
        .orElseThrow();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          ``                                                          | 384
          `,"user-context":{"comment":"ops"}`                         | 384
          `,"user-context":{"d2j":{"socket-mode":"0660"}}`            | 432
          `,"user-context":{"d2j":{"socket-mode":"600"}}`             | 384
          """)
  void mode_defaultsTo0600_orTheD2jSetting(String userContext, int mode) {
    assertThat(parse(userContext).mode()).isEqualTo(mode);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          `,"user-context":{"d2j":{"socket-mode":"rw"}}`   | `/DhcpDdns/control-socket/user-context/d2j/socket-mode: socket-mode must be an octal file mode such as "0600", got 'rw' (d2.json:1:119)`
          `,"user-context":{"d2j":{"socket-mode":"0800"}}` | `/DhcpDdns/control-socket/user-context/d2j/socket-mode: socket-mode must be an octal file mode such as "0600", got '0800' (d2.json:1:119)`
          """)
  void badMode_isAnErrorNamingThePath(String userContext, String message) {
    assertThatThrownBy(() -> parse(userContext))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }
}
