package io.d2j.keacontrol.logging;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import ch.qos.logback.core.util.StatusPrinter;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.Reporter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * SLF4J's binding for a daemon's own process: Logback with the built-in default ({@link
 * StdoutConfigurator}) set up directly, named to SLF4J by the {@code slf4j.provider} system
 * property ({@link #select}) rather than found on the class path.
 *
 * <p>SLF4J's provider lookup and Logback's configurator lookup are {@code ServiceLoader} scans over
 * the class path, and {@code StdoutConfigurator}'s check for a {@code logback-test.xml} a resource
 * lookup over it: on the thread that sets logging up, before Vert.x is started and before the main
 * thread goes on, the first of them opened every jar (38 for the D2; about 40-60 ms of CPU in a
 * fresh JVM) and the others read them all again (issue 14, start-to-serving). This provider does
 * none of them. A {@code logback.configurationFile} system property still hands the set-up to
 * Logback's own initializer, as with Logback's provider.
 */
public final class DaemonLogbackProvider implements SLF4JServiceProvider {

  /** SLF4J's system property naming the provider class (SLF4J 2.0.9 and later). */
  static final String PROVIDER_PROPERTY = "slf4j.provider";

  /**
   * SLF4J's own reporting threshold: with an explicit provider SLF4J says so at INFO on stderr at
   * every start; WARN keeps its warnings and errors.
   */
  static final String VERBOSITY_PROPERTY = "slf4j.internal.verbosity";

  private final LoggerContext context = new LoggerContext();
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final LogbackMDCAdapter mdc = new LogbackMDCAdapter();

  /**
   * Makes this provider SLF4J's binding for the process, unless the operator named one ({@code
   * -Dslf4j.provider=...}); call before anything uses SLF4J. SLF4J's internal reporting is then
   * kept to warnings and errors unless {@code -Dslf4j.internal.verbosity} says otherwise.
   */
  public static void select() {
    if (System.getProperty(PROVIDER_PROPERTY) == null) {
      System.setProperty(PROVIDER_PROPERTY, DaemonLogbackProvider.class.getName());
      if (System.getProperty(VERBOSITY_PROPERTY) == null) {
        System.setProperty(VERBOSITY_PROPERTY, "WARN");
      }
    }
  }

  @Override
  public void initialize() {
    context.setName(CoreConstants.DEFAULT_CONTEXT_NAME);
    context.setMDCAdapter(mdc);
    if (System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY) != null) {
      try {
        new ContextInitializer(context).autoConfig();
      } catch (JoranException e) {
        Reporter.error("Failed to auto configure default logger context", e);
      }
    } else {
      StdoutConfigurator.setUp(context);
    }
    // As Logback's provider, but Logback's status printer only when there is something to print:
    // its class initialiser makes a java.time date formatter, i.e. the zone rules' class-path scan.
    if (!StatusUtil.contextHasStatusListener(context)
        && new StatusUtil(context).getHighestLevel(0) >= Status.WARN) {
      StatusPrinter.printInCaseOfErrorsOrWarnings(context);
    }
    context.start();
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return context;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }
}
