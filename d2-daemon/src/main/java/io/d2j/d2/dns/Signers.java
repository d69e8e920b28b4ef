package io.d2j.d2.dns;

import io.d2j.tsig.TsigKeySpec;
import io.d2j.tsig.dnsjava.SignedRequest;
import io.d2j.tsig.dnsjava.TsigSigner;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link TsigSigner} per key, built once rather than per UPDATE (it parses the key name and
 * wraps the secret). Keys are compared by value, so a reconfiguration that changes a secret gets a
 * new signer.
 */
final class Signers {

  private final Clock clock;
  private final Map<TsigKeySpec, TsigSigner> signers = new ConcurrentHashMap<>();

  /**
   * @param clock the time signatures carry
   */
  Signers(Clock clock) {
    this.clock = clock;
  }

  /** {@code update} (a rendered UPDATE without TSIG), signed with {@code key} when there is one. */
  SignedRequest sign(Optional<TsigKeySpec> key, byte[] update) {
    return key.isPresent()
        ? signers.computeIfAbsent(key.get(), k -> new TsigSigner(k, clock)).signRendered(update)
        : TsigSigner.unsignedRendered(update);
  }
}
