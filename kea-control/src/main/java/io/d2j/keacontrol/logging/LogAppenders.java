package io.d2j.keacontrol.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.net.SyslogAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.status.Status;
import io.d2j.keacontrol.files.SafeFiles;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds one started Logback appender per Kea output option. */
final class LogAppenders {

  /** log4cplus's default facility for a plain {@code syslog} output. */
  static final String DEFAULT_FACILITY = "LOCAL0";

  /** Kea's syslog ident: the root logger's name. */

  /** Logback's FixedWindowRollingPolicy keeps at most this many rotated files. */
  static final int MAX_ROTATED_FILES = 20;

  private final LoggerContext context;
  private final KeaLogging.Sinks sinks;
  private final KeaPattern patterns;
  private final String syslogIdent;

  /**
   * @param syslogIdent the program name syslog lines carry: the Kea daemon's ({@code
   *     kea-dhcp-ddns}, {@code kea-dhcp4}), so existing syslog filters keep matching
   */
  LogAppenders(
      LoggerContext context, KeaLogging.Sinks sinks, KeaPattern patterns, String syslogIdent) {
    this.context = context;
    this.sinks = sinks;
    this.patterns = patterns;
    this.syslogIdent = syslogIdent;
  }

  /** A started appender, or null (with the reason in {@code problems}) if it could not start. */
  Appender<ILoggingEvent> build(String logger, LoggerOutput output, List<String> problems) {
    String where = "loggers '" + logger + "' output '" + output.outputText() + "'";
    LoggerOutput.Destination d = output.destination();
    boolean syslog = d instanceof LoggerOutput.Syslog;
    String kea =
        output.pattern().orElse(syslog ? KeaPattern.KEA_SYSLOG_DEFAULT : KeaPattern.KEA_DEFAULT);
    KeaPattern.Translation pattern = patterns.translate(kea);
    for (String u : pattern.unsupported()) {
      problems.add(where + ": pattern conversion " + u + " is not supported; printed as text");
    }
    Appender<ILoggingEvent> appender;
    // A file that cannot be created 0640 is reported only if the appender starts anyway: when
    // it cannot open the file either, its one line says why.
    List<String> createProblems = new ArrayList<>();
    if (d instanceof LoggerOutput.Stdout) {
      appender = stream(sinks.stdout(), output, pattern.logback());
    } else if (d instanceof LoggerOutput.Stderr) {
      appender = stream(sinks.stderr(), output, pattern.logback());
    } else if (d instanceof LoggerOutput.Syslog s) {
      appender = syslog(s, pattern.logback());
    } else {
      appender =
          file(
              (LoggerOutput.LogFile) d, output, pattern.logback(), problems, createProblems, where);
    }
    appender.setName(where);
    appender.start();
    if (!appender.isStarted()) {
      problems.add(where + ": could not start: " + lastError());
      appender.stop();
      return null;
    }
    problems.addAll(createProblems);
    return appender;
  }

  private Encoder<ILoggingEvent> encoder(String pattern) {
    return DefaultLineLayout.encoder(context, pattern);
  }

  private Appender<ILoggingEvent> stream(PrintStream target, LoggerOutput output, String pattern) {
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setEncoder(encoder(pattern));
    appender.setImmediateFlush(output.flush());
    // Stopping the appender closes its stream; the process's stdout must stay open.
    appender.setOutputStream(new NonClosing(target));
    return appender;
  }

  private Appender<ILoggingEvent> syslog(LoggerOutput.Syslog s, String pattern) {
    SyslogAppender appender = new SyslogAppender();
    appender.setContext(context);
    appender.setSyslogHost(sinks.syslogHost());
    appender.setPort(sinks.syslogPort());
    appender.setFacility(
        s.facility().map(f -> f.toUpperCase(Locale.ROOT)).orElse(DEFAULT_FACILITY));
    // One datagram per event: the line end of Kea's pattern does not belong in it.
    String suffix = pattern.endsWith("%n") ? pattern.substring(0, pattern.length() - 2) : pattern;
    appender.setSuffixPattern(syslogIdent + ": " + suffix);
    return appender;
  }

  private Appender<ILoggingEvent> file(
      LoggerOutput.LogFile f,
      LoggerOutput output,
      String pattern,
      List<String> problems,
      List<String> createProblems,
      String where) {
    String path = f.path().toString();
    try {
      // Logback would create it with the umask's mode; a log file is for the d2j group only.
      SafeFiles.createPrivate(f.path());
    } catch (IOException e) {
      createProblems.add(where + ": cannot create " + path + " with mode 0640: " + e.getMessage());
    }
    if (output.maxSize() == 0) {
      FileAppender<ILoggingEvent> appender = new FileAppender<>();
      appender.setContext(context);
      appender.setFile(path);
      appender.setAppend(true);
      appender.setImmediateFlush(output.flush());
      appender.setEncoder(encoder(pattern));
      return appender;
    }
    // Checked before every line, as log4cplus does, from a count of the bytes written.
    WrittenSizeTrigger trigger = new WrittenSizeTrigger(output.maxSize());
    trigger.setContext(context);
    RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
    appender.setContext(context);
    appender.setFile(path);
    appender.setAppend(true);
    appender.setImmediateFlush(output.flush());
    Encoder<ILoggingEvent> encoder = trigger.counting(encoder(pattern));
    encoder.setContext(context);
    encoder.start();
    appender.setEncoder(encoder);
    // log4cplus names rotated files FILE.1 .. FILE.maxver, newest first; so does this policy.
    int versions = Math.max(1, output.maxVersions());
    if (versions > MAX_ROTATED_FILES) {
      problems.add(where + ": maxver " + versions + " kept as " + MAX_ROTATED_FILES);
      versions = MAX_ROTATED_FILES;
    }
    FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
    rolling.setContext(context);
    rolling.setParent(appender);
    rolling.setFileNamePattern(path + ".%i");
    rolling.setMinIndex(1);
    rolling.setMaxIndex(versions);
    rolling.start();
    trigger.start();
    appender.setRollingPolicy(rolling);
    appender.setTriggeringPolicy(trigger);
    return appender;
  }

  private String lastError() {
    List<Status> statuses = context.getStatusManager().getCopyOfStatusList();
    for (int i = statuses.size() - 1; i >= 0; i--) {
      Status s = statuses.get(i);
      if (s.getLevel() == Status.ERROR) {
        Throwable t = s.getThrowable();
        return s.getMessage() + (t == null ? "" : ": " + t.getMessage());
      }
    }
    return "see Logback's status messages";
  }

  /** Flushes instead of closing. */
  private static final class NonClosing extends FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
