package io.d2j.keacontrol.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Writing the files a daemon creates, with mode 0640 and never half-written. */
public final class SafeFiles {

  /** rw-r-----: the daemon's user writes, its group (d2j) reads, nobody else. */
  public static final Set<PosixFilePermission> MODE_0640 =
      PosixFilePermissions.fromString("rw-r-----");

  private static final FileAttribute<Set<PosixFilePermission>> CREATE_0640 =
      PosixFilePermissions.asFileAttribute(MODE_0640);

  private SafeFiles() {}

  /**
   * Replaces {@code file} with {@code content}: written to a new temporary file in the same
   * directory (mode 0640, created exclusively), forced to disk, then renamed over {@code file}. A
   * reader sees the old content or the new, never a mix; a symbolic link or hard link at {@code
   * file} is replaced, never written through; a failure leaves {@code file} as it was.
   */
  public static void replace(Path file, byte[] content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp", CREATE_0640);
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      // The umask may have taken bits away; the mode is exactly 0640 whatever it is.
      Files.setPosixFilePermissions(tmp, MODE_0640);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    syncDirectory(dir);
  }

  /**
   * Creates {@code file} empty with mode 0640 unless something is there already (then it is left as
   * it is), so that a log file a daemon starts never appears readable by everyone. A missing
   * directory is left for the caller to report.
   */
  public static void createPrivate(Path file) throws IOException {
    try {
      Files.createFile(file, CREATE_0640);
    } catch (FileAlreadyExistsException | NoSuchFileException e) {
      // Kept as it is, or reported by whoever opens it next.
    }
  }

  /** The rename is durable only once the directory is (on Linux, fsync on the directory). */
  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some file systems refuse fsync on a directory; the file itself is on disk.
    }
  }
}
