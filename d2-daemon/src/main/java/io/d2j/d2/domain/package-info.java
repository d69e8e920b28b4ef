/**
 * The model D2 updates: {@link io.d2j.d2.domain.DdnsDomain}s and their {@link
 * io.d2j.d2.domain.DnsServer}s, and the matching of a name to its domain ({@link
 * io.d2j.d2.domain.DomainMatcher}: longest suffix, wildcard) and of an address to its reverse name.
 * Pure, and below every other package: config, transaction and update build on it.
 */
package io.d2j.d2.domain;
