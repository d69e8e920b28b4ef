package io.d2j.dhcp4.classify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The classes one query belongs to, in the order it joined them (Kea's order: {@code ALL}, the
 * {@code VENDOR_CLASS_} class, tested classes in definition order, reserved classes, {@code
 * KNOWN}/{@code UNKNOWN}, later passes). The order decides which class's option-data, {@code
 * next-server}, {@code server-hostname} and {@code boot-file-name} win. Confined to the thread
 * handling the query.
 */
public final class ClientClasses {

  private final LinkedHashSet<String> names = new LinkedHashSet<>();

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
    names.add(name);
  }

  public void addAll(Collection<String> more) {
    names.addAll(more);
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

  /** The names in order; unmodifiable. */
  public Set<String> names() {
    return Collections.unmodifiableSet(names);
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
