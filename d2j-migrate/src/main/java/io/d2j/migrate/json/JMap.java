package io.d2j.migrate.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An ordered JSON object with notes and commented-out members. */
public final class JMap implements JValue {
  private final List<Member> members = new ArrayList<>();
  private final List<String> closingNotes = new ArrayList<>();

  /** Members in order, commented-out ones included. */
  public List<Member> members() {
    return members;
  }

  /** Notes printed before the closing brace. */
  public List<String> closingNotes() {
    return closingNotes;
  }

  /** Sets a live member (replacing a live one of that key in place), returning it. */
  public Member put(String key, JValue value) {
    for (Member m : members) {
      if (m.isLive() && m.key().equals(key)) {
        m.value(value);
        return m;
      }
    }
    Member m = new Member(key, value);
    members.add(m);
    return m;
  }

  public Member put(String key, String value) {
    return put(key, JValue.of(value));
  }

  public Member put(String key, long value) {
    return put(key, JValue.of(value));
  }

  public Member put(String key, boolean value) {
    return put(key, JValue.of(value));
  }

  /** Adds a commented-out member (several may share a key), returning it. */
  public Member putCommented(String key, JValue value) {
    Member m = new Member(key, value).commentOut();
    members.add(m);
    return m;
  }

  /** Adds comment lines at this point of the map. */
  public Member comment(List<String> lines) {
    Member m = Member.comment(lines);
    members.add(m);
    return m;
  }

  /** The live member of that key. */
  public Optional<Member> member(String key) {
    return members.stream().filter(m -> m.isLive() && m.key().equals(key)).findFirst();
  }

  /** The live value of that key. */
  public Optional<JValue> get(String key) {
    return member(key).map(Member::value);
  }

  /** Whether a live member has that key. */
  public boolean has(String key) {
    return member(key).isPresent();
  }

  /** Removes the live member of that key. */
  public Optional<Member> remove(String key) {
    Optional<Member> m = member(key);
    m.ifPresent(members::remove);
    return m;
  }

  /** The live map under {@code key}, created (at the end) when absent. */
  public JMap map(String key) {
    Optional<JValue> v = get(key);
    if (v.isPresent() && v.get() instanceof JMap m) {
      return m;
    }
    JMap m = new JMap();
    put(key, m);
    return m;
  }

  /** The live list under {@code key}, created (at the end) when absent. */
  public JList list(String key) {
    Optional<JValue> v = get(key);
    if (v.isPresent() && v.get() instanceof JList l) {
      return l;
    }
    JList l = new JList();
    put(key, l);
    return l;
  }

  /** Whether the map has no members, live or commented, and no notes. */
  public boolean isEmpty() {
    return members.isEmpty() && closingNotes.isEmpty();
  }

  /** A copy deep enough that changing the copy's maps and lists leaves this one alone. */
  public JMap copy() {
    JMap c = new JMap();
    for (Member m : members) {
      if (m.isComment()) {
        c.members.add(Member.comment(m.notes()));
        continue;
      }
      Member n = new Member(m.key(), Copies.copy(m.value()));
      n.notes(m.notes());
      if (m.commentedOut()) {
        n.commentOut();
      }
      c.members.add(n);
    }
    c.closingNotes.addAll(closingNotes);
    return c;
  }
}
