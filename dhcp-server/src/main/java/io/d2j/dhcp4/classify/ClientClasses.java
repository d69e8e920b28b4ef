package io.d2j.dhcp4.classify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * The classes one query belongs to, in the order it joined them (Kea's order: {@code ALL}, the
 * {@code VENDOR_CLASS_} class, tested classes in definition order, reserved classes, {@code
 * KNOWN}/{@code UNKNOWN}, later passes). The order decides which class's option-data, {@code
 * next-server}, {@code server-hostname} and {@code boot-file-name} win. Confined to the thread
 * handling the query.
 */
public final class ClientClasses {

  // A list, not a LinkedHashSet: a query joins a handful of classes, so a linear contains is
  // cheaper than a hash table, and each query builds two of these.
  private final ArrayList<String> names = new ArrayList<>(4);
  private final List<String> view = Collections.unmodifiableList(names);

  public ClientClasses() {}

  /** A set holding {@code names} in order (tests). */
  public static ClientClasses of(String... names) {
    ClientClasses c = new ClientClasses();
    for (String n : names) {
      c.add(n);
    }
    return c;
  }

  /** Adds {@code name} at the end unless it is already there. */
  public void add(String name) {
    if (!names.contains(name)) {
      names.add(name);
    }
  }

  /** {@link #add}s each of {@code more}, in its order. */
  public void addAll(Collection<String> more) {
    for (String name : more) {
      add(name);
    }
  }

  /** {@link #add}s each class of {@code more}, in its order. */
  public void addAll(ClientClasses more) {
    for (int i = 0; i < more.names.size(); i++) {
      add(more.names.get(i));
    }
  }

  public void remove(String name) {
    names.remove(name);
  }

  public boolean contains(String name) {
    return names.contains(name);
  }

  public boolean isEmpty() {
    return names.isEmpty();
  }

  /** The names in order, each once; an unmodifiable view. */
  public List<String> names() {
    return view;
  }

  /** A copy in order. */
  public List<String> toList() {
    return new ArrayList<>(names);
  }

  @Override
  public String toString() {
    return String.join(", ", names);
  }
}
