package io.d2j.keacontrol.logging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docs/log-messages.md read back, to check a daemon's log enum against it: every line the code can
 * log has a row (its id, a level naming its severity, its logger), and every id a row names is one
 * the code has. A row's id cell may name several ids ({@code `A`, `B`}), Kea's shorthand {@code `A`
 * / `_SUCCESS`} ({@code A_SUCCESS}), and {@code <STEP>} for each step the catalogue lists after
 * "{@code `<STEP>` is one of}". Used by the daemons' catalogue tests; here because both daemons
 * keep their catalogue in the same file and format.
 */
public final class LogCatalogue {

  /** One table row: the ids it names, its level and logger cells, its line in the file. */
  public record Row(Set<String> ids, String level, String logger, int line) {}

  private static final Pattern TICKED = Pattern.compile("`([^`]+)`");

  private final List<Row> rows;

  private LogCatalogue(List<Row> rows) {
    this.rows = List.copyOf(rows);
  }

  /**
   * The rows between the line starting {@code from} (or the file's start, when empty) and the next
   * line starting {@code to} (or the end).
   */
  public static LogCatalogue read(Path file, String from, String to) throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<String> steps = steps(lines);
    List<Row> rows = new ArrayList<>();
    boolean in = from.isEmpty();
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n);
      if (!in) {
        in = line.startsWith(from);
        continue;
      }
      if (!to.isEmpty() && line.startsWith(to)) {
        break;
      }
      if (!line.startsWith("| `")) {
        continue;
      }
      String[] cells = line.split(" \\| ");
      if (cells.length < 4) {
        continue;
      }
      rows.add(new Row(ids(cells[0].substring(2), steps), cells[1], cells[2], n + 1));
    }
    return new LogCatalogue(rows);
  }

  public List<Row> rows() {
    return rows;
  }

  /** Every id the rows name. */
  public Set<String> ids() {
    Set<String> out = new LinkedHashSet<>();
    rows.forEach(r -> out.addAll(r.ids()));
    return out;
  }

  /**
   * What does not agree: a line with no row of its id, level and logger; an id in the rows that is
   * neither one of {@code lines} nor one of {@code others} (ids logged by a shared module, or named
   * inside another line's text). Empty when all agree.
   */
  public List<String> check(Collection<? extends LogId> lines, Set<String> others) {
    List<String> problems = new ArrayList<>();
    Set<String> known = new LinkedHashSet<>(others);
    for (LogId l : lines) {
      known.add(l.id());
      List<Row> named = rows.stream().filter(r -> r.ids().contains(l.id())).toList();
      if (named.isEmpty()) {
        problems.add(l.id() + ": no row in the catalogue");
        continue;
      }
      boolean agrees =
          named.stream()
              .anyMatch(
                  r ->
                      l.logger().isEmpty()
                          ? r.level().contains("stderr")
                          : r.level().contains(l.severity().name())
                              && l.also().stream().allMatch(a -> r.level().contains(a.name()))
                              && loggers(r.logger()).contains(l.logger()));
      if (!agrees) {
        problems.add(
            l.id()
                + " ("
                + (l.logger().isEmpty() ? "stderr" : l.severity() + ", " + l.logger())
                + "): the row at line "
                + named.get(0).line()
                + " says level '"
                + named.get(0).level()
                + "', logger '"
                + named.get(0).logger()
                + "'");
      }
    }
    for (Row r : rows) {
      for (String id : r.ids()) {
        if (!known.contains(id)) {
          problems.add(id + " (line " + r.line() + "): in the catalogue, never logged by the code");
        }
      }
    }
    return problems;
  }

  private static Set<String> loggers(String cell) {
    Set<String> out = new LinkedHashSet<>();
    for (String part : cell.split("/|,")) {
      out.add(part.trim());
    }
    return out;
  }

  private static Set<String> ids(String cell, List<String> steps) {
    Set<String> out = new LinkedHashSet<>();
    String base = null;
    Matcher m = TICKED.matcher(cell);
    while (m.find()) {
      String token = m.group(1);
      if (token.startsWith("_") && base != null) {
        out.add(base + token);
        continue;
      }
      base = token;
      if (token.contains("<STEP>")) {
        steps.forEach(s -> out.add(token.replace("<STEP>", s)));
      } else {
        out.add(token);
      }
    }
    return out;
  }

  /** The steps of "`<STEP>` is one of `A`, `B`, ..., as in Kea." (one or two lines). */
  private static List<String> steps(List<String> lines) {
    for (int n = 0; n < lines.size(); n++) {
      if (lines.get(n).startsWith("`<STEP>` is one of")) {
        String text = lines.get(n) + (n + 1 < lines.size() ? " " + lines.get(n + 1) : "");
        List<String> out = new ArrayList<>();
        Matcher m = TICKED.matcher(text.substring(text.indexOf("one of")));
        while (m.find()) {
          out.add(m.group(1));
        }
        return out;
      }
    }
    return List.of();
  }
}
