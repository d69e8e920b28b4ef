/**
 * D2's log catalogue in code: {@link io.d2j.d2.log.D2Log}, every line with its id, level, logger
 * and text. Every package may log through it; it depends on no other d2-daemon package.
 */
package io.d2j.d2.log;
