package io.d2j.keacontrol.cli;

import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;

/**
 * Opens the jars of the class path on a thread of its own at a daemon's start, while the main
 * thread reads the configuration and another sets logging up (issue 14, start-to-serving).
 *
 * <p>With a class-data-sharing archive, classes come from the archive and no jar is read for them;
 * but the first {@code ServiceLoader} lookup over the class path opens every jar (its central
 * directory and manifest), and Vert.x makes such lookups as it starts (the classes of the native
 * transports it probes for, which are not there; its service providers; the JDK's selector
 * provider; its logger's configuration file unless it is told which logger to use): some 40 jars,
 * the largest single step on the D2's way to its NCR port. The probes and the service lookups are
 * inside Vert.x and run at every start, so every jar is opened whatever the daemon does. Done here
 * first, by the same lookup, the jars are open when Vert.x asks; the class path opens each jar once
 * whoever asks (later lookups wait for it, they do not open it again).
 */
public final class ClassPathOpener {

  private ClassPathOpener() {}

  /**
   * Starts a daemon thread that looks {@code resource} up in every entry of the system class path
   * (a {@code META-INF/services/...} file the program's libraries look up anyway).
   */
  public static Thread start(String resource) {
    Thread t =
        new Thread(
            () -> {
              try {
                Enumeration<URL> all = ClassLoader.getSystemClassLoader().getResources(resource);
                while (all.hasMoreElements()) {
                  all.nextElement();
                }
              } catch (IOException | RuntimeException e) {
                // Only a head start: whoever needs the class path next opens it as it would have.
              }
            },
            "d2j-start-classpath");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
