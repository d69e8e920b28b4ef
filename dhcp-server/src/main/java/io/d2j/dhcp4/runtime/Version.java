package io.d2j.dhcp4.runtime;

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
}
