/**
 * Kea's DHCPv4 DDNS: the pure naming policy (option 81/12, generated and reserved names, the
 * decision table of spec §2), the NCRs a lease event makes ({@link io.d2j.dhcp4.ddns.NcrPolicy}),
 * and {@link io.d2j.dhcp4.ddns.NcrEmitter}, which sends them to D2 with bounded retries on the
 * shared scheduler.
 */
package io.d2j.dhcp4.ddns;
