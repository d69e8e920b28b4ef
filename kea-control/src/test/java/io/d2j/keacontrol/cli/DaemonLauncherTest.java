package io.d2j.keacontrol.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.keaconfig.KeaConfigReader;
import io.d2j.keacontrol.commands.VersionInfo;
import io.d2j.keacontrol.logging.LoggerSpec;
import io.d2j.keacontrol.logging.TestLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared command line with a daemon that is only its configuration: no daemon is started. */
class DaemonLauncherTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** A daemon whose configuration is {@code {"Test": {"warn": "..."}}}; it never starts. */
  private static final class TestProgram implements DaemonProgram<String> {
    final java.util.concurrent.CompletableFuture<Thread> prepared =
        new java.util.concurrent.CompletableFuture<>();
    volatile Thread reader;
    volatile boolean released;

    @Override
    public AutoCloseable prepare() {
      prepared.complete(Thread.currentThread());
      return () -> released = true;
    }

    @Override
    public String command() {
      return "d2j-test";
    }

    @Override
    public String keaName() {
      return "kea-test";
    }

    @Override
    public String module() {
      return "Test";
    }

    @Override
    public boolean takesPorts() {
      return false;
    }

    @Override
    public VersionInfo version() {
      return new VersionInfo("9.9", "9.9 extended", "9.9 report");
    }

    @Override
    public String read(Path file) throws IOException {
      reader = Thread.currentThread();
      String text = Files.readString(file);
      return KeaConfigReader.parse(text, file.getFileName().toString())
          .requireMap("Test")
          .optString("warn")
          .orElse("");
    }

    @Override
    public List<String> warnings(String config) {
      return config.isEmpty() ? List.of() : List.of(config);
    }

    @Override
    public List<LoggerSpec> loggers(String config) {
      return List.of();
    }

    @Override
    public String readyStatus(String config) {
      return "testing";
    }

    @Override
    public LogIds ids() {
      return new LogIds(
          TestLog.TEST_CONFIG_FAIL,
          TestLog.TEST_START_FAIL,
          TestLog.TEST_LOGGING,
          TestLog.TEST_WARN,
          TestLog.TEST_SIGNAL);
    }

    @Override
    public RunningDaemon start(
        String config, Path file, CommandLine line, Consumer<String> onConfigured)
        throws IOException {
      throw new IOException("port 1 is taken");
    }
  }

  private final TestProgram program = new TestProgram();

  private int run(String... args) {
    return DaemonLauncher.start(
            program,
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))
        .join();
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void check_printsTheWarningsAndSuccess() throws IOException {
    Path f = Files.writeString(dir.resolve("t.json"), "{\"Test\": {\"warn\": \"/Test/x: odd\"}}");
    assertThat(run("-t", f.toString())).isZero();
    assertThat(out()).isEqualTo("Configuration check successful: " + f + "\n");
    assertThat(err()).isEqualTo("WARN /Test/x: odd\n");
  }

  @Test
  void aStartingDaemon_logsItsWarnings_withoutAlsoPrintingThemRaw() throws IOException {
    Path f = Files.writeString(dir.resolve("t.json"), "{\"Test\": {\"warn\": \"/Test/x: odd\"}}");
    assertThat(run("-c", f.toString())).isEqualTo(1);
    assertThat(err()).isEqualTo("TEST_START_FAIL cannot start: port 1 is taken\n");
  }

  @Test
  void anInvalidOrMissingFile_isExitOne_withTheDaemonsId() throws IOException {
    Path f = Files.writeString(dir.resolve("t.json"), "{\"Test\": 5}");
    assertThat(run("-t", f.toString())).isEqualTo(1);
    assertThat(err()).startsWith("TEST_CONFIG_FAIL /Test: ");
    assertThat(run("-c", dir.resolve("none.json").toString())).isEqualTo(1);
    assertThat(err()).contains("TEST_CONFIG_FAIL cannot read " + dir.resolve("none.json"));
  }

  @Test
  void aDaemonThatCannotStart_isExitOne_withTheReason() throws IOException {
    Path f = Files.writeString(dir.resolve("t.json"), "{\"Test\": {}}");
    assertThat(run("-c", f.toString())).isEqualTo(1);
    assertThat(err()).isEqualTo("TEST_START_FAIL cannot start: port 1 is taken\n");
  }

  @Test
  void run_preparesOnAThreadOfItsOwn_whileTheCallerReads_andReleasesWhenNotStarted()
      throws IOException {
    Path f = Files.writeString(dir.resolve("t.json"), "{\"Test\": {}}");
    assertThat(run("-c", f.toString())).isEqualTo(1);
    assertThat(program.reader).isSameAs(Thread.currentThread());
    assertThat(program.prepared.join()).isNotSameAs(Thread.currentThread());
    assertThat(program.prepared.join().getName()).isEqualTo("d2j-test-start");
    assertThat(program.released).isTrue();
  }

  @Test
  void check_preparesNothing() throws IOException {
    Path f = Files.writeString(dir.resolve("t.json"), "{\"Test\": {}}");
    assertThat(run("-t", f.toString())).isZero();
    assertThat(program.prepared).isNotDone();
    assertThat(program.reader).isSameAs(Thread.currentThread());
  }

  @Test
  void versionFlags_printTheDaemonsVersions() {
    assertThat(run("-v")).isZero();
    assertThat(run("-V")).isZero();
    assertThat(run("-W")).isZero();
    assertThat(out()).isEqualTo("9.9\n9.9 extended\n9.9 report\n");
  }

  @Test
  void aUsageError_printsTheReasonAndTheUsage() {
    assertThat(run("-p", "67")).isEqualTo(1);
    assertThat(err()).startsWith("unknown argument: -p\nusage: d2j-test -c FILE   run with");
  }
}
