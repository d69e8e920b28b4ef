/**
 * The meaning of dhcpd.conf in Kea's terms: {@link io.d2j.migrate.convert.Migration#convert} walks
 * the statement tree ({@code Walker}) and hands each statement to its part (topology, hosts,
 * classes, options, lifetimes, failover, the DNS part in {@code Dns}), which writes the {@code
 * Dhcp4}/{@code Dhcp6} document (and the {@code DhcpDdns} one) and records in the {@link
 * io.d2j.migrate.convert.Report} what it converted, left commented out, or could not use, with the
 * statement's position.
 */
package io.d2j.migrate.convert;
