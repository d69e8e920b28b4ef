package io.d2j.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A systemd unit file read as systemd reads its simple cases: sections, {@code key=value} lines,
 * {@code #}/{@code ;} comments, a key given twice keeps both values, an empty assignment clears the
 * values before it.
 */
final class UnitFile {
  private final Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();

  static UnitFile read(Path file) throws IOException {
    UnitFile unit = new UnitFile();
    String section = null;
    int number = 0;
    for (String raw : Files.readAllLines(file)) {
      number++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        section = line.substring(1, line.length() - 1);
        unit.sections.putIfAbsent(section, new LinkedHashMap<>());
        continue;
      }
      int eq = line.indexOf('=');
      if (section == null || eq < 1) {
        throw new IOException(file + ":" + number + ": not a section or key=value: " + raw);
      }
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      List<String> values = unit.sections.get(section).computeIfAbsent(key, k -> new ArrayList<>());
      if (value.isEmpty()) {
        values.clear();
      }
      values.add(value);
    }
    return unit;
  }

  /** Every value of {@code key} in {@code section}, in order; empty when absent. */
  List<String> values(String section, String key) {
    return sections.getOrDefault(section, Map.of()).getOrDefault(key, List.of());
  }

  /** The space-separated words of every value of {@code key}, as list settings combine them. */
  List<String> words(String section, String key) {
    List<String> words = new ArrayList<>();
    for (String value : values(section, key)) {
      for (String word : value.split("\\s+")) {
        if (!word.isEmpty()) {
          words.add(word);
        }
      }
    }
    return words;
  }

  /** The last value of {@code key}, which is the one systemd uses for a single-valued setting. */
  String value(String section, String key) {
    List<String> values = values(section, key);
    return values.isEmpty() ? null : values.get(values.size() - 1);
  }
}
