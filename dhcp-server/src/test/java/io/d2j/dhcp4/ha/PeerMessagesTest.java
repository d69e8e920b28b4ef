package io.d2j.dhcp4.ha;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PeerMessagesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void heartbeatCommand_asKea22SendsIt() {
    assertThat(PeerMessages.command("ha-heartbeat", Optional.empty()).toString())
        .isEqualTo("{\"command\":\"ha-heartbeat\",\"service\":[\"dhcp4\"]}");
  }

  @Test
  void heartbeatAnswer_keasDateFormat_twoDigitDay() {
    var args =
        PeerMessages.heartbeatArguments(
            HaState.LOAD_BALANCING,
            Instant.parse("2019-11-07T08:49:37Z"),
            Set.of("server2", "server1"),
            3);
    assertThat(args.toString())
        .isEqualTo(
            "{\"date-time\":\"Thu, 07 Nov 2019 08:49:37 GMT\",\"scopes\":[\"server1\",\"server2\"],"
                + "\"state\":\"load-balancing\",\"unsent-update-count\":3}");
  }

  @Test
  void keasHeartbeatAnswer_isRead() throws Exception {
    var reply =
        PeerMessages.readHeartbeat(
            JSON.readTree(
                "[{\"arguments\": {\"date-time\": \"Thu, 07 Nov 2019 08:49:37 GMT\", \"scopes\":"
                    + " [\"server1\"], \"state\": \"load-balancing\", \"unsent-update-count\": 0},"
                    + " \"result\": 0, \"text\": \"HA peer status returned.\"}]"));
    assertThat(reply)
        .isEqualTo(
            new PeerMessages.Answered(
                new CommunicationState.Heartbeat(
                    HaState.LOAD_BALANCING,
                    Instant.parse("2019-11-07T08:49:37Z"),
                    Set.of("server1"),
                    Optional.of(0L))));
  }

  @Test
  void minimalAnswer_stateAndDateOnly() throws Exception {
    var reply =
        PeerMessages.readHeartbeat(
            JSON.readTree(
                "[{\"arguments\": {\"date-time\": \"Mon, 5 Jan 2026 08:00:00 GMT\", \"state\":"
                    + " \"waiting\"}, \"result\": 0}]"));
    assertThat(reply)
        .isEqualTo(
            new PeerMessages.Answered(
                new CommunicationState.Heartbeat(
                    HaState.WAITING,
                    Instant.parse("2026-01-05T08:00:00Z"),
                    Set.of(),
                    Optional.empty())));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          bare object | {"arguments": {"date-time": "Thu, 07 Nov 2019 08:49:37 GMT", "state": "waiting"}, "result": 0} | the answer is a JSON object, not a list
          empty list | [] | the answer list holds no answer
          no result | [{"text": "x"}] | the answer has no integer result
          error result | [{"result": 1, "text": "Unable to forward command to the dhcp4 service"}] | result 1: Unable to forward command to the dhcp4 service
          unsupported | [{"result": 2, "text": "'ha-heartbeat' command not supported."}] | result 2: 'ha-heartbeat' command not supported.
          no arguments | [{"result": 0}] | the answer has no arguments
          unknown state | [{"result": 0, "arguments": {"state": "dancing", "date-time": "Thu, 07 Nov 2019 08:49:37 GMT"}}] | arguments.state is missing or not a state: "dancing"
          unavailable state | [{"result": 0, "arguments": {"state": "unavailable", "date-time": "Thu, 07 Nov 2019 08:49:37 GMT"}}] | arguments.state is missing or not a state: "unavailable"
          no date | [{"result": 0, "arguments": {"state": "ready"}}] | arguments.date-time is missing or not an RFC 1123 date: null
          iso date | [{"result": 0, "arguments": {"state": "ready", "date-time": "2019-11-07T08:49:37Z"}}] | arguments.date-time is missing or not an RFC 1123 date: "2019-11-07T08:49:37Z"
          scopes not a list | [{"result": 0, "arguments": {"state": "ready", "date-time": "Thu, 07 Nov 2019 08:49:37 GMT", "scopes": "server1"}}] | arguments.scopes is not a list
          negative count | [{"result": 0, "arguments": {"state": "ready", "date-time": "Thu, 07 Nov 2019 08:49:37 GMT", "unsent-update-count": -1}}] | arguments.unsent-update-count is not a count: -1
          """)
  void badAnswers_areFailures(String name, String body, String reason) throws Exception {
    assertThat(PeerMessages.readHeartbeat(JSON.readTree(body)))
        .isEqualTo(new PeerMessages.Failed(reason));
  }
}
