/**
 * The DNS shell: {@link io.d2j.d2.dns.UpdateMessages} builds each step's UPDATE (RFC 2136 and 4703,
 * as Kea sends it), {@link io.d2j.d2.dns.DnsUpdateSender} is the dispatcher's sender, {@link
 * io.d2j.d2.dns.DnsUpdateClient} only sends: signed ({@code Signers}), one server's turns at a time
 * ({@code ServerGates}), over shared UDP sockets or TCP, the reply checked. The only package that
 * talks dnsjava; it runs on the D2 event loop.
 */
package io.d2j.d2.dns;
