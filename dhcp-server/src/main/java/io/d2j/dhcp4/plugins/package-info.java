/**
 * The built-in plugins ({@link io.d2j.dhcp4.plugins.BuiltInPlugins}), one sub-package each, of a
 * fixed shape (plugin class, handler, README, tests). No plugin imports another; what they share is
 * in the core ({@code handler}, {@code alloc}, {@code ddns}).
 */
package io.d2j.dhcp4.plugins;
