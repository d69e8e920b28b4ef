package io.d2j.keaconfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads a Kea configuration document: JSON with {@code #}, {@code //} and (non-nesting) block
 * comments, trailing commas, and {@code <?include "file" ?>} directives (textual inclusion;
 * relative names resolve against the including file's directory). For example:
 *
 * <pre>
 * # d2.json
 * { "DhcpDdns": {
 *     "port": 53001,                       // default anyway
 *     "tsig-keys": [ &lt;?include "keys.json" ?&gt; ],
 * } }
 * </pre>
 *
 * <p>Every node knows its JSON path and source position; every error is a {@link ConfigException}
 * carrying both, e.g. {@code /DhcpDdns: expected ',' or '}' but found '"' (d2.json:4:5)}.
 */
public final class KeaConfigReader {

  private KeaConfigReader() {}

  /**
   * Reads and parses {@code file}; positions name it as given (relative stays relative).
   *
   * @throws IOException when {@code file} itself cannot be read
   * @throws ConfigException for syntax errors, include problems, or a top level that is not a map
   */
  public static ConfigMap read(Path file) throws IOException {
    String text = Files.readString(file);
    Path dir = file.getParent() == null ? Path.of("") : file.getParent();
    return parse(new SourceCursor(file.toString(), text, dir, file.toRealPath()));
  }

  /** Parses {@code text}; includes resolve against the current directory. */
  public static ConfigMap parse(String text, String sourceName) {
    return parse(text, sourceName, Path.of(""));
  }

  /**
   * Parses {@code text} named {@code sourceName} in positions; includes resolve in {@code baseDir}.
   */
  public static ConfigMap parse(String text, String sourceName, Path baseDir) {
    Objects.requireNonNull(sourceName, "sourceName");
    if (sourceName.isBlank()) {
      throw new IllegalArgumentException("sourceName: must not be blank");
    }
    return parse(new SourceCursor(sourceName, text, baseDir, null));
  }

  private static ConfigMap parse(SourceCursor main) {
    return new ConfigParser(new KeaLexer(main)).document();
  }
}
