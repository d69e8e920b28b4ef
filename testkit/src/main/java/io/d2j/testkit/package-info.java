/**
 * Test fixtures that run real peers on loopback: {@link io.d2j.testkit.BindServer} (named serving
 * the zones of {@code test-zones/}; {@link io.d2j.testkit.KnotServer} and {@link
 * io.d2j.testkit.PowerDnsServer} serve the same, all three as a {@link io.d2j.testkit.ZoneServer}),
 * {@link io.d2j.testkit.KeaD2Server} (ISC's kea-dhcp-ddns, for interop tests), TSIG keys for both
 * ({@link io.d2j.testkit.TestKey}), free ports and a polling {@link io.d2j.testkit.Await}.
 *
 * <p>Every fixture is an {@link java.lang.AutoCloseable} that owns one child process and one temp
 * directory; use it in try-with-resources so that no server outlives its test.
 */
package io.d2j.testkit;
