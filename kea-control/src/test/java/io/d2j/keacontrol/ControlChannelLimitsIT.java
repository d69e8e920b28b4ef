package io.d2j.keacontrol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 item 6: what one client may cost the control channel (request size, the time to send a
 * command and to read the answer, connections open at once), and that the daemon keeps answering
 * everyone else throughout.
 */
@Timeout(60)
class ControlChannelLimitsIT {
  private static final String LIST = "{\"command\": \"list-commands\"}";

  @TempDir Path dir;

  private final CommandRegistry registry = new CommandRegistry("kea-dhcp-ddns");
  private final List<SocketChannel> clients = new ArrayList<>();
  private UnixControlServer server;

  private UnixControlServer start(ControlLimits limits) throws IOException {
    registry.register(
        Command.of("big", args -> Answer.ok(new TextNode("x".repeat(8 * 1024 * 1024)))));
    server =
        UnixControlServer.start(
            dir.resolve("ctl"), 0600, registry, CommandExecutor.inline(), limits);
    return server;
  }

  @AfterEach
  void closeAll() throws IOException {
    for (SocketChannel c : clients) {
      c.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private SocketChannel connect() throws IOException {
    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    ch.connect(UnixDomainSocketAddress.of(server.path()));
    clients.add(ch);
    return ch;
  }

  private static void write(SocketChannel ch, String text) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  private static String readAnswer(SocketChannel ch) throws IOException {
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    ByteBuffer buf = ByteBuffer.allocate(8192);
    while (ch.read(buf.clear()) >= 0) {
      answer.write(buf.array(), 0, buf.position());
    }
    return answer.toString(StandardCharsets.UTF_8);
  }

  private String exchange(String command) throws IOException {
    SocketChannel ch = connect();
    write(ch, command);
    return readAnswer(ch);
  }

  @Test
  void idleClients_holdNoThread_anotherClientIsAnsweredAtOnce() throws Exception {
    start(ControlLimits.DEFAULT.withReceiveTimeout(Duration.ofSeconds(30)));
    for (int i = 0; i < 12; i++) {
      write(connect(), "{\"command\": "); // and never more
    }
    long t0 = System.nanoTime();
    assertThat(exchange(LIST)).contains("\"result\":0");
    // Before, four threads each waited out an idle client's 30 s: this answer came after them.
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void oneConnectionTooMany_isToldSoAtOnce_andAFreedSlotIsUsableAgain() throws Exception {
    start(new ControlLimits(Duration.ofSeconds(30), Duration.ofSeconds(10), 4, 1 << 20));
    List<SocketChannel> idle = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      SocketChannel ch = connect();
      write(ch, "{");
      idle.add(ch);
    }
    awaitOpen(4);

    assertThat(exchange(LIST))
        .isEqualTo(
            "{\"result\":1,\"text\":\"too many connections to the control channel (4 open); try"
                + " again later\"}");
    assertThat(server.rejectedConnections()).isEqualTo(1);

    idle.get(0).close();
    awaitOpen(3);
    assertThat(exchange(LIST)).contains("\"result\":0");
  }

  @Test
  void anOversizedCommand_isAnsweredWithTheLimit() throws Exception {
    start(new ControlLimits(Duration.ofSeconds(10), Duration.ofSeconds(10), 32, 1024));
    String big = "{\"command\": \"list-commands\", \"arguments\": \"" + "a".repeat(2000) + "\"}";
    assertThat(exchange(big))
        .isEqualTo("{\"result\":1,\"text\":\"command larger than 1024 bytes\"}");
    assertThat(exchange(LIST)).contains("\"result\":0");
  }

  @Test
  void aSlowSender_getsKeasTimeoutAnswer_whileOthersAreServed() throws Exception {
    start(ControlLimits.DEFAULT.withReceiveTimeout(Duration.ofMillis(500)));
    SocketChannel slow = connect();
    write(slow, "{\"command\": \"list-");
    assertThat(exchange(LIST)).contains("\"result\":0");
    assertThat(readAnswer(slow))
        .isEqualTo(
            "{\"result\":1,\"text\":\"Connection over control channel timed out, discarded"
                + " partial command of 18 bytes\"}");
    awaitOpen(0);
  }

  @Test
  void aClientThatNeverReadsItsAnswer_isDropped_andFreesItsSlot() throws Exception {
    start(new ControlLimits(Duration.ofSeconds(10), Duration.ofMillis(500), 32, 1 << 20));
    SocketChannel greedy = connect();
    write(greedy, "{\"command\": \"big\"}"); // 8 MiB answer, never read
    assertThat(exchange(LIST)).contains("\"result\":0");
    awaitOpen(0); // the greedy one too, once its send time ran out
    assertThat(exchange(LIST)).contains("\"result\":0");
  }

  private void awaitOpen(int n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (server.openConnections() != n) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            "open connections: " + server.openConnections() + ", expected " + n);
      }
      Thread.sleep(10);
    }
  }
}
