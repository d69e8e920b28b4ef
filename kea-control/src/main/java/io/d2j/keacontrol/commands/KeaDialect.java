package io.d2j.keacontrol.commands;

import io.d2j.keacontrol.logging.LogId;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * How one Kea daemon words what the standard commands answer and log: Kea's D2 and DHCPv4 servers
 * share the commands but not every text, and clients match the texts. The log ids are the daemon's
 * own (docs/log-messages.md).
 *
 * @param module the configuration's top-level key: {@code DhcpDdns}, {@code Dhcp4}
 * @param configTestOk config-test's answer when the configuration is valid
 * @param unsupported config-test's answer to members other than {@code module}, given their names
 * @param configApplied config-set's and config-reload's answer on success
 * @param reloadFailedPrefix put before the reason when config-reload fails
 * @param writeFailed config-write's answer when it cannot write the file, given the file and why
 * @param ids the log ids of the commands' lines
 */
public record KeaDialect(
    String module,
    String configTestOk,
    Function<List<String>, String> unsupported,
    String configApplied,
    String reloadFailedPrefix,
    BiFunction<Path, Exception, String> writeFailed,
    LogIds ids) {

  /**
   * The log ids of the standard commands' lines, from the daemon's catalogue. Their texts take:
   * {@code configCheckFailed}, {@code configRejected}: the message; {@code argumentIgnored}: the
   * member and the module; {@code reloading}: the file; {@code configApplied}: the command.
   *
   * @param configCheckFailed config-test found the configuration invalid
   * @param configRejected config-set or config-reload found it invalid, or could not apply it
   * @param argumentIgnored config-set was given a member other than the module's
   * @param reloading config-reload reads the file (a daemon may log nothing then)
   * @param configApplied config-set or config-reload applied it (likewise)
   */
  public record LogIds(
      LogId configCheckFailed,
      LogId configRejected,
      LogId argumentIgnored,
      Optional<LogId> reloading,
      Optional<LogId> configApplied) {
    public LogIds {
      Objects.requireNonNull(configCheckFailed, "configCheckFailed");
      Objects.requireNonNull(configRejected, "configRejected");
      Objects.requireNonNull(argumentIgnored, "argumentIgnored");
      Objects.requireNonNull(reloading, "reloading");
      Objects.requireNonNull(configApplied, "configApplied");
    }
  }

  public KeaDialect {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(configTestOk, "configTestOk");
    Objects.requireNonNull(unsupported, "unsupported");
    Objects.requireNonNull(configApplied, "configApplied");
    Objects.requireNonNull(reloadFailedPrefix, "reloadFailedPrefix");
    Objects.requireNonNull(writeFailed, "writeFailed");
    Objects.requireNonNull(ids, "ids");
  }
}
