package io.d2j.d2.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A forward or reverse DNS domain D2 may update, as configured in {@code ddns-domains}.
 *
 * <p>{@code name} is kept exactly as written: Kea matches it as a string (so {@code example.com}
 * without the trailing dot never matches; see {@code DomainMatcher}) and uses it as the zone of the
 * UPDATE.
 */
public record DdnsDomain(String name, Optional<String> keyName, List<DnsServer> servers) {

  public static final String WILDCARD = "*";

  public DdnsDomain {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keyName, "keyName");
    servers = List.copyOf(servers);
    if (name.isBlank()) {
      throw new IllegalArgumentException("name: must not be blank");
    }
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("dns-servers: domain " + name + " has no servers");
    }
  }

  public boolean isWildcard() {
    return WILDCARD.equals(name);
  }

  /** The zone name for the UPDATE's zone section: the configured name, made absolute. */
  public String zone() {
    return name.endsWith(".") ? name : name + ".";
  }
}
