/**
 * The D2 configuration: an immutable {@link io.d2j.d2.config.D2Config} snapshot read from Kea's
 * {@code DhcpDdns} map by one parser per scope ({@link io.d2j.d2.config.D2ConfigParser}, the d2j
 * settings, control sockets), with one defaults table ({@link io.d2j.d2.config.D2Defaults}); every
 * error names its JSON path and source position. {@link io.d2j.d2.config.D2ConfigRenderer} prints
 * it back as config-get shows it. Pure: no I/O beyond reading secret files at parse time.
 */
package io.d2j.d2.config;
