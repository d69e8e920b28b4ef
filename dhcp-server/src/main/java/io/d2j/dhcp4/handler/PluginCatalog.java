package io.d2j.dhcp4.handler;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** The plugins available by name: the built-ins plus those found by {@link ServiceLoader}. */
public final class PluginCatalog {

  private final Map<String, DhcpPlugin> byName = new LinkedHashMap<>();

  /** A catalog of exactly these plugins (tests, and the composition root). */
  public PluginCatalog(Collection<? extends DhcpPlugin> plugins) {
    for (DhcpPlugin p : plugins) {
      DhcpPlugin first = byName.putIfAbsent(p.name(), p);
      if (first != null) {
        throw new IllegalStateException(
            "two plugins are named '"
                + p.name()
                + "': "
                + first.getClass().getName()
                + " and "
                + p.getClass().getName());
      }
    }
  }

  /** {@code builtIns} plus every {@link DhcpPlugin} on the class path's service registry. */
  public static PluginCatalog withServiceLoader(
      Collection<? extends DhcpPlugin> builtIns, ClassLoader loader) {
    java.util.ArrayList<DhcpPlugin> all = new java.util.ArrayList<>(builtIns);
    ServiceLoader.load(DhcpPlugin.class, loader).forEach(all::add);
    return new PluginCatalog(all);
  }

  public Optional<DhcpPlugin> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public java.util.Set<String> names() {
    return byName.keySet();
  }
}
