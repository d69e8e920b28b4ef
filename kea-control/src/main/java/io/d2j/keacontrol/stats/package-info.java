/**
 * Statistics as Kea keeps them (a value and the time of its last change per name) and Kea's sample
 * format for the statistic commands.
 */
package io.d2j.keacontrol.stats;
