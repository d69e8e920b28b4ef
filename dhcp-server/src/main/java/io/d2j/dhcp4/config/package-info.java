/**
 * The {@code Dhcp4} configuration: an immutable {@link io.d2j.dhcp4.config.Dhcp4Config} read from
 * Kea's map by one parser per scope, with Kea's defaults and inheritance (global, shared network,
 * subnet); every error names its JSON path and source position, unknown keys are errors.
 */
package io.d2j.dhcp4.config;
