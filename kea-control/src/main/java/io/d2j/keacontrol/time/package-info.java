/**
 * The {@link io.d2j.keacontrol.time.Scheduler} every timer of a daemon's core goes through, so that
 * the core runs on virtual time in unit tests (testkit's {@code ManualScheduler}); {@link
 * io.d2j.keacontrol.time.ExecutorScheduler} is one production implementation, D2's Vert.x timers
 * another.
 */
package io.d2j.keacontrol.time;
