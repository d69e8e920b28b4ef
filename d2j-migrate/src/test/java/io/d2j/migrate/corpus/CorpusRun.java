package io.d2j.migrate.corpus;

import io.d2j.migrate.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of the converter on a corpus case, in-process, with a fixed host table for -r perform.
 */
record CorpusRun(int exit, String stdout, String stderr, Optional<String> d2) {

  /** The only names -r perform resolves in the corpus: no DNS is ever asked. */
  static final Map<String, String> HOSTS =
      Map.of(
          "ns1.example.org", "192.0.2.53",
          "ns2.example.org", "192.0.2.54",
          "tftp.example.org", "192.0.2.69",
          "printer.example.org", "10.0.0.9");

  static CorpusRun of(CorpusCase c, List<String> args, Path tmp) throws IOException {
    Path d2 = tmp.resolve(c.stem() + ".d2.json");
    Files.deleteIfExists(d2);
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of("-i", c.input().getFileName().toString(), "--d2-out", d2.toString()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        Main.run(
            all.toArray(String[]::new),
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            c.input().toAbsolutePath().getParent(),
            name -> {
              String a = HOSTS.get(name);
              try {
                return a == null ? List.of() : List.of(InetAddress.getByName(a));
              } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
              }
            });
    Optional<String> d2Text =
        Files.exists(d2) ? Optional.of(Files.readString(d2)) : Optional.empty();
    return new CorpusRun(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), d2Text);
  }

  String firstErrorLine() {
    int nl = stderr.indexOf('\n');
    return nl < 0 ? stderr : stderr.substring(0, nl);
  }
}
