package io.d2j.dhcp4.ha;

import java.util.Objects;
import java.util.Optional;

/**
 * One {@code peers[]} entry of an HA relationship.
 *
 * @param name the peer's name (trimmed); its scope and its class {@code HA_<name>} derive from it
 * @param url where the peer takes commands
 * @param role its role in the relationship
 * @param autoFailover whether, on going to partner-down, this server serves the failed partner's
 *     scope too
 * @param basicAuth the credentials sent to this peer, if any
 * @param tls the TLS files used with this peer (own or inherited from the relationship), if any
 */
public record HaPeer(
    String name,
    PeerUrl url,
    HaRole role,
    boolean autoFailover,
    Optional<BasicAuth> basicAuth,
    Optional<TlsFiles> tls) {

  public HaPeer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(basicAuth, "basicAuth");
    Objects.requireNonNull(tls, "tls");
    if (name.isBlank() || !name.equals(name.strip())) {
      throw new IllegalArgumentException("peer name '" + name + "' is blank or not trimmed");
    }
  }

  /** The client class of the queries in this peer's scope ({@code HA_<name>}, spec §6.3). */
  public String className() {
    return HaConfig.CLASS_PREFIX + name;
  }
}
