/**
 * The DNS shell: {@link io.d2j.d2.dns.UpdateMessages} writes each step's UPDATE (RFC 2136 and 4703,
 * as Kea sends it), rendered to octets by d2j's own {@link io.d2j.d2.dns.UpdateWire} (the same
 * octets as dnsjava's renderer, at a fraction of the cost), {@link io.d2j.d2.dns.DnsUpdateSender}
 * is the dispatcher's sender, {@link io.d2j.d2.dns.DnsUpdateClient} only sends: signed ({@code
 * Signers}), one server's turns at a time ({@code ServerGates}), over shared UDP sockets or TCP,
 * the reply checked. The only package that talks dnsjava; it runs on the D2 event loop.
 */
package io.d2j.d2.dns;
