package io.d2j.migrate.json;

import java.util.ArrayList;
import java.util.List;

/**
 * Prints a {@link JValue} as Kea-style JSON: two-space indentation, notes as {@code //} lines
 * before their member, kept dhcpd.conf comments as {@code #} lines, commented-out members with
 * every line behind {@code //}, and commas only between live members (Kea 2.2 refuses trailing
 * commas). Lists of plain scalars that fit stay on one line.
 *
 * <pre>{@code
 * {
 *   "Dhcp4": {
 *     // from dhcpd.conf line 3: default-lease-time 600
 *     "valid-lifetime": 600,
 *     // "one-lease-per-client": true
 *     "authoritative": true
 *   }
 * }
 * }</pre>
 */
public final class JsonWriter {
  private static final int INLINE_WIDTH = 100;

  private JsonWriter() {}

  /** The document text, ending with a newline. */
  public static String write(JValue value) {
    List<String> lines = new ArrayList<>();
    render(value, "", "", lines);
    return String.join("\n", lines) + "\n";
  }

  /** The live parts of a value on one line, without notes (for the report and for notes). */
  public static String compact(JValue value) {
    if (value instanceof JMap map) {
      List<String> parts = new ArrayList<>();
      for (Member m : map.members()) {
        if (m.isLive()) {
          parts.add(quote(m.key()) + ": " + compact(m.value()));
        }
      }
      return parts.isEmpty() ? "{ }" : "{ " + String.join(", ", parts) + " }";
    }
    if (value instanceof JList list) {
      List<String> parts = new ArrayList<>();
      for (Member m : list.items()) {
        if (m.isLive()) {
          parts.add(compact(m.value()));
        }
      }
      return parts.isEmpty() ? "[ ]" : "[ " + String.join(", ", parts) + " ]";
    }
    return scalar(value);
  }

  /** Renders {@code prefix + value} starting on the current line at {@code indent}. */
  private static void render(JValue value, String indent, String prefix, List<String> out) {
    if (value instanceof JMap map) {
      if (map.isEmpty()) {
        out.add(indent + prefix + "{ }");
        return;
      }
      out.add(indent + prefix + "{");
      renderMembers(map.members(), map.closingNotes(), indent + "  ", true, out);
      out.add(indent + "}");
    } else if (value instanceof JList list) {
      String inline = inline(list);
      if (inline != null && (indent + prefix + inline).length() <= INLINE_WIDTH) {
        out.add(indent + prefix + inline);
        return;
      }
      out.add(indent + prefix + "[");
      renderMembers(list.items(), list.closingNotes(), indent + "  ", false, out);
      out.add(indent + "]");
    } else {
      out.add(indent + prefix + scalar(value));
    }
  }

  private static void renderMembers(
      List<Member> members, List<String> closing, String indent, boolean keyed, List<String> out) {
    int lastLive = -1;
    for (int i = 0; i < members.size(); i++) {
      if (members.get(i).isLive()) {
        lastLive = i;
      }
    }
    for (int i = 0; i < members.size(); i++) {
      Member m = members.get(i);
      notes(m.notes(), indent, out);
      if (m.isComment()) {
        continue;
      }
      String prefix = keyed ? quote(m.key()) + ": " : "";
      List<String> lines = new ArrayList<>();
      render(m.value(), indent, prefix, lines);
      if (m.commentedOut()) {
        for (String line : lines) {
          String body = line.substring(Math.min(indent.length(), leading(line)));
          out.add(indent + "// " + body);
        }
      } else {
        if (i < lastLive) {
          lines.set(lines.size() - 1, lines.get(lines.size() - 1) + ",");
        }
        out.addAll(lines);
      }
    }
    notes(closing, indent, out);
  }

  private static int leading(String line) {
    int n = 0;
    while (n < line.length() && line.charAt(n) == ' ') {
      n++;
    }
    return n;
  }

  private static void notes(List<String> notes, String indent, List<String> out) {
    for (String note : notes) {
      for (String line : note.split("\n", -1)) {
        out.add(line.startsWith("#") ? indent + line : indent + "// " + line);
      }
    }
  }

  private static String inline(JList list) {
    if (!list.closingNotes().isEmpty()) {
      return null;
    }
    if (list.items().isEmpty()) {
      return "[ ]";
    }
    List<String> parts = new ArrayList<>();
    for (Member m : list.items()) {
      if (!m.isLive() || !m.notes().isEmpty() || m.value() instanceof JMap) {
        return null;
      }
      if (m.value() instanceof JList) {
        return null;
      }
      parts.add(scalar(m.value()));
    }
    return "[ " + String.join(", ", parts) + " ]";
  }

  private static String scalar(JValue v) {
    if (v instanceof JString s) {
      return quote(s.value());
    }
    if (v instanceof JNumber n) {
      return n.text();
    }
    if (v instanceof JBool b) {
      return Boolean.toString(b.value());
    }
    throw new IllegalArgumentException("not a scalar: " + v);
  }

  /** A JSON string literal. */
  public static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
