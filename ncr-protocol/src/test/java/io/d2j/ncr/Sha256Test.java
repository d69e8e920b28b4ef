package io.d2j.ncr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class Sha256Test {

  /** FIPS 180-2's example: SHA-256("abc"). */
  private static final String ABC =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  @Test
  void digestsAndIsResetBetweenUses() {
    MessageDigest d = Sha256.reset();
    d.update("abc".getBytes(StandardCharsets.US_ASCII));
    assertThat(hex(d.digest())).isEqualTo(ABC);

    // A use abandoned half-way (an exception between update and digest) leaves nothing behind.
    Sha256.reset().update("left over".getBytes(StandardCharsets.US_ASCII));
    MessageDigest again = Sha256.reset();
    again.update("abc".getBytes(StandardCharsets.US_ASCII));
    assertThat(hex(again.digest())).isEqualTo(ABC);
  }

  @Test
  void threadsDoNotShareADigest() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        String input = "thread " + t;
        results.add(
            pool.submit(
                () -> {
                  byte[] expected =
                      MessageDigest.getInstance("SHA-256")
                          .digest(input.getBytes(StandardCharsets.UTF_8));
                  for (int i = 0; i < 20_000; i++) {
                    MessageDigest d = Sha256.reset();
                    for (byte b : input.getBytes(StandardCharsets.UTF_8)) {
                      d.update(b);
                    }
                    if (!MessageDigest.isEqual(d.digest(), expected)) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> r : results) {
        assertThat(r.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
