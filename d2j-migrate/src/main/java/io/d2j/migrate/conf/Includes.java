package io.d2j.migrate.conf;

import io.d2j.keaconfig.SourcePosition;

/**
 * Opens the file an {@code include "name";} statement names. The command line resolves relative
 * names against the working directory, as dhcpd does; tests use a map of texts.
 */
@FunctionalInterface
public interface Includes {

  /**
   * The included file.
   *
   * @param name the name as written in the statement
   * @param at the statement's position, for the error
   * @throws ConfSyntaxException when the file cannot be read
   */
  Source open(String name, SourcePosition at);

  /**
   * A file's text and the name shown in positions.
   *
   * @param name the name positions show (as the include statement wrote it)
   * @param identity what makes two names the same file (a real path), for loop detection
   * @param text the content
   */
  record Source(String name, String identity, String text) {}

  /** Refuses every include: for text that must be self-contained. */
  static Includes none() {
    return (name, at) -> {
      throw new ConfSyntaxException(at, "can't open include file " + name);
    };
  }
}
