/**
 * Where a control-channel request may make a daemon write or read files (issue 16 item 1): the
 * areas ({@link io.d2j.keacontrol.files.FileAreas}), the rules a named path must pass ({@link
 * io.d2j.keacontrol.files.PathRules}), their use by configuration parsers ({@link
 * io.d2j.keacontrol.files.PathGuard}), and writing with mode 0640 via a temporary file and a rename
 * ({@link io.d2j.keacontrol.files.SafeFiles}). Both daemons use these; nothing else decides.
 */
package io.d2j.keacontrol.files;
