/**
 * Kea-flavoured JSON: {@link io.d2j.keaconfig.KeaConfigReader} reads a file with comments and
 * {@code <?include ?>} into {@link io.d2j.keaconfig.ConfigNode}s that remember their source
 * position and JSON path, so every configuration error can name both ({@link
 * io.d2j.keaconfig.ConfigException}); {@link io.d2j.keaconfig.ConfigChecks} holds the checks the
 * daemons' parsers share.
 */
package io.d2j.keaconfig;
