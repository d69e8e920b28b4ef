package io.d2j.d2.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.keaconfig.KeaConfigReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code user-context.d2j.ncr-authentication} and {@code sender-rate-limit} (issue 16 item 2). */
class NcrAuthConfigTest {

  private static final String KEYS =
      "\"tsig-keys\": [ {\"name\": \"ncr-key.\", \"algorithm\": \"HMAC-SHA256\", \"secret\":"
          + " \"MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=\"},"
          + " {\"name\": \"md5\", \"algorithm\": \"HMAC-MD5\", \"secret\":"
          + " \"MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=\"},"
          + " {\"name\": \"short\", \"algorithm\": \"HMAC-SHA256\", \"secret\": \"c2hvcnQ=\"} ]";

  private static D2Config parse(String d2j) {
    return D2ConfigParser.parse(
        KeaConfigReader.parse(
            "{\"DhcpDdns\": {" + KEYS + ", \"user-context\": {\"d2j\": {" + d2j + "}}}}",
            "d2.json"),
        Path.of("."));
  }

  @Test
  void offByDefault() {
    D2Config c = parse("");
    assertThat(c.d2j().ncrAuthentication()).isEmpty();
    assertThat(c.d2j().senderRateLimit()).isEmpty();
  }

  @Test
  void keysUnsignedSendersAndWindow_areRead() {
    D2Config c =
        parse(
            "\"ncr-authentication\": {\"keys\": [\"ncr-key\"], \"unsigned-senders\":"
                + " [\"192.0.2.0/24\"], \"time-window\": 10},"
                + " \"sender-rate-limit\": {\"per-second\": 500}");
    assertThat(c.d2j().ncrAuthentication())
        .contains(
            new NcrAuthSettings(
                List.of("ncr-key"), List.of("192.0.2.0/24"), Duration.ofSeconds(10)));
    assertThat(c.d2j().senderRateLimit())
        .isEqualTo(Optional.of(new SenderRateLimitSettings(500, 500)));
    assertThat(parse("\"ncr-authentication\": {\"keys\": [\"ncr-key\"]}").d2j().ncrAuthentication())
        .contains(new NcrAuthSettings(List.of("ncr-key"), List.of(), Duration.ofSeconds(30)));
  }

  @Test
  void eachMistake_isAnErrorAtItsField() {
    assertThatThrownBy(() -> parse("\"ncr-authentication\": {\"keys\": [\"nope\"]}"))
        .hasMessageStartingWith(
            "/DhcpDdns/user-context/d2j/ncr-authentication/keys/0: ncr-authentication key 'nope'"
                + " is not in tsig-keys");
    assertThatThrownBy(() -> parse("\"ncr-authentication\": {\"keys\": [\"md5\"]}"))
        .hasMessageStartingWith(
            "/DhcpDdns/user-context/d2j/ncr-authentication/keys/0: ncr-authentication key 'md5' is"
                + " HMAC-MD5; NCRs are signed with HMAC-SHA256 keys only");
    assertThatThrownBy(() -> parse("\"ncr-authentication\": {\"keys\": [\"short\"]}"))
        .hasMessageStartingWith(
            "/DhcpDdns/user-context/d2j/ncr-authentication/keys/0: ncr-authentication key 'short'"
                + " has a 5-octet secret; signing NCRs needs at least 16");
    assertThatThrownBy(() -> parse("\"ncr-authentication\": {\"keys\": []}"))
        .hasMessageStartingWith(
            "/DhcpDdns/user-context/d2j/ncr-authentication/keys: keys must name at least one"
                + " HMAC-SHA256 key of tsig-keys");
    assertThatThrownBy(
            () ->
                parse(
                    "\"ncr-authentication\": {\"keys\": [\"ncr-key\"], \"unsigned-senders\":"
                        + " [\"not-an-address\"]}"))
        .hasMessageStartingWith(
            "/DhcpDdns/user-context/d2j/ncr-authentication/unsigned-senders/0:");
    assertThatThrownBy(
            () -> parse("\"ncr-authentication\": {\"keys\": [\"ncr-key\"], \"time-window\": 0}"))
        .hasMessageStartingWith(
            "/DhcpDdns/user-context/d2j/ncr-authentication/time-window: time-window must be"
                + " between 1 and 3600, got 0");
    assertThatThrownBy(() -> parse("\"sender-rate-limit\": {\"burst\": 5}"))
        .hasMessageStartingWith(
            "/DhcpDdns/user-context/d2j/sender-rate-limit: missing mandatory 'per-second'");
    assertThatThrownBy(() -> parse("\"sender-rate-limit\": {\"per-second\": 5, \"rate\": 1}"))
        .hasMessageContaining("rate");
  }
}
