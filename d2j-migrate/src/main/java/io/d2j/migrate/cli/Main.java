package io.d2j.migrate.cli;

import io.d2j.migrate.conf.Block;
import io.d2j.migrate.conf.ConfParser;
import io.d2j.migrate.conf.ConfSyntaxException;
import io.d2j.migrate.conf.Includes;
import io.d2j.migrate.convert.Migration;
import io.d2j.migrate.convert.Resolver;
import io.d2j.migrate.json.JMap;
import io.d2j.migrate.json.JsonWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code d2j-migrate}: keama's command line. Reads dhcpd.conf, writes Kea's configuration (and with
 * {@code --d2-out} the DhcpDdns one), prints the report on standard error and exits with the number
 * of constructs left unconverted, or 255 on any error.
 */
public final class Main {
  /** Exit status for every error: keama's for parse errors. */
  static final int FAILED = 255;

  /** The largest count the exit status carries, so that it never wraps to 0 or reaches 255. */
  static final int MAX_COUNT = 254;

  private Main() {}

  public static void main(String[] args) {
    System.exit(
        run(args, System.in, System.out, System.err, Path.of("").toAbsolutePath(), Main::lookUp));
  }

  private static List<InetAddress> lookUp(String name) {
    try {
      return Arrays.asList(InetAddress.getAllByName(name));
    } catch (UnknownHostException e) {
      return List.of();
    }
  }

  /** Runs one conversion; the exit status. */
  public static int run(
      String[] args,
      InputStream stdin,
      PrintStream out,
      PrintStream err,
      Path workingDir,
      Resolver resolver) {
    CommandLine cl;
    try {
      cl = CommandLine.parse(args);
    } catch (CommandLine.UsageException e) {
      err.println("d2j-migrate: " + e.getMessage());
      err.print(CommandLine.USAGE);
      return FAILED;
    }
    if (cl.help()) {
      out.print(CommandLine.USAGE);
      return 0;
    }
    if (cl.version()) {
      out.println(Version.VERSION);
      return 0;
    }
    String source = cl.input().orElse("--stdin--");
    Migration.Result result;
    try {
      String text =
          cl.input().isPresent()
              ? Files.readString(workingDir.resolve(cl.input().get()), StandardCharsets.UTF_8)
              : new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
      String identity =
          cl.input().map(i -> workingDir.resolve(i).normalize().toString()).orElse(source);
      Block conf = ConfParser.parse(source, identity, text, new FileIncludes(workingDir));
      result = Migration.convert(conf, cl.settings(), resolver);
    } catch (ConfSyntaxException e) {
      err.println(e.getMessage());
      return FAILED;
    } catch (IOException e) {
      err.println("d2j-migrate: cannot read " + source + ": " + reason(e));
      return FAILED;
    }
    if (cl.jsonReport()) {
      err.print(JsonWriter.write(result.report().json()));
    } else {
      err.print(result.report().text());
    }
    int unconverted = result.report().notConverted();
    if (cl.strict() && unconverted > 0) {
      err.println(
          "d2j-migrate: --strict: " + unconverted + " constructs not converted; nothing written");
      return FAILED;
    }
    try {
      write(cl.output(), header(source, cl) + JsonWriter.write(result.document()), out, workingDir);
      if (cl.d2Output().isPresent()) {
        if (result.d2Document().isPresent()) {
          JMap d2 = result.d2Document().get();
          write(cl.d2Output(), header(source, cl) + JsonWriter.write(d2), out, workingDir);
        } else {
          err.println(
              "d2j-migrate: the input configures no DNS updates: no DhcpDdns configuration"
                  + " written (--d2-out)");
        }
      }
    } catch (IOException e) {
      err.println("d2j-migrate: cannot write: " + reason(e));
      return FAILED;
    }
    return Math.min(unconverted, MAX_COUNT);
  }

  private static String header(String source, CommandLine cl) {
    return "// Converted by d2j-migrate "
        + Version.VERSION
        + " from "
        + source
        + " for Kea "
        + cl.settings().target().version()
        + ": review the notes and the commented-out constructs.\n";
  }

  private static void write(
      java.util.Optional<String> file, String text, PrintStream out, Path workingDir)
      throws IOException {
    if (file.isEmpty() || file.get().equals("-")) {
      out.print(text);
      out.flush();
    } else {
      Files.writeString(workingDir.resolve(file.get()), text, StandardCharsets.UTF_8);
    }
  }

  private static String reason(IOException e) {
    return e instanceof java.nio.file.NoSuchFileException
        ? "no such file"
        : e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  /** Includes resolved against the working directory, as dhcpd resolves them. */
  private record FileIncludes(Path workingDir) implements Includes {
    @Override
    public Source open(String name, io.d2j.keaconfig.SourcePosition at) {
      Path p = workingDir.resolve(name).normalize();
      try {
        return new Source(
            name, p.toRealPath().toString(), Files.readString(p, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new ConfSyntaxException(at, "can't open include file " + name + ": " + reason(e));
      }
    }
  }
}
