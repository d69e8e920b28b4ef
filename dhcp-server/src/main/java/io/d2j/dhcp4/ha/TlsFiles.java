package io.d2j.dhcp4.ha;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The PEM files of one peer's TLS setup: for a partner, what this server trusts and presents as a
 * client; for this server's own entry, what its peer listener presents (spec §6.2). All three or
 * none: a peer without TLS has no {@code TlsFiles}.
 */
public record TlsFiles(Path trustAnchor, Path certFile, Path keyFile) {

  public TlsFiles {
    Objects.requireNonNull(trustAnchor, "trustAnchor");
    Objects.requireNonNull(certFile, "certFile");
    Objects.requireNonNull(keyFile, "keyFile");
  }
}
