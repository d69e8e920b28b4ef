package io.d2j.keacontrol.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeFilesTest {

  @TempDir Path dir;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void replace_writesANewFile_withMode0640_andLeavesNoTemporaryFile() throws Exception {
    Path file = dir.resolve("d2.json");
    SafeFiles.replace(file, bytes("{}\n"));
    assertThat(Files.readString(file)).isEqualTo("{}\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-r-----");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void replace_givesAnExistingWideFile_mode0640() throws Exception {
    Path file = Files.writeString(dir.resolve("d2.json"), "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
    SafeFiles.replace(file, bytes("new"));
    assertThat(Files.readString(file)).isEqualTo("new");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-r-----");
  }

  @Test
  void replace_replacesALink_neverWritesThroughIt() throws Exception {
    Path victim = Files.writeString(dir.resolve("victim"), "precious");
    Path sym = Files.createSymbolicLink(dir.resolve("sym.json"), victim);
    Path hard = Files.createLink(dir.resolve("hard.json"), victim);
    SafeFiles.replace(sym, bytes("a"));
    SafeFiles.replace(hard, bytes("b"));
    assertThat(Files.readString(victim)).isEqualTo("precious");
    assertThat(Files.isSymbolicLink(sym)).isFalse();
    assertThat(Files.readString(sym)).isEqualTo("a");
    assertThat(Files.readString(hard)).isEqualTo("b");
  }

  @Test
  void replace_inAMissingDirectory_fails_andCreatesNothing() {
    assertThatThrownBy(() -> SafeFiles.replace(dir.resolve("no/d2.json"), bytes("x")))
        .isInstanceOf(NoSuchFileException.class);
    assertThat(Files.exists(dir.resolve("no"), LinkOption.NOFOLLOW_LINKS)).isFalse();
  }

  @Test
  void createPrivate_makesAnEmpty0640File_andKeepsAnExistingOne() throws Exception {
    Path log = dir.resolve("d2.log");
    SafeFiles.createPrivate(log);
    assertThat(Files.size(log)).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log)))
        .isIn("rw-r-----", "rw-------", "r--r-----", "r--------");
    Files.writeString(log, "kept");
    SafeFiles.createPrivate(log);
    assertThat(Files.readString(log)).isEqualTo("kept");
  }
}
