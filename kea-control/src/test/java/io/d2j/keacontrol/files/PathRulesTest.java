package io.d2j.keacontrol.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way a request might name a file outside its area, refused with the path and the rule. */
class PathRulesTest {

  @TempDir Path tmp;

  private FileAreas areas;
  private Path log;
  private Path outside;
  private Path victim;

  @BeforeEach
  void areas() throws IOException {
    Path base = tmp.toRealPath();
    areas = FileAreas.under(base);
    log = Files.createDirectories(areas.logDir());
    Files.createDirectories(areas.configDir().orElseThrow());
    Files.createDirectories(areas.stateDir());
    Files.createDirectories(areas.socketDir());
    outside = Files.createDirectories(base.resolve("outside"));
    victim = Files.writeString(outside.resolve("victim"), "precious\n");
  }

  private Path logFile(String text) throws PathRefusedException {
    return PathRules.check(text, log, FileArea.LOG, PathKind.WRITE_FILE, areas);
  }

  private String logRule() {
    return "log directory " + log + " (D2J_LOG_DIR)";
  }

  @Test
  void aNewFileInside_isAdmitted_asItsRealPath() throws Exception {
    assertThat(logFile("d2.log")).isEqualTo(log.resolve("d2.log"));
    assertThat(logFile(log.resolve("d2.log").toString())).isEqualTo(log.resolve("d2.log"));
    Files.writeString(log.resolve("old.log"), "x");
    assertThat(logFile("old.log")).isEqualTo(log.resolve("old.log"));
  }

  @Test
  void anAbsolutePathOutside_isRefused() {
    assertThatThrownBy(() -> logFile(victim.toString()))
        .isInstanceOf(PathRefusedException.class)
        .hasMessage(
            "'"
                + victim
                + "' refused: is outside the "
                + logRule()
                + "; a command may only name"
                + " paths there");
  }

  @Test
  void aRelativePathOutside_isRefused_withTheResolvedPath() {
    assertThatThrownBy(
            () -> PathRules.check("x.log", outside, FileArea.LOG, PathKind.WRITE_FILE, areas))
        .hasMessage(
            "'x.log' refused: "
                + outside.resolve("x.log")
                + " is outside the "
                + logRule()
                + "; a command may only name paths there");
  }

  @Test
  void dotDot_isRefused_evenWhenItWouldStayInside() {
    assertThatThrownBy(() -> logFile("../outside/victim"))
        .hasMessage(
            "'../outside/victim' refused: '..' is not allowed in a path a command names ("
                + logRule()
                + ")");
    assertThatThrownBy(() -> logFile("sub/../d2.log"))
        .hasMessageStartingWith("'sub/../d2.log' refused: '..' is not allowed");
  }

  @Test
  void aSymlinkLeadingOut_isRefused() throws Exception {
    Files.createSymbolicLink(log.resolve("link.log"), victim);
    assertThatThrownBy(() -> logFile("link.log"))
        .hasMessage(
            "'link.log' refused: "
                + log.resolve("link.log")
                + " leads through a symbolic link to "
                + victim
                + ", outside the "
                + logRule());
    assertThat(Files.readString(victim)).isEqualTo("precious\n");
  }

  @Test
  void aSymlinkedDirectoryLeadingOut_isRefused_forANewFileBelowIt() throws Exception {
    Files.createSymbolicLink(log.resolve("dir"), outside);
    assertThatThrownBy(() -> logFile("dir/new.log"))
        .hasMessage(
            "'dir/new.log' refused: "
                + log.resolve("dir/new.log")
                + " leads through a symbolic link to "
                + outside
                + ", outside the "
                + logRule());
  }

  @Test
  void aDanglingSymlink_isRefused() throws Exception {
    Files.createSymbolicLink(log.resolve("dangling.log"), outside.resolve("nothing"));
    assertThatThrownBy(() -> logFile("dangling.log"))
        .hasMessageStartingWith(
            "'dangling.log' refused: "
                + log.resolve("dangling.log")
                + " is a symbolic link to"
                + " nothing");
  }

  @Test
  void aSymlinkStayingInside_isFollowed_toItsTarget() throws Exception {
    Path real = Files.writeString(log.resolve("real.log"), "");
    Files.createSymbolicLink(log.resolve("alias.log"), real);
    assertThat(logFile("alias.log")).isEqualTo(real);
  }

  @Test
  void aHardLinkToAFileOutside_isRefused() throws Exception {
    Files.createLink(log.resolve("hard.log"), victim);
    assertThatThrownBy(() -> logFile("hard.log"))
        .hasMessage(
            "'hard.log' refused: "
                + log.resolve("hard.log")
                + " has 2 hard links; a file named over the control channel must have only one");
  }

  @Test
  void aDirectory_isRefused() throws Exception {
    Files.createDirectory(log.resolve("sub"));
    assertThatThrownBy(() -> logFile("sub"))
        .hasMessage("'sub' refused: " + log.resolve("sub") + " is a directory, not a regular file");
  }

  @Test
  void aFifo_isRefused() throws Exception {
    Path fifo = log.resolve("fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertThat(mkfifo.waitFor()).isZero();
    assertThatThrownBy(() -> logFile("fifo"))
        .hasMessage("'fifo' refused: " + fifo + " is a FIFO, not a regular file");
  }

  @Test
  void theAreaItself_isRefused() {
    assertThatThrownBy(() -> logFile("."))
        .hasMessage("'.' refused: " + log + " is the " + logRule() + " itself");
  }

  @Test
  void aMissingDirectoryBelowTheArea_isNotCreated() {
    assertThatThrownBy(() -> logFile("new/d2.log"))
        .hasMessage(
            "'new/d2.log' refused: "
                + log.resolve("new/d2.log")
                + " cannot be created: its directory "
                + log.resolve("new")
                + " does not exist");
  }

  @Test
  void aMissingArea_isRefused() throws Exception {
    Files.delete(areas.stateDir());
    assertThatThrownBy(
            () ->
                PathRules.check(
                    "leases.csv", areas.stateDir(), FileArea.STATE, PathKind.WRITE_FILE, areas))
        .hasMessage(
            "'leases.csv' refused: the state directory "
                + areas.stateDir()
                + " (D2J_STATE_DIR) does not exist");
  }

  @Test
  void noConfigurationDirectory_refusesEveryConfigWrite() {
    FileAreas none =
        new FileAreas(Optional.empty(), areas.logDir(), areas.stateDir(), areas.socketDir());
    assertThatThrownBy(() -> PathRules.configWriteTarget("d2.json", none))
        .hasMessage(
            "'d2.json' refused: no configuration directory (the daemon was started without -c and"
                + " D2J_CONFIG_DIR is not set)");
  }

  @Test
  void configWrite_resolvesRelativeNamesInTheConfigurationDirectory() throws Exception {
    Path config = areas.configDir().orElseThrow();
    assertThat(PathRules.configWriteTarget("backup.json", areas))
        .isEqualTo(config.resolve("backup.json"));
    assertThatThrownBy(() -> PathRules.configWriteTarget(victim.toString(), areas))
        .hasMessage(
            "'"
                + victim
                + "' refused: is outside the configuration directory "
                + config
                + " (D2J_CONFIG_DIR); a command may only name paths there");
  }

  @Test
  void aFileToRead_mustExist_andBeRegular() throws Exception {
    Path config = areas.configDir().orElseThrow();
    assertThatThrownBy(
            () -> PathRules.check("d2.key", config, FileArea.CONFIG, PathKind.READ_FILE, areas))
        .hasMessage("'d2.key' refused: " + config.resolve("d2.key") + " does not exist");
    Files.writeString(config.resolve("d2.key"), "LSWXnfkKZjdPJI5QxlpnfQ==");
    assertThat(PathRules.check("d2.key", config, FileArea.CONFIG, PathKind.READ_FILE, areas))
        .isEqualTo(config.resolve("d2.key"));
  }

  @Test
  void aDirectoryArea_admitsNewNestedDirectories_butNotAFile() throws Exception {
    Path state = areas.stateDir();
    assertThat(PathRules.check("a/b.journal", state, FileArea.STATE, PathKind.DIRECTORY, areas))
        .isEqualTo(state.resolve("a/b.journal"));
    Files.writeString(state.resolve("file"), "");
    assertThatThrownBy(
            () -> PathRules.check("file", state, FileArea.STATE, PathKind.DIRECTORY, areas))
        .hasMessage(
            "'file' refused: " + state.resolve("file") + " is a regular file, not a directory");
  }

  @Test
  void aSocketPath_mayNotBeARegularFile() throws Exception {
    Path run = areas.socketDir();
    Files.writeString(run.resolve("d2.sock"), "");
    assertThatThrownBy(
            () -> PathRules.check("d2.sock", run, FileArea.SOCKET, PathKind.SOCKET, areas))
        .hasMessage(
            "'d2.sock' refused: " + run.resolve("d2.sock") + " is a regular file, not a socket");
    assertThat(PathRules.check("new.sock", run, FileArea.SOCKET, PathKind.SOCKET, areas))
        .isEqualTo(run.resolve("new.sock"));
  }
}
