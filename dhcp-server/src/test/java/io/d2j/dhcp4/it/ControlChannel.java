package io.d2j.dhcp4.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A client of the server's unix control socket: one command per connection, as Kea's. */
public final class ControlChannel {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ControlChannel() {}

  /** Sends {@code command} to {@code socket} and reads the whole answer. */
  public static JsonNode send(Path socket, String command) throws IOException {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      ByteBuffer out = ByteBuffer.wrap(command.getBytes(StandardCharsets.UTF_8));
      while (out.hasRemaining()) {
        ch.write(out);
      }
      ByteBuffer in = ByteBuffer.allocate(1 << 20);
      while (ch.read(in) >= 0) {
        if (!in.hasRemaining()) {
          throw new IOException("answer larger than 1 MiB");
        }
      }
      return JSON.readTree(new String(in.array(), 0, in.position(), StandardCharsets.UTF_8));
    }
  }

  /** {@code {"command": name, "arguments": arguments}}. */
  static String cmd(String name, String arguments) {
    return "{\"command\": \"" + name + "\", \"arguments\": " + arguments + "}";
  }

  /** "result: text" of the answer. */
  static String text(Path socket, String command) throws IOException {
    JsonNode a = send(socket, command);
    return a.get("result").asInt() + ": " + a.get("text").asText();
  }
}
