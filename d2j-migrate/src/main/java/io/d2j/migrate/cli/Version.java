package io.d2j.migrate.cli;

/** The version printed by {@code -v}. */
final class Version {
  static final String VERSION =
      Version.class.getPackage().getImplementationVersion() != null
          ? Version.class.getPackage().getImplementationVersion()
          : "0.1.0-SNAPSHOT";

  private Version() {}
}
