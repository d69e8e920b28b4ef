package io.d2j.dhcp4.config;

import io.d2j.dhcp4.classify.ClassTest;
import io.d2j.dhcp4.classify.Classifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configured client classes in definition order (the order Kea evaluates them in). */
public final class ClassDictionary {

  private final List<ClientClassDef> classes;
  private final Map<String, ClientClassDef> byName;
  private final Classifier classifier;

  public ClassDictionary(List<ClientClassDef> classes) {
    this(classes, new Classifier(classes.stream().map(ClientClassDef::test).toList()));
  }

  private ClassDictionary(List<ClientClassDef> classes, Classifier classifier) {
    this.classes = List.copyOf(classes);
    Map<String, ClientClassDef> m = new LinkedHashMap<>();
    this.classes.forEach(c -> m.put(c.name(), c));
    this.byName = m;
    this.classifier = classifier;
  }

  /**
   * These classes, with a built-in class the classifier computes from each query first (the HA
   * relationship's {@code HA_<server>}).
   */
  public ClassDictionary withQueryClass(
      java.util.function.Function<io.d2j.dhcp4.packet.DhcpPacket, Optional<String>> classOf) {
    return new ClassDictionary(classes, classifier.withQueryClass(classOf));
  }

  public static ClassDictionary empty() {
    return new ClassDictionary(List.of());
  }

  public List<ClientClassDef> all() {
    return classes;
  }

  public Optional<ClientClassDef> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The classification passes over these classes. */
  public Classifier classifier() {
    return classifier;
  }

  /** The test part of each class, in order. */
  public List<ClassTest> tests() {
    return classes.stream().map(ClientClassDef::test).toList();
  }
}
