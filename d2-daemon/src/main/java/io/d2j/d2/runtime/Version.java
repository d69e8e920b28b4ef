package io.d2j.d2.runtime;

import io.d2j.keacontrol.commands.VersionInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Version and build facts, filled in by the build from the pom. */
public final class Version {

  public static final String VERSION;
  private static final Properties BUILD = new Properties();

  static {
    try (InputStream in = Version.class.getResourceAsStream("/io/d2j/d2/build.properties")) {
      if (in != null) {
        BUILD.load(in);
      }
    } catch (IOException e) {
      // fall through to "unknown": a missing resource must not stop the daemon
    }
    VERSION = BUILD.getProperty("version", "unknown");
  }

  private Version() {}

  public static String extended() {
    return VERSION
        + "\nd2j DHCP-DDNS server (Kea kea-dhcp-ddns compatible)"
        + "\njava "
        + System.getProperty("java.version")
        + " ("
        + System.getProperty("java.vendor")
        + ")"
        + "\ndnsjava "
        + BUILD.getProperty("dnsjava", "?")
        + ", vert.x "
        + BUILD.getProperty("vertx", "?");
  }

  public static String buildReport() {
    return "version: " + VERSION + "\n" + "built with: java release 17\n" + extended();
  }

  /** What version-get, build-report and {@code -v/-V/-W} print. */
  public static VersionInfo info() {
    return new VersionInfo(VERSION, extended(), buildReport());
  }
}
