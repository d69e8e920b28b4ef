package io.d2j.d2.update;

import java.util.Optional;

/**
 * Kea's shutdown types (d2-behaviour.md §8.3), spelled as the {@code shutdown} command takes them.
 */
public enum ShutdownType {
  /** Stop listening; exit once no transaction runs (queued NCRs still start meanwhile). */
  NORMAL("normal"),
  /** Stop listening; exit once the queue is empty and no transaction runs. */
  DRAIN_FIRST("drain_first"),
  /** Exit at once; queued and in-flight NCRs are abandoned. */
  NOW("now");

  private final String text;

  ShutdownType(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }

  public static Optional<ShutdownType> of(String text) {
    for (ShutdownType t : values()) {
      if (t.text.equals(text)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
