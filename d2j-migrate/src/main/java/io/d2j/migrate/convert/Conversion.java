package io.d2j.migrate.convert;

import io.d2j.migrate.conf.ConfSyntaxException;
import io.d2j.migrate.conf.Statement;
import io.d2j.migrate.conf.Token;
import io.d2j.migrate.json.JMap;
import io.d2j.migrate.json.Member;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The state one conversion shares between its parts: the switches, the report, the output root, the
 * option catalogue, subnet numbering, and the helpers that comment a construct out or note it while
 * recording it in the report.
 */
final class Conversion {
  final Settings settings;
  final Report report = new Report();
  final Resolver resolver;

  /** The server's map, {@code Dhcp4} or {@code Dhcp6}. */
  final JMap root = new JMap();

  final OptionCatalog options = new OptionCatalog();
  final Set<String> interfaces = new LinkedHashSet<>();

  /** Kea spaces other than the standard ones that received option data. */
  final Set<String> spacesWithData = new LinkedHashSet<>();

  /** Every subnet, in declaration order, for reservations placed by address ({@code -N}). */
  final List<Scope> subnets = new ArrayList<>();

  private int nextSubnetId = 1;

  /** The input's name, for notes about the whole file. */
  String sourceName = "dhcpd.conf";

  Conversion(Settings settings, Resolver resolver) {
    this.settings = settings;
    this.resolver = resolver;
  }

  Family family() {
    return settings.family();
  }

  boolean v4() {
    return settings.family() == Family.V4;
  }

  int nextSubnetId() {
    return nextSubnetId++;
  }

  /** Records a plain conversion and keeps the statement's comments on the member it produced. */
  Member converted(Statement s, Member produced) {
    report.add(s, Action.CONVERTED, "");
    return keepComments(s, produced);
  }

  /** Records a plain conversion that produced no member of its own; comments stay at the place. */
  void converted(Statement s, Scope scope) {
    report.add(s, Action.CONVERTED, "");
    keepComments(s, scope);
  }

  /** Records a conversion with a behaviour difference, noted on the member it produced. */
  Member partial(Statement s, Member produced, String reason) {
    report.add(s, Action.PARTIAL, reason);
    keepComments(s, produced);
    return produced.note(reason + " (" + s.where() + ")");
  }

  /** Records a note about a statement, printed at the scope's place. */
  void note(Statement s, Scope scope, String text) {
    report.add(s, Action.NOTE, text);
    List<String> lines = new ArrayList<>(comments(s));
    lines.add(text + " (" + s.where() + ": " + Report.construct(s) + ")");
    scope.place().comment(lines);
  }

  /** Records a note that belongs to a member. */
  Member note(Statement s, Member on, String text) {
    report.add(s, Action.NOTE, text);
    return on.note(text + " (" + s.where() + ")");
  }

  /**
   * Leaves a statement out of the live output: printed commented out at the scope's place with the
   * reason, and listed in the report.
   */
  void commentOut(Statement s, Scope scope, String reason) {
    commentOut(s, scope.place(), reason);
  }

  void commentOut(Statement s, JMap place, String reason) {
    report.add(s, Action.COMMENTED, reason);
    place.comment(commentLines(s, reason));
  }

  /** The lines that stand for a construct left out: why, then its text behind {@code //}. */
  List<String> commentLines(Statement s, String reason) {
    List<String> lines = new ArrayList<>(comments(s));
    lines.add("not converted (" + s.where() + "): " + reason);
    for (String line : Sources.text(s).split("\n", -1)) {
      lines.add("  " + line);
    }
    return lines;
  }

  /** The statement's dhcpd.conf comments as {@code #} note lines. */
  static List<String> comments(Statement s) {
    List<String> lines = new ArrayList<>();
    for (Token c : s.comments()) {
      lines.add("#" + c.text());
    }
    s.trailingComment().ifPresent(c -> lines.add("#" + c.text()));
    return lines;
  }

  Member keepComments(Statement s, Member m) {
    List<String> lines = comments(s);
    m.notes().addAll(0, lines);
    return m;
  }

  void keepComments(Statement s, Scope scope) {
    List<String> lines = comments(s);
    if (!lines.isEmpty()) {
      scope.place().comment(lines);
    }
  }

  /**
   * An address for a host name where Kea needs one, under {@code -r}: resolved ({@code perform},
   * the report says to what), refused ({@code fatal}), or empty ({@code pass}: the caller comments
   * the construct out and reports it).
   */
  Optional<InetAddress> hostAddress(Token name, boolean v6) {
    switch (settings.resolve()) {
      case FATAL ->
          throw new ConfSyntaxException(
              name.position(),
              "'" + name.text() + "' is a host name where an address is required (-r fatal)");
      case PASS -> {
        return Optional.empty();
      }
      case PERFORM -> {
        List<InetAddress> found =
            resolver.resolve(name.text()).stream()
                .filter(a -> (a instanceof java.net.Inet6Address) == v6)
                .toList();
        if (found.isEmpty()) {
          report.add(
              name.position(),
              name.text(),
              Action.NOTE,
              "did not resolve to an address (-r perform)");
          return Optional.empty();
        }
        report.add(
            name.position(),
            name.text(),
            Action.NOTE,
            "resolved to "
                + Addresses.text(found.get(0))
                + (found.size() > 1 ? " (first of " + found.size() + " addresses)" : "")
                + " (-r perform)");
        return Optional.of(found.get(0));
      }
    }
    throw new IllegalStateException(settings.resolve().toString());
  }

  /** The reason text for a host name left unconverted under the current policy. */
  String unresolvedReason(String name) {
    return settings.resolve() == ResolvePolicy.PERFORM
        ? "'" + name + "' did not resolve; Kea needs an address"
        : "'"
            + name
            + "' is a host name and Kea needs an address (use -r perform to look it up, or"
            + " write the address)";
  }
}
