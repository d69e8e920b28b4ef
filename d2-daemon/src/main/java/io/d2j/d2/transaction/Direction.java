package io.d2j.d2.transaction;

/** Forward (A/AAAA + DHCID at the FQDN) or reverse (PTR at the reverse name). */
public enum Direction {
  FORWARD,
  REVERSE
}
