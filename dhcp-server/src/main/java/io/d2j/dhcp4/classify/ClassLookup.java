package io.d2j.dhcp4.classify;

/**
 * What a {@code member('NAME')} may name while a class's test compiles: a class defined before it
 * in {@code client-classes}, or a built-in one ({@link BuiltInClasses}).
 */
@FunctionalInterface
public interface ClassLookup {

  /** How a class name is known to the test being compiled. */
  enum Known {
    /** Not defined before this class, and not built in: the test is refused. */
    UNDEFINED,
    /** Defined; evaluating it needs no host reservation lookup. */
    DEFINED,
    /** KNOWN, UNKNOWN, or a class whose test depends on them. */
    DEPENDS_ON_KNOWN
  }

  Known lookup(String name);
}
