package io.d2j.d2.domain;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the ddns-domain for a name the way Kea does: configured names are compared as strings,
 * case-insensitively; a domain matches when it equals the name or is a suffix of it that starts
 * right after a '.'; the longest match wins; {@code *} matches anything and is used only when
 * nothing else does. Names are not normalised, so a configured name without its trailing dot never
 * matches an absolute name (the config parser warns about that at load time).
 */
public final class DomainMatcher {

  private final List<DdnsDomain> domains;

  public DomainMatcher(List<DdnsDomain> domains) {
    this.domains = List.copyOf(domains);
  }

  /** True when no domain is configured: the direction is disabled, NCRs skip it silently. */
  public boolean isEmpty() {
    return domains.isEmpty();
  }

  public List<DdnsDomain> domains() {
    return domains;
  }

  /** The best domain for {@code name} (an absolute name, any case). */
  public Optional<DdnsDomain> match(String name) {
    String fqdn = name.toLowerCase(Locale.ROOT);
    DdnsDomain best = null;
    DdnsDomain wildcard = null;
    for (DdnsDomain d : domains) {
      if (d.isWildcard()) {
        wildcard = d;
        continue;
      }
      String candidate = d.name().toLowerCase(Locale.ROOT);
      if (matches(fqdn, candidate) && (best == null || candidate.length() > best.name().length())) {
        best = d;
      }
    }
    return Optional.ofNullable(best != null ? best : wildcard);
  }

  private static boolean matches(String fqdn, String domain) {
    if (fqdn.equals(domain)) {
      return true;
    }
    return fqdn.length() > domain.length()
        && fqdn.endsWith(domain)
        && fqdn.charAt(fqdn.length() - domain.length() - 1) == '.';
  }

  /** For the no-match log line: the names an operator configured, in order. */
  public String candidates() {
    if (domains.isEmpty()) {
      return "(none)";
    }
    StringBuilder sb = new StringBuilder();
    for (DdnsDomain d : domains) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append('\'').append(d.name()).append('\'');
      if (!d.name().endsWith(".") && !d.isWildcard()) {
        sb.append(" (no trailing dot: never matches)");
      }
    }
    return sb.toString();
  }
}
