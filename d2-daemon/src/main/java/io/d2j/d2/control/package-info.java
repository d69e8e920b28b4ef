/**
 * D2's commands: kea-control's standard commands worded as kea-dhcp-ddns words them ({@link
 * io.d2j.d2.control.D2Commands}, its shutdown types), the configuration as config-get and
 * config-write show it ({@link io.d2j.d2.control.ConfigView}), and d2j's backlog commands ({@code
 * d2j-queue-get}, {@code d2j-retry-now}). The channel, the registry and the generic commands are
 * kea-control's; the runtime is the target every command acts on.
 */
package io.d2j.d2.control;
