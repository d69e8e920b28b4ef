package io.d2j.keacontrol.commands;

import java.util.Objects;

/**
 * What version-get and build-report print (filled in by the runtime from the build).
 *
 * @param version e.g. {@code 0.1.0}
 * @param extended the multi-line extended version (version-get's {@code arguments.extended})
 * @param buildReport the compile-time report (build-report's text)
 */
public record VersionInfo(String version, String extended, String buildReport) {
  public VersionInfo {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(extended, "extended");
    Objects.requireNonNull(buildReport, "buildReport");
  }
}
