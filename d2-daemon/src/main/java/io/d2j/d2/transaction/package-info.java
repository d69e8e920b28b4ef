/**
 * The RFC 4703 transactions as Kea runs them: one small state machine ({@link
 * io.d2j.d2.transaction.Transaction}) over the eight kinds' step scripts ({@link
 * io.d2j.d2.transaction.TransactionKind}, {@link io.d2j.d2.transaction.Transitions}). Pure: a
 * transaction returns the next {@link io.d2j.d2.transaction.Action} (send this UPDATE, or finished)
 * and takes the {@link io.d2j.d2.transaction.UpdateOutcome}; it does no I/O and reads no clock.
 */
package io.d2j.d2.transaction;
