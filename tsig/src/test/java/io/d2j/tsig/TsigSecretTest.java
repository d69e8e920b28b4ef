package io.d2j.tsig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TsigSecretTest {
  private static final String SECRET = "LSWXnfkKZjdPJI5QxlpnfQ==";

  @TempDir Path dir;

  @Test
  void fromBase64_decodesOctets() {
    assertThat(TsigSecret.fromBase64(SECRET).bytes())
        .isEqualTo(Base64.getDecoder().decode(SECRET))
        .hasSize(16);
  }

  @Test
  void fromBase64_ignoresBlanksAndAcceptsMissingPadding() {
    assertThat(TsigSecret.fromBase64(" LSWXnfkK\nZjdPJI5QxlpnfQ "))
        .isEqualTo(TsigSecret.fromBase64(SECRET));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''                         | secret: must not be blank",
        "'   '                      | secret: must not be blank",
        "LSWXnfkK-jdPJI5QxlpnfQ==   | secret: attempt to decode a value not in base64 char set",
        "LSWX*fkK                   | secret: attempt to decode a value not in base64 char set",
        "LSWXn=fK                   | secret: attempt to decode a value not in base64 char set",
        "LSWXnfkKZ                  | secret: incomplete base64 input",
        "LSWXnfkK=                  | secret: incomplete base64 input",
        "LSWXnfkKZj=                | secret: incomplete base64 input",
        "LSWXnfkKZjdPJI5QxlpnfR==   | secret: non-zero bits left over",
        "LSWXnfkKZjdPJI5QxlpnfR     | secret: non-zero bits left over",
        "==                         | secret: incomplete base64 input",
      })
  void fromBase64_rejectsBadInputWithoutEchoingIt(String input, String message) {
    assertThatThrownBy(() -> TsigSecret.fromBase64(input))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void fromBase64_null_isBlank() {
    assertThatThrownBy(() -> TsigSecret.fromBase64(null)).hasMessage("secret: must not be blank");
  }

  @Test
  void fromFile_readsTrimmedBase64() throws Exception {
    Path file = dir.resolve("d2key.secret");
    Files.writeString(file, "\n  " + SECRET + "  \n", StandardCharsets.US_ASCII);

    assertThat(TsigSecret.fromFile(file)).isEqualTo(TsigSecret.fromBase64(SECRET));
  }

  @Test
  void fromFile_empty_isAnErrorNamingThePath() throws Exception {
    Path file = dir.resolve("empty.secret");
    Files.writeString(file, " \n");

    assertThatThrownBy(() -> TsigSecret.fromFile(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("secret-file: " + file + " is empty");
  }

  @Test
  void fromFile_missing_isAnErrorNamingThePath() {
    Path file = dir.resolve("missing.secret");

    assertThatThrownBy(() -> TsigSecret.fromFile(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("secret-file: cannot read " + file + " (NoSuchFileException)");
  }

  @Test
  void fromFile_badBase64_namesThePathNotTheContent() throws Exception {
    Path file = dir.resolve("bad.secret");
    Files.writeString(file, "not base64!");

    assertThatThrownBy(() -> TsigSecret.fromFile(file))
        .hasMessage("secret-file: " + file + ": attempt to decode a value not in base64 char set");
  }

  @Test
  void toString_isRedacted() {
    assertThat(TsigSecret.fromBase64(SECRET)).hasToString("[redacted]");
  }

  @Test
  void equality_isByContent() {
    TsigSecret a = TsigSecret.fromBase64(SECRET);

    assertThat(a)
        .isEqualTo(TsigSecret.fromBase64(SECRET))
        .hasSameHashCodeAs(TsigSecret.fromBase64(SECRET));
    assertThat(a).isNotEqualTo(TsigSecret.fromBase64("LSWXnfkKZjdPJI5QxlpnfA=="));
    assertThat(a.length()).isEqualTo(16);
  }

  @Test
  void bytes_returnsACopy() {
    TsigSecret secret = TsigSecret.fromBase64(SECRET);
    byte[] first = secret.bytes();
    first[0] ^= 1;

    assertThat(secret.bytes()).isEqualTo(Base64.getDecoder().decode(SECRET));
  }
}
