package io.d2j.d2.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.d2.config.ControlSocketSpec;
import io.d2j.keacontrol.CommandExecutor;
import io.d2j.keacontrol.CommandRegistry;
import io.d2j.keacontrol.UnixControlServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The socket itself: framing by JSON completeness, the receive timeout, the socket file's life. */
class UnixControlServerIT {

  @TempDir Path dir;

  private final CommandRegistry registry = new CommandRegistry("kea-dhcp-ddns");

  private UnixControlServer start(Path path, Duration timeout) throws IOException {
    return UnixControlServer.start(
        path, ControlSocketSpec.DEFAULT_MODE, registry, CommandExecutor.inline(), timeout);
  }

  /** Writes the parts with a pause between them (the server must wait for the whole value). */
  private static String exchange(Path path, String... parts) throws Exception {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(path));
      for (String part : parts) {
        ch.write(ByteBuffer.wrap(part.getBytes(StandardCharsets.UTF_8)));
        Thread.sleep(50); // lets the server see the parts as separate reads; asserts nothing
      }
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      ByteBuffer buf = ByteBuffer.allocate(1024);
      while (ch.read(buf.clear()) >= 0) {
        answer.write(buf.array(), 0, buf.position());
      }
      return answer.toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  void commandSplitAcrossWrites_isAnsweredOnceComplete() throws Exception {
    Path path = dir.resolve("s");
    try (UnixControlServer server = start(path, Duration.ofSeconds(10))) {
      assertThat(exchange(server.path(), "{\"comm", "and\": \"list-", "commands\"}"))
          .isEqualTo("{\"arguments\":[\"list-commands\"],\"result\":0}");
    }
  }

  @Test
  void incompleteCommand_getsKeasTimeoutAnswer() throws Exception {
    Path path = dir.resolve("s");
    try (UnixControlServer server = start(path, Duration.ofMillis(300))) {
      assertThat(exchange(server.path(), "{\"command\": "))
          .isEqualTo(
              "{\"result\":1,\"text\":\"Connection over control channel timed out, discarded"
                  + " partial command of 12 bytes\"}");
    }
  }

  @Test
  void staleSocketFile_isReplaced_andRemovedOnClose() throws Exception {
    Path path = dir.resolve("s");
    // A socket file nobody accepts on any more: what a killed daemon leaves behind.
    try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      dead.bind(UnixDomainSocketAddress.of(path));
    }
    assertThat(path).exists();
    try (UnixControlServer server = start(path, Duration.ofSeconds(10))) {
      assertThat(exchange(path, "{\"command\": \"list-commands\"}")).contains("\"result\":0");
    }
    assertThat(path).doesNotExist();
  }

  @Test
  void aRegularFileAtThePath_isRefusedAndLeftAlone() throws Exception {
    Path path = dir.resolve("s");
    Files.writeString(path, "precious");
    assertThatThrownBy(() -> start(path, Duration.ofSeconds(10)))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "control socket " + path + " exists and is not a socket; refusing to replace it");
    assertThat(path).hasContent("precious");
  }
}
