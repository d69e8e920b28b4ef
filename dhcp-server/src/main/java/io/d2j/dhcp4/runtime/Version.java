package io.d2j.dhcp4.runtime;

import io.d2j.keacontrol.commands.VersionInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version, filled in by the build from the pom. */
public final class Version {

  public static final String VERSION;

  static {
    Properties build = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("/io/d2j/dhcp4/build.properties")) {
      if (in != null) {
        build.load(in);
      }
    } catch (IOException e) {
      // "unknown" below: a missing resource must not stop the server
    }
    VERSION = build.getProperty("version", "unknown");
  }

  private Version() {}

  /** version-get's extended text, and {@code -V}. */
  public static String extended() {
    return VERSION + " (d2j-dhcp4, Java " + Runtime.version() + ")";
  }

  /** build-report's text, and {@code -W}. */
  public static String buildReport() {
    return "version: " + VERSION + "\nbuilt with: java release 17\n" + extended();
  }

  /** What version-get, build-report and {@code -v/-V/-W} print. */
  public static VersionInfo info() {
    return new VersionInfo(VERSION, extended(), buildReport());
  }
}
