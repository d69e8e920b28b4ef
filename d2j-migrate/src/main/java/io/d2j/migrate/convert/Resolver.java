package io.d2j.migrate.convert;

import java.net.InetAddress;
import java.util.List;

/** Looks host names up for {@link ResolvePolicy#PERFORM}; injected so tests need no DNS. */
@FunctionalInterface
public interface Resolver {

  /** The addresses of {@code name}, empty when it has none. */
  List<InetAddress> resolve(String name);
}
