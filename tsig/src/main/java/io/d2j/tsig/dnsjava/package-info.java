/**
 * The dnsjava adapter: {@link io.d2j.tsig.dnsjava.TsigSigner} signs a request once, {@link
 * io.d2j.tsig.dnsjava.ReplyCheck} says whether a reply is the answer and verifies its TSIG.
 */
package io.d2j.tsig.dnsjava;
