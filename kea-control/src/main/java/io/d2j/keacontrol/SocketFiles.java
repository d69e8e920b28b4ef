package io.d2j.keacontrol;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Creating the control socket file: refusing a live one, replacing a stale one, setting its mode.
 */
final class SocketFiles {

  /** sun_path holds 108 bytes with the terminating NUL. */
  private static final int MAX_PATH_BYTES = 107;

  private SocketFiles() {}

  /**
   * Makes {@code path} free to bind: a socket a daemon still answers on is refused; a stale one
   * (nobody accepts) is deleted; anything that is not a socket is left alone and refused.
   */
  static void claim(Path path, Logger log) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
        .isOther()) {
      throw new IOException(
          "control socket " + path + " exists and is not a socket; refusing to replace it");
    }
    try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      probe.connect(UnixDomainSocketAddress.of(path));
      throw new ControlSocketInUseException(path);
    } catch (ControlSocketInUseException e) {
      throw e;
    } catch (IOException e) {
      // Connection refused: left behind by a daemon that died without cleaning up.
      log.info("COMMAND_SOCKET_STALE removing stale control socket {} ({})", path, e.getMessage());
      Files.deleteIfExists(path);
    }
  }

  /**
   * Binds {@code path} so that it never exists with a wider mode than {@code mode}: the socket is
   * bound inside a fresh owner-only directory, given its mode there and then renamed into place.
   * (The JDK cannot set the umask; binding in place would leave a window with the umask's mode.)
   * When the staging path would exceed the socket path limit, it binds in place and sets the mode
   * right after.
   */
  static ServerSocketChannel bind(Path path, int mode) throws IOException {
    Set<PosixFilePermission> perms = permissions(mode);
    Path dir = path.getParent();
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    Path staging = null;
    try {
      Path probe = dir.resolve(".d2j-0000000000000000000/s");
      if (probe.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_PATH_BYTES) {
        staging =
            Files.createTempDirectory(
                dir,
                ".d2j-",
                PosixFilePermissions.asFileAttribute(
                    EnumSet.of(
                        PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE)));
        Path tmp = staging.resolve("s");
        server.bind(UnixDomainSocketAddress.of(tmp));
        Files.setPosixFilePermissions(tmp, perms);
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE);
      } else {
        server.bind(UnixDomainSocketAddress.of(path));
        Files.setPosixFilePermissions(path, perms);
      }
      return server;
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    } finally {
      if (staging != null) {
        Files.deleteIfExists(staging.resolve("s"));
        Files.deleteIfExists(staging);
      }
    }
  }

  static Set<PosixFilePermission> permissions(int mode) {
    StringBuilder rwx = new StringBuilder();
    for (int shift = 6; shift >= 0; shift -= 3) {
      int bits = (mode >> shift) & 7;
      rwx.append((bits & 4) != 0 ? 'r' : '-');
      rwx.append((bits & 2) != 0 ? 'w' : '-');
      rwx.append((bits & 1) != 0 ? 'x' : '-');
    }
    return PosixFilePermissions.fromString(rwx.toString());
  }
}
