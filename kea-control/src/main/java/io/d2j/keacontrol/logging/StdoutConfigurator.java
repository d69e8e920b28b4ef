package io.d2j.keacontrol.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * A daemon's built-in logging before (and without) a Kea {@code loggers} block: one line per event
 * on stdout at INFO, Netty, Vert.x and dnsjava at WARN. Set up in code rather than by a {@code
 * logback.xml}: Logback's XML configurator (SAX parsing, its model and reflection over the appender
 * classes) took about a third of the D2's start-up CPU before the first NCR (issue 14).
 *
 * <p>A daemon's process sets it up through {@link DaemonLogbackProvider}, without Logback's
 * lookups; elsewhere (in-process use) Logback finds it through {@code
 * META-INF/services/ch.qos.logback.classic.spi.Configurator} in the daemon's jar. A {@code
 * logback.configurationFile} system property or a {@code logback-test.xml} on the class path
 * (tests) still wins: this configurator then steps aside and Logback's own lookup runs.
 */
public final class StdoutConfigurator extends ContextAwareBase implements Configurator {

  /**
   * The line layout of the default: what the daemons' logback.xml files said (printed by {@link
   * DefaultLineLayout}, not by a Logback pattern layout).
   */
  static final String PATTERN = DefaultLineLayout.BUILT_IN;

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null
        || StdoutConfigurator.class.getClassLoader().getResource("logback-test.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    setUp(context);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /**
   * The built-in default on {@code context}, with no lookups ({@link DaemonLogbackProvider} calls
   * it for a daemon's own process).
   */
  static void setUp(LoggerContext context) {
    ConsoleAppender<ILoggingEvent> stdout = new ConsoleAppender<>();
    stdout.setContext(context);
    stdout.setName("STDOUT");
    stdout.setEncoder(DefaultLineLayout.encoder(context, PATTERN));
    stdout.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(stdout);
    for (String chatty : new String[] {"io.netty", "io.vertx", "org.xbill"}) {
      context.getLogger(chatty).setLevel(Level.WARN);
    }
  }
}
