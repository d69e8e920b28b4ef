package io.d2j.migrate.json;

import java.util.ArrayList;
import java.util.List;

/** An ordered JSON array with notes and commented-out items. */
public final class JList implements JValue {
  private final List<Member> items = new ArrayList<>();
  private final List<String> closingNotes = new ArrayList<>();

  /** Items in order, commented-out ones included. */
  public List<Member> items() {
    return items;
  }

  /** Notes printed before the closing bracket. */
  public List<String> closingNotes() {
    return closingNotes;
  }

  /** Appends a live item, returning its member (for notes). */
  public Member add(JValue value) {
    Member m = new Member(null, value);
    items.add(m);
    return m;
  }

  public Member add(String value) {
    return add(JValue.of(value));
  }

  /** Appends a commented-out item. */
  public Member addCommented(JValue value) {
    return add(value).commentOut();
  }

  /** Adds comment lines at this point of the list. */
  public Member comment(List<String> lines) {
    Member m = Member.comment(lines);
    items.add(m);
    return m;
  }

  /** Live item values in order. */
  public List<JValue> values() {
    return items.stream().filter(Member::isLive).map(Member::value).toList();
  }

  /** Whether the list has no live item. */
  public boolean hasNoLiveItem() {
    return items.stream().noneMatch(Member::isLive);
  }

  /** A deep copy. */
  public JList copy() {
    JList c = new JList();
    for (Member m : items) {
      if (m.isComment()) {
        c.comment(m.notes());
        continue;
      }
      Member n = c.add(Copies.copy(m.value()));
      n.notes(m.notes());
      if (m.commentedOut()) {
        n.commentOut();
      }
    }
    c.closingNotes.addAll(closingNotes);
    return c;
  }
}
