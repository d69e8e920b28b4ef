package io.d2j.dhcp4.classify;

import java.util.Objects;
import java.util.Optional;

/**
 * The classification part of one client class definition.
 *
 * @param name the class name
 * @param test its compiled test; empty for a class only assigned by reservations or hooks
 * @param onlyIfRequired evaluated only when a network, subnet or pool requires it, after allocation
 */
public record ClassTest(String name, Optional<Expression> test, boolean onlyIfRequired) {

  public ClassTest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(test, "test");
  }

  /** Whether the test reads KNOWN/UNKNOWN (evaluated after the host reservation lookup). */
  public boolean dependsOnKnown() {
    return test.map(Expression::dependsOnKnown).orElse(false);
  }
}
