package io.d2j.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The package this module's build made: {@code dist/target/d2j_<version>_all.deb}. */
final class DebFile {
  private DebFile() {}

  static Path find() throws IOException {
    Path target = Paths.root().resolve("dist/target");
    try (Stream<Path> files = Files.list(target)) {
      List<Path> debs =
          files.filter(f -> f.getFileName().toString().matches("d2j_.*_all\\.deb")).toList();
      if (debs.size() != 1) {
        throw new IOException(
            "expected one d2j_*_all.deb in "
                + target
                + " (mvn -pl dist -am package), found "
                + debs);
      }
      return debs.get(0);
    }
  }
}
