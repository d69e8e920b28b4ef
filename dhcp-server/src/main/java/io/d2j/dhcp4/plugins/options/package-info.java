/** The {@code options} plugin: the reply's option-data by Kea's precedence (see README.md). */
package io.d2j.dhcp4.plugins.options;
