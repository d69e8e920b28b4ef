package io.d2j.migrate.convert;

import io.d2j.keaconfig.SourcePosition;
import io.d2j.migrate.conf.Statement;
import io.d2j.migrate.json.JList;
import io.d2j.migrate.json.JMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the conversion decided, construct by construct: what was converted, what only partly,
 * what is left commented out and why, and notes. Secrets never appear in it.
 */
public final class Report {
  private final Set<ReportItem> items = new LinkedHashSet<>();

  /**
   * Records an item (a repeat of the same item, e.g. a group parameter copied twice, counts once).
   */
  public void add(SourcePosition at, String construct, Action action, String reason) {
    items.add(new ReportItem(at, construct, action, reason));
  }

  /** Records an item about a statement, named by its header. */
  public void add(Statement s, Action action, String reason) {
    add(s.position(), construct(s), action, reason);
  }

  /** The statement as the report names it: its header, with a key's secret redacted. */
  public static String construct(Statement s) {
    if (s.keyword().equals("secret")) {
      return "secret [redacted]";
    }
    String header = s.headerText();
    return header.length() > 200 ? header.substring(0, 197) + "..." : header;
  }

  /** Whether an item was recorded for the statement. */
  boolean covers(Statement s) {
    SourcePosition at = s.position();
    return items.stream().anyMatch(i -> i.position().equals(at));
  }

  /** Items in source order (file, then line), the order they were met within a line. */
  public List<ReportItem> items() {
    List<ReportItem> sorted = new ArrayList<>(items);
    sorted.sort(
        Comparator.comparing((ReportItem i) -> i.position().source())
            .thenComparingInt(i -> i.position().line()));
    return sorted;
  }

  /** How many items of each action. */
  public Map<Action, Integer> counts() {
    Map<Action, Integer> counts = new EnumMap<>(Action.class);
    for (Action a : Action.values()) {
      counts.put(a, 0);
    }
    items.forEach(i -> counts.merge(i.action(), 1, Integer::sum));
    return counts;
  }

  /** Constructs left commented out: keama's exit status, here never wrapping (capped at 254). */
  public int notConverted() {
    return counts().get(Action.COMMENTED);
  }

  /** The text report: one line per item other than plain conversions, then a summary line. */
  public String text() {
    StringBuilder b = new StringBuilder();
    for (ReportItem i : items()) {
      if (i.action() != Action.CONVERTED) {
        b.append(i.line()).append('\n');
      }
    }
    Map<Action, Integer> c = counts();
    b.append(
        String.format(
            "d2j-migrate: %d converted, %d converted with a difference, %d not converted"
                + " (commented out in the output), %d notes%n",
            c.get(Action.CONVERTED),
            c.get(Action.PARTIAL),
            c.get(Action.COMMENTED),
            c.get(Action.NOTE)));
    return b.toString();
  }

  /** The machine-readable report ({@code --report json}). */
  public JMap json() {
    JMap root = new JMap();
    JMap counts = root.map("counts");
    counts().forEach((a, n) -> counts.put(a.code(), n));
    JList list = root.list("items");
    for (ReportItem i : items()) {
      JMap m = new JMap();
      m.put("file", i.position().source());
      m.put("line", i.position().line());
      m.put("construct", i.construct());
      m.put("action", i.action().code());
      m.put("reason", i.reason());
      list.add(m);
    }
    return root;
  }
}
