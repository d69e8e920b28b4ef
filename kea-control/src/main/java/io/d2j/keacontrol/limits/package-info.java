/**
 * Rate limits the daemons apply to what reaches them from the network: {@link
 * io.d2j.keacontrol.limits.TokenBuckets}, a bounded table of token buckets by key (D2's per-sender
 * NCR limit, d2j-dhcp4's per-client and per-relay query limits).
 */
package io.d2j.keacontrol.limits;
