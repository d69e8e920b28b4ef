package io.d2j.dhcp4.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Connection settings, reconnect settings and on-fail modes. */
class PgAccessTest {

  private static PgAccess access(String password) {
    return new PgAccess(
        "db.example.org",
        5432,
        "kea",
        Optional.of("keauser"),
        Optional.ofNullable(password),
        Duration.ofSeconds(5));
  }

  @Test
  void redacted_hidesThePassword_inKeasKeyOrder() {
    assertThat(access("hunter2").redacted())
        .isEqualTo(
            "connect-timeout=5 host=db.example.org name=kea password=***** port=5432"
                + " type=postgresql user=keauser");
    assertThat(access("hunter2").toString()).doesNotContain("hunter2");
    assertThat(access(null).redacted()).doesNotContain("password");
  }

  @Test
  void settingsOutsideTheirRanges_areRefused() {
    assertThatThrownBy(
            () ->
                new PgAccess(
                    "h", 0, "kea", Optional.empty(), Optional.empty(), Duration.ofSeconds(5)))
        .hasMessage("port 0 is outside 1-65535");
    assertThatThrownBy(
            () ->
                new PgAccess(
                    "h", 5432, " ", Optional.empty(), Optional.empty(), Duration.ofSeconds(5)))
        .hasMessage("must specify a name for the database");
    assertThatThrownBy(
            () ->
                new PgAccess(
                    "h", 5432, "kea", Optional.empty(), Optional.empty(), Duration.ofMillis(10)))
        .hasMessage("connect-timeout 10 ms is below 1 s");
    assertThatThrownBy(() -> new Reconnect(-1, Duration.ZERO, OnFail.STOP_RETRY_EXIT))
        .hasMessage("max-reconnect-tries cannot be less than zero");
  }

  @Test
  void reconnecting_needsBothTriesAndAWaitTime_asInKea() {
    assertThat(new Reconnect(3, Duration.ofMillis(100), OnFail.STOP_RETRY_EXIT).enabled()).isTrue();
    assertThat(new Reconnect(0, Duration.ofMillis(100), OnFail.STOP_RETRY_EXIT).enabled())
        .isFalse();
    assertThat(new Reconnect(3, Duration.ZERO, OnFail.STOP_RETRY_EXIT).enabled()).isFalse();
    assertThat(Reconnect.KEA_DEFAULT.enabled()).isFalse();
  }

  @Test
  void onFailModes_asKeaSpellsAndMeansThem() {
    assertThat(OnFail.fromText("stop-retry-exit")).isEqualTo(OnFail.STOP_RETRY_EXIT);
    assertThat(OnFail.fromText("serve-retry-exit")).isEqualTo(OnFail.SERVE_RETRY_EXIT);
    assertThat(OnFail.fromText("serve-retry-continue")).isEqualTo(OnFail.SERVE_RETRY_CONTINUE);
    assertThat(OnFail.STOP_RETRY_EXIT.stopsService()).isTrue();
    assertThat(OnFail.SERVE_RETRY_EXIT.stopsService()).isFalse();
    assertThat(OnFail.SERVE_RETRY_EXIT.exits()).isTrue();
    assertThat(OnFail.SERVE_RETRY_CONTINUE.exits()).isFalse();
    assertThatThrownBy(() -> OnFail.fromText("Stop-Retry-Exit"))
        .hasMessage(
            "on-fail must be stop-retry-exit, serve-retry-exit or serve-retry-continue, got"
                + " 'Stop-Retry-Exit'");
  }
}
