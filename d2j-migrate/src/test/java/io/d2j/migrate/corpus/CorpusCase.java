package io.d2j.migrate.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One case of the conversion corpus (spec §7.5): an input whose extension says how to run it, and
 * the expected files with the same stem.
 *
 * <pre>
 * .in4 / .in6    working case, -4 / -6          expected: .out, .report (stderr), .d2 (DhcpDdns)
 * .inn / .inN    working case with -N
 * .ind / .inD    working case with -D
 * .inl / .inL    working case with -l HOOKS
 * .err           error case, run with -4 and -6  expected: .msg (first line of stderr), exit 255
 * .err4 / .err6  error case for one family
 * .errF / .errP  error case with -r fatal / -r pass (-4)
 * .args          extra arguments for the case (e.g. --target 2.6, -r perform)
 * .inc           a file other cases include, not a case
 * </pre>
 *
 * <p>A working case's stem contains 4 or 6, the family its output is checked with.
 */
record CorpusCase(Path input, String stem, String extension, List<String> baseArgs) {

  /** Where the corpus lives, relative to the module directory (surefire's working directory). */
  static final Path DIR = Path.of("src/test/resources/corpus");

  /**
   * The hook directory {@code .inl}/{@code .inL} cases pass with -l: Debian's, where Kea 2.2 has
   * it.
   */
  static final String HOOKS = "/usr/lib/x86_64-linux-gnu/kea/hooks";

  static List<CorpusCase> all() {
    try (Stream<Path> files = Files.list(DIR)) {
      return files
          .map(CorpusCase::of)
          .flatMap(Optional::stream)
          .sorted(
              (a, b) ->
                  a.input.getFileName().toString().compareTo(b.input.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Optional<CorpusCase> of(Path input) {
    String name = input.getFileName().toString();
    int dot = name.lastIndexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    String stem = name.substring(0, dot);
    String ext = name.substring(dot + 1);
    List<String> args =
        switch (ext) {
          case "in4" -> List.of("-4");
          case "in6" -> List.of("-6");
          case "inn" -> List.of("-4", "-N");
          case "inN" -> List.of("-6", "-N");
          case "ind" -> List.of("-4", "-D");
          case "inD" -> List.of("-6", "-D");
          case "inl" -> List.of("-4", "-l", HOOKS);
          case "inL" -> List.of("-6", "-l", HOOKS);
          case "err", "err4" -> List.of("-4");
          case "err6" -> List.of("-6");
          case "errF" -> List.of("-4", "-r", "fatal");
          case "errP" -> List.of("-4", "-r", "pass");
          default -> null;
        };
    return args == null ? Optional.empty() : Optional.of(new CorpusCase(input, stem, ext, args));
  }

  boolean isError() {
    return extension.startsWith("err");
  }

  boolean v6() {
    return baseArgs.contains("-6");
  }

  /** The argument lists to run: an {@code .err} case runs once per family. */
  List<List<String>> runs() {
    List<List<String>> runs = new ArrayList<>();
    runs.add(withExtras(baseArgs));
    if (extension.equals("err")) {
      runs.add(withExtras(List.of("-6")));
    }
    return runs;
  }

  private List<String> withExtras(List<String> base) {
    List<String> args = new ArrayList<>(base);
    Path extra = sibling("args");
    if (Files.exists(extra)) {
      try {
        args.addAll(Arrays.asList(Files.readString(extra).trim().split("\\s+", -1)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return args;
  }

  Path sibling(String ext) {
    return input.resolveSibling(stem + "." + ext);
  }

  @Override
  public String toString() {
    return input.getFileName().toString();
  }
}
