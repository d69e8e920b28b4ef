/**
 * The {@code ddns-naming} and {@code ddns} plugins: name the lease before allocation stores it, and
 * answer option 81 or 12 from the decision taken (see README.md).
 */
package io.d2j.dhcp4.plugins.ddns;
