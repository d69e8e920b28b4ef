/**
 * The durable journal of accepted NCRs (d2j's own): segments of CRC-checked records appended with
 * group commit ({@link io.d2j.d2.journal.Journal}), recovery at open, reading back in order, done
 * marks and compaction; and {@link io.d2j.d2.journal.JournalIntake}, the dispatcher's {@code
 * Intake} when the journal is on. Plain file I/O, no Vert.x.
 */
package io.d2j.d2.journal;
