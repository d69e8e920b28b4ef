package io.d2j.migrate.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One member of a {@link JMap} or {@link JList}: its value, the note lines printed before it, and
 * whether it is printed commented out (a construct kept for the operator to finish by hand).
 */
public final class Member {
  private final String key;
  private JValue value;
  private final List<String> notes = new ArrayList<>();
  private boolean commentedOut;

  Member(String key, JValue value) {
    this.key = key;
    this.value = Objects.requireNonNull(value, "value");
  }

  private Member(List<String> lines) {
    this.key = null;
    this.value = null;
    this.notes.addAll(lines);
  }

  /** A member that is only comment lines (e.g. a dhcpd.conf construct that was not converted). */
  static Member comment(List<String> lines) {
    return new Member(lines);
  }

  /** Whether this member is only comment lines. */
  public boolean isComment() {
    return value == null;
  }

  /** Whether the member is printed as live JSON. */
  public boolean isLive() {
    return value != null && !commentedOut;
  }

  /** The key, or null in a list or for a comment. */
  public String key() {
    return key;
  }

  /** The value, or null for a comment. */
  public JValue value() {
    return value;
  }

  void value(JValue v) {
    this.value = Objects.requireNonNull(v, "value");
  }

  /**
   * Note lines printed before the member; a line starting with {@code #} is a kept input comment.
   */
  public List<String> notes() {
    return notes;
  }

  /** Adds a note line printed before the member as {@code // line}. */
  public Member note(String line) {
    notes.add(line);
    return this;
  }

  /** Adds notes. */
  public Member notes(List<String> lines) {
    notes.addAll(lines);
    return this;
  }

  public boolean commentedOut() {
    return commentedOut;
  }

  /** Prints the member with every line behind {@code //}. */
  public Member commentOut() {
    this.commentedOut = true;
    return this;
  }
}
