package io.d2j.d2.control;

/** Where {@code d2j-queue-get} reads the backlog from; called on the D2 event loop. */
@FunctionalInterface
public interface BacklogSource {
  Backlog backlog();
}
