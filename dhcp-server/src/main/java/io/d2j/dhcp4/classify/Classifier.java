package io.d2j.dhcp4.classify;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.dhcp4.packet.OptionCodes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Kea 2.2's classification passes over the configured classes, in definition order:
 *
 * <ol>
 *   <li>{@link #initial}: {@code ALL}, {@code VENDOR_CLASS_<option 60>}, the query's {@code
 *       HA_<server>} class when HA is configured ({@link #withQueryClass}), then every test that
 *       neither depends on KNOWN/UNKNOWN nor is {@code only-if-required} (before subnet selection,
 *       which classes restrict);
 *   <li>{@link #afterHostLookup}: the reservation's {@code client-classes}, {@code KNOWN} or {@code
 *       UNKNOWN}, then the tests that depend on them;
 *   <li>{@link #required}: the {@code only-if-required} classes the shared network, the subnet and
 *       the pool of the address name in {@code require-client-classes}, in that order (after
 *       allocation, before the reply's options).
 * </ol>
 *
 * A test that fails to evaluate leaves its class unassigned and is reported; the others go on.
 * Immutable; the per-query state is the {@link ClientClasses} passed in.
 */
public final class Classifier {

  /** Told about each test that could not be evaluated for a query. */
  @FunctionalInterface
  public interface FailureListener {
    void failed(String className, EvaluationException e);
  }

  private final List<ClassTest> tests;
  private final Map<String, ClassTest> byName;
  private final Function<DhcpPacket, Optional<String>> queryClass;

  public Classifier(List<ClassTest> tests) {
    this(tests, q -> Optional.empty());
  }

  private Classifier(List<ClassTest> tests, Function<DhcpPacket, Optional<String>> queryClass) {
    this.queryClass = java.util.Objects.requireNonNull(queryClass, "queryClass");
    this.tests = List.copyOf(tests);
    Map<String, ClassTest> m = new java.util.HashMap<>();
    for (ClassTest t : this.tests) {
      m.put(t.name(), t);
    }
    this.byName = Map.copyOf(m);
  }

  /** No configured classes: only the built-in ones. */
  public static Classifier none() {
    return new Classifier(List.of());
  }

  /**
   * The same classes, plus a built-in class computed from each query before the tests run (HA's
   * {@code HA_<server>}, as Kea's HA hook adds it before classification); empty: none.
   */
  public Classifier withQueryClass(Function<DhcpPacket, Optional<String>> classOf) {
    return new Classifier(tests, classOf);
  }

  /** The first pass; returns the query's new class set. */
  public ClientClasses initial(PacketFacts facts, FailureListener failures) {
    ClientClasses classes = new ClientClasses();
    classes.add(BuiltInClasses.ALL);
    Octets vendor = facts.query().options().find(OptionCodes.VENDOR_CLASS_IDENTIFIER);
    if (vendor != null) {
      // Kea reads option 60 as a string: trailing NULs are cut, one of only NULs is skipped.
      int n = vendor.length();
      while (n > 0 && vendor.get(n - 1) == 0) {
        n--;
      }
      if (n > 0) {
        classes.add(
            BuiltInClasses.VENDOR_CLASS_PREFIX
                + new String(vendor.slice(0, n).toByteArray(), StandardCharsets.UTF_8));
      }
    }
    queryClass.apply(facts.query()).ifPresent(classes::add);
    pass(facts, classes, false, failures);
    return classes;
  }

  /**
   * The second pass, once host reservations were looked up.
   *
   * @param reserved the {@code client-classes} of the reservation found, in its order
   * @param known whether a reservation was found
   */
  public void afterHostLookup(
      PacketFacts facts,
      ClientClasses classes,
      List<String> reserved,
      boolean known,
      FailureListener failures) {
    classes.addAll(reserved);
    classes.add(known ? BuiltInClasses.KNOWN : BuiltInClasses.UNKNOWN);
    pass(facts, classes, true, failures);
  }

  /**
   * Reserved classes that change the first pass's picture: Kea drops every class a test assigned,
   * adds the reserved ones and runs the first pass again (so {@code not member('a')} sees a
   * reserved {@code a}). Used for global reservations and subnets outside shared networks.
   */
  public void reevaluateWithReserved(
      PacketFacts facts, ClientClasses classes, List<String> reserved, FailureListener failures) {
    for (ClassTest t : tests) {
      if (t.test().isPresent()) {
        classes.remove(t.name());
      }
    }
    classes.addAll(reserved);
    pass(facts, classes, false, failures);
  }

  /** The {@code only-if-required} classes in {@code names}, each evaluated once, in order. */
  public void required(
      PacketFacts facts, ClientClasses classes, List<String> names, FailureListener failures) {
    for (String name : names) {
      ClassTest t = byName.get(name);
      if (t == null || t.test().isEmpty()) {
        // Kea: an undefined or untestable class is skipped (debug log only).
        continue;
      }
      evaluate(t, facts, classes, failures);
    }
  }

  private void pass(
      PacketFacts facts, ClientClasses classes, boolean dependsOnKnown, FailureListener failures) {
    for (int i = 0; i < tests.size(); i++) {
      ClassTest t = tests.get(i);
      if (t.test().isEmpty() || t.onlyIfRequired() || t.dependsOnKnown() != dependsOnKnown) {
        continue;
      }
      evaluate(t, facts, classes, failures);
    }
  }

  private static void evaluate(
      ClassTest t, PacketFacts facts, ClientClasses classes, FailureListener failures) {
    try {
      if (t.test().get().matches(facts, classes)) {
        classes.add(t.name());
      }
    } catch (EvaluationException e) {
      failures.failed(t.name(), e);
    }
  }
}
