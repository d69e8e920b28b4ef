package io.d2j.dist;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's files are, for tests run by Maven or from an IDE. */
final class Paths {
  private Paths() {}

  /** The repository root: the {@code d2j.root} property Maven sets, else the parent directory. */
  static Path root() {
    String root = System.getProperty("d2j.root");
    Path candidate = root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
    if (!Files.isDirectory(candidate.resolve("packaging"))) {
      throw new IllegalStateException("no packaging/ under " + candidate + " (set -Dd2j.root)");
    }
    return candidate;
  }

  static Path packaging() {
    return root().resolve("packaging");
  }
}
