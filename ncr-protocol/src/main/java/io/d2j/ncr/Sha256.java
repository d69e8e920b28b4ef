package io.d2j.ncr;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 for the per-NCR hashes (DHCIDs, ack ids): one {@link MessageDigest} per thread, reused.
 * {@code MessageDigest.getInstance} looks the provider up and instantiates the engine by reflection
 * at every call; a fresh D2 made that call for each NCR it received, and after the JDK's fifteenth
 * reflective call generated a constructor accessor class on the receive path while its first NCRs
 * arrived (issue 14).
 */
public final class Sha256 {

  private static final ThreadLocal<MessageDigest> DIGEST =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("every Java platform must provide SHA-256", e);
            }
          });

  private Sha256() {}

  /**
   * This thread's SHA-256, reset: feed it with {@code update} and finish with {@code digest()}
   * before the thread asks again (not reentrant).
   */
  public static MessageDigest reset() {
    MessageDigest d = DIGEST.get();
    d.reset();
    return d;
  }
}
