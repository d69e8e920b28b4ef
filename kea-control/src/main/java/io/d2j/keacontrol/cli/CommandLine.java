package io.d2j.keacontrol.cli;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Kea's daemon command line, so operators' habits and unit files carry over: {@code -c FILE} runs,
 * {@code -t FILE} checks, {@code -v} / {@code -V} / {@code -W} print the version, the extended
 * version and the build report, {@code -d} logs at debug; a DHCP server also takes {@code -p PORT}
 * (the port it listens on) and {@code -P PORT} (the port every reply goes to), as kea-dhcp4.
 *
 * @param mode what to do
 * @param configFile the {@code -c} or {@code -t} file (always there for RUN and TEST)
 * @param debug {@code -d}
 * @param serverPort {@code -p}
 * @param clientPort {@code -P}
 */
public record CommandLine(
    Mode mode,
    Optional<Path> configFile,
    boolean debug,
    OptionalInt serverPort,
    OptionalInt clientPort) {

  /** What the command line asks for. */
  public enum Mode {
    RUN,
    TEST,
    VERSION,
    EXTENDED_VERSION,
    BUILD_REPORT
  }

  /** A command line that cannot be run: the text to print before the usage. */
  public static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
      super(message);
    }
  }

  public CommandLine {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(configFile, "configFile");
    Objects.requireNonNull(serverPort, "serverPort");
    Objects.requireNonNull(clientPort, "clientPort");
  }

  /**
   * Reads {@code args} in order; a version flag answers at once, whatever follows.
   *
   * @param takesPorts whether {@code -p} and {@code -P} are this daemon's (DHCP servers only)
   */
  public static CommandLine parse(String[] args, boolean takesPorts) throws UsageException {
    Path file = null;
    boolean test = false;
    boolean debug = false;
    OptionalInt serverPort = OptionalInt.empty();
    OptionalInt clientPort = OptionalInt.empty();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "-v":
          return version(Mode.VERSION);
        case "-V":
          return version(Mode.EXTENDED_VERSION);
        case "-W":
          return version(Mode.BUILD_REPORT);
        case "-d":
          debug = true;
          break;
        case "-c":
        case "-t":
          if (i + 1 >= args.length) {
            throw new UsageException(a + ": needs a configuration file name");
          }
          test = "-t".equals(a);
          file = Path.of(args[++i]);
          break;
        case "-p":
        case "-P":
          if (!takesPorts) {
            throw new UsageException("unknown argument: " + a);
          }
          if (i + 1 >= args.length) {
            throw new UsageException(a + ": needs a port");
          }
          OptionalInt port = OptionalInt.of(port(a, args[++i]));
          if ("-p".equals(a)) {
            serverPort = port;
          } else {
            clientPort = port;
          }
          break;
        default:
          throw new UsageException("unknown argument: " + a);
      }
    }
    if (file == null) {
      throw new UsageException("a configuration file is required (-c FILE or -t FILE)");
    }
    return new CommandLine(
        test ? Mode.TEST : Mode.RUN, Optional.of(file), debug, serverPort, clientPort);
  }

  private static CommandLine version(Mode mode) {
    return new CommandLine(mode, Optional.empty(), false, OptionalInt.empty(), OptionalInt.empty());
  }

  private static int port(String flag, String text) throws UsageException {
    int port;
    try {
      port = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 1 || port > 65535) {
      throw new UsageException(flag + ": port must be 1-65535, got '" + text + "'");
    }
    return port;
  }

  /** The usage text of a daemon named {@code command} whose configuration is {@code module}. */
  public static String usage(String command, String module, boolean takesPorts) {
    StringBuilder u = new StringBuilder();
    u.append("usage: ")
        .append(command)
        .append(" -c FILE")
        .append(takesPorts ? " [-p PORT] [-P PORT]" : "")
        .append("   run with the Kea-format ")
        .append(module)
        .append(" configuration FILE\n");
    u.append("       ").append(command).append(" -t FILE   check FILE and exit 0 (valid) or 1\n");
    u.append("       ")
        .append(command)
        .append(" -v | -V | -W   version | extended version | build report\n");
    u.append("       -d   log at debug level");
    if (takesPorts) {
      u.append("\n       -p PORT  listen on PORT (default 67); -P PORT  send every reply to PORT");
    }
    return u.toString();
  }
}
