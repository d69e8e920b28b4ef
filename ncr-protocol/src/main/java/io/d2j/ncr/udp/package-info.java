/** Sending NCRs to a D2 over UDP, as Kea's DHCP servers do. */
package io.d2j.ncr.udp;
