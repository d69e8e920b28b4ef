package io.d2j.migrate.corpus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the expected files of the corpus from the converter's current output (a developer tool,
 * not a test): {@code java ... CorpusRegen [stem...]}. Review every change with {@code git diff}
 * before committing: the expected files are the specification.
 */
public final class CorpusRegen {
  private CorpusRegen() {}

  public static void main(String[] args) throws Exception {
    Path tmp = Files.createTempDirectory("corpus-regen");
    List<String> only = List.of(args);
    for (CorpusCase c : CorpusCase.all()) {
      if (!only.isEmpty() && !only.contains(c.stem())) {
        continue;
      }
      CorpusRun run = CorpusRun.of(c, c.runs().get(0), tmp);
      if (c.isError()) {
        Files.writeString(c.sibling("msg"), run.firstErrorLine());
        if (run.exit() != 255) {
          System.err.println(c + ": exit " + run.exit() + ", not 255");
        }
        continue;
      }
      Files.writeString(c.sibling("out"), run.stdout());
      Files.writeString(c.sibling("report"), run.stderr());
      if (run.d2().isPresent()) {
        Files.writeString(c.sibling("d2"), run.d2().get());
      } else {
        Files.deleteIfExists(c.sibling("d2"));
      }
      System.out.println(c + ": exit " + run.exit());
    }
  }
}
