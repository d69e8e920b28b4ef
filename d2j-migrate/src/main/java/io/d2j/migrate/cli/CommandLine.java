package io.d2j.migrate.cli;

import io.d2j.migrate.convert.Family;
import io.d2j.migrate.convert.ResolvePolicy;
import io.d2j.migrate.convert.Settings;
import io.d2j.migrate.convert.Target;
import java.util.Locale;
import java.util.Optional;

/**
 * The parsed command line: keama's switches ({@code -4 -6 -i -o -l -N -D -r}) and d2j's ({@code
 * --d2-out --report --target --strict}).
 *
 * @param settings the conversion switches
 * @param input {@code -i}, or empty for standard input
 * @param output {@code -o}, or empty for standard output
 * @param d2Output {@code --d2-out}
 * @param jsonReport {@code --report json}
 * @param strict {@code --strict}: any construct left unconverted is an error
 * @param help {@code -h}
 * @param version {@code -v}
 */
record CommandLine(
    Settings settings,
    Optional<String> input,
    Optional<String> output,
    Optional<String> d2Output,
    boolean jsonReport,
    boolean strict,
    boolean help,
    boolean version) {

  static final String USAGE =
      """
      usage: d2j-migrate -4|-6 [-i dhcpd.conf] [-o kea.json] [--d2-out d2.json]
                         [-N] [-D] [-l hook-dir] [-r perform|fatal|pass]
                         [--target 2.2|2.6|3.0] [--report text|json] [--strict]
        -4 / -6        write Kea's Dhcp4 / Dhcp6 configuration (one of them is required)
        -i FILE        dhcpd.conf to read (default: standard input); includes are read
                       relative to the working directory, as dhcpd reads them
        -o FILE        where to write the Kea configuration (default: standard output)
        --d2-out FILE  also write the DhcpDdns configuration made from key, zone and ddns-*
        -N             put host reservations in the subnet that holds their address
        -D             add dhcpd's built-in lease times where the input sets none
        -l DIR         directory of Kea's hook libraries, for generated hooks-libraries
        -r POLICY      host names where Kea needs an address: pass (default: comment out and
                       report), perform (look them up now), fatal (stop)
        --target V     Kea version whose configuration schema to write (default 2.2)
        --report json  the report on standard error as JSON instead of text
        --strict       fail (exit 255, nothing written) if anything is left unconverted
        -h, --help     this text;  -v, --version  the version
      exit status: the number of constructs left unconverted (at most 254), 255 on any error
      """;

  /** A usage error. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message, null, false, false);
    }
  }

  static CommandLine parse(String[] args) throws UsageException {
    Family family = null;
    boolean subnetHosts = false;
    boolean defaults = false;
    Optional<String> hooks = Optional.empty();
    ResolvePolicy resolve = ResolvePolicy.PASS;
    Target target = Target.KEA_2_2;
    Optional<String> input = Optional.empty();
    Optional<String> output = Optional.empty();
    Optional<String> d2 = Optional.empty();
    boolean json = false;
    boolean strict = false;
    boolean help = false;
    boolean version = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "-4", "-6" -> {
          Family f = a.equals("-4") ? Family.V4 : Family.V6;
          if (family != null && family != f) {
            throw new UsageException("-4 and -6 are mutually exclusive");
          }
          family = f;
        }
        case "-N" -> subnetHosts = true;
        case "-D" -> defaults = true;
        case "-l" -> hooks = Optional.of(value(args, ++i, a));
        case "-i" -> input = Optional.of(value(args, ++i, a));
        case "-o" -> output = Optional.of(value(args, ++i, a));
        case "--d2-out" -> d2 = Optional.of(value(args, ++i, a));
        case "-r" -> {
          String v = value(args, ++i, a);
          try {
            resolve = ResolvePolicy.valueOf(v.toUpperCase(Locale.ROOT));
          } catch (IllegalArgumentException e) {
            throw new UsageException("-r: expected perform, fatal or pass, got '" + v + "'");
          }
        }
        case "--target" -> {
          try {
            target = Target.of(value(args, ++i, a));
          } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
          }
        }
        case "--report" -> {
          String v = value(args, ++i, a);
          if (!v.equals("json") && !v.equals("text")) {
            throw new UsageException("--report: expected text or json, got '" + v + "'");
          }
          json = v.equals("json");
        }
        case "--strict" -> strict = true;
        case "-h", "--help" -> help = true;
        case "-v", "--version" -> version = true;
        default -> throw new UsageException("unknown argument '" + a + "'");
      }
    }
    if (family == null && !help && !version) {
      throw new UsageException("-4 or -6 is required");
    }
    Settings settings =
        new Settings(
            family == null ? Family.V4 : family,
            subnetHosts,
            defaults,
            hooks,
            resolve,
            target,
            d2.isPresent(),
            Settings.D2_ADDRESS,
            Settings.D2_PORT);
    return new CommandLine(settings, input, output, d2, json, strict, help, version);
  }

  private static String value(String[] args, int i, String flag) throws UsageException {
    if (i >= args.length) {
      throw new UsageException(flag + " needs a value");
    }
    return args[i];
  }
}
