/**
 * What runs: the queue ({@link io.d2j.d2.update.UpdateManager}: FIFO, one NCR at a time per DHCID
 * and per FQDN, parking), the planning of an NCR into a transaction or a drop, the {@link
 * io.d2j.d2.update.Intake} NCRs arrive through, the {@link io.d2j.d2.update.Dispatcher} that
 * begins, steps, dispatches and finishes transactions, and the {@link
 * io.d2j.d2.update.OutagePolicy} verdict on a failed one (park for a retry, keep for the next
 * start, or fail). Timers come from an injected scheduler and time from an injected clock, so all
 * of it runs on virtual time in unit tests.
 */
package io.d2j.d2.update;
