package io.d2j.migrate.convert;

import io.d2j.migrate.conf.Block;
import io.d2j.migrate.json.JList;
import io.d2j.migrate.json.JMap;
import io.d2j.migrate.json.JValue;
import java.util.List;
import java.util.Optional;

/**
 * Converts a parsed dhcpd.conf into Kea's format.
 *
 * <pre>{@code
 * Block conf = ConfParser.parse("dhcpd.conf", path, text, includes);
 * Migration.Result r = Migration.convert(conf, Settings.of(Family.V4), resolver);
 * String dhcp4 = JsonWriter.write(r.document());   // {"Dhcp4": {...}}
 * r.report().text();                                // what was not converted, and why
 * }</pre>
 */
public final class Migration {
  private Migration() {}

  /**
   * The outcome.
   *
   * @param document {@code {"Dhcp4": {...}}} or {@code {"Dhcp6": {...}}}
   * @param d2Document {@code {"DhcpDdns": {...}}}, when asked for and the input has DNS settings
   * @param report every construct's fate
   */
  public record Result(JMap document, Optional<JMap> d2Document, Report report) {}

  /**
   * Runs the conversion.
   *
   * @throws io.d2j.migrate.conf.ConfSyntaxException at the first construct that is wrong (as dhcpd
   *     would refuse it) or cannot be converted at all
   */
  public static Result convert(Block conf, Settings settings, Resolver resolver) {
    Conversion c = new Conversion(settings, resolver);
    c.sourceName = conf.end().source();
    vendorSpace(conf, c);
    JMap ifaces = c.root.map("interfaces-config");
    Walker walker = new Walker(c);
    walker.walk(conf.statements(), Scope.root(c.root));
    conf.trailingComments().forEach(t -> c.root.closingNotes().add("#" + t.text()));
    walker.classes.finish();
    walker.hosts.finish();
    walker.classes.definitions.finish(c.spacesWithData);
    JList names = new JList();
    c.interfaces.forEach(names::add);
    ifaces.put("interfaces", names);
    if (c.interfaces.isEmpty()) {
      c.root
          .member("interfaces-config")
          .orElseThrow()
          .note(
              "dhcpd took the interfaces to serve from its command line: list them here, e.g."
                  + " \"eth0\"");
    }
    defaults(c);
    Optional<JMap> d2 = walker.dns.finish(c.subnets, walker.hosts.anyFixedAddress);
    JMap document = new JMap();
    document.put(settings.family().rootKey(), c.root);
    return new Result(document, d2, c.report);
  }

  /** Kea's space for option 43's sub-options. */
  static final String VENDOR_SPACE = "vendor-encapsulated-options-space";

  /**
   * When every {@code vendor-option-space} statement names the same space, that space's options are
   * Kea's option 43 sub-options (its definitions and data go to {@link #VENDOR_SPACE}).
   */
  private static void vendorSpace(Block conf, Conversion c) {
    java.util.Set<String> named = new java.util.HashSet<>();
    collectVendorSpaces(conf.statements(), named);
    if (named.size() == 1 && c.v4()) {
      c.options.mapSpace(named.iterator().next(), VENDOR_SPACE);
    }
  }

  private static void collectVendorSpaces(
      List<io.d2j.migrate.conf.Statement> statements, java.util.Set<String> named) {
    for (var s : statements) {
      if (s.keyword().equals("vendor-option-space") && s.words().size() == 2) {
        named.add(s.words().get(1).text().toLowerCase(java.util.Locale.ROOT));
      }
      collectVendorSpaces(s.children(), named);
    }
  }

  /** {@code -D}: dhcpd's built-in lifetimes where the input sets none (keama's switch). */
  private static void defaults(Conversion c) {
    if (!c.settings.iscDefaults()) {
      return;
    }
    for (var d :
        List.of(
            new Object[] {"valid-lifetime", 43200L}, new Object[] {"max-valid-lifetime", 86400L})) {
      String key = (String) d[0];
      if (!c.root.has(key)) {
        c.root.put(key, JValue.of((Long) d[1])).note("dhcpd's built-in value (-D)");
      }
    }
  }
}
