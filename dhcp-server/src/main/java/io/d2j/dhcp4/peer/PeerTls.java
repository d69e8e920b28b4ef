package io.d2j.dhcp4.peer;

import io.d2j.dhcp4.ha.TlsFiles;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * PEM files of an HA peer (spec §6.2) as Vert.x TLS options. The trust anchor may be one file or a
 * directory of PEM files (Kea takes both). As Kea's HA client, the partner's certificate is checked
 * against the trust anchor, not against the address in its URL (peer URLs are address literals and
 * operators' certificates seldom carry IP subject names).
 */
final class PeerTls {

  private PeerTls() {}

  /** The listener of this server's own URL: its certificate; client certificates when required. */
  static HttpServerOptions server(HttpServerOptions options, TlsFiles tls, boolean requireCerts) {
    return options
        .setSsl(true)
        .setKeyCertOptions(keyCert(tls))
        .setTrustOptions(trust(tls.trustAnchor()))
        .setClientAuth(requireCerts ? ClientAuth.REQUIRED : ClientAuth.NONE);
  }

  /** A client of the partner's URL: trusts the anchor, presents this server's certificate. */
  static HttpClientOptions client(HttpClientOptions options, TlsFiles tls) {
    return options
        .setSsl(true)
        .setVerifyHost(false)
        .setKeyCertOptions(keyCert(tls))
        .setTrustOptions(trust(tls.trustAnchor()));
  }

  private static PemKeyCertOptions keyCert(TlsFiles tls) {
    return new PemKeyCertOptions()
        .setCertPath(tls.certFile().toString())
        .setKeyPath(tls.keyFile().toString());
  }

  private static PemTrustOptions trust(Path anchor) {
    PemTrustOptions trust = new PemTrustOptions();
    if (Files.isDirectory(anchor)) {
      try (var files = Files.list(anchor)) {
        files.filter(Files::isRegularFile).sorted().forEach(f -> trust.addCertPath(f.toString()));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("trust-anchor " + anchor + ": " + e.getMessage(), e);
      }
    } else {
      trust.addCertPath(anchor.toString());
    }
    return trust;
  }
}
