package io.d2j.d2.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Speaks Kea's control protocol: one JSON command, one JSON answer, then the server closes. */
final class ControlClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path socket;

  ControlClient(Path socket) {
    this.socket = socket;
  }

  /** Sends raw text and returns the raw answer. */
  String sendText(String request) {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8));
      while (out.hasRemaining()) {
        ch.write(out);
      }
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      ByteBuffer buf = ByteBuffer.allocate(4096);
      while (ch.read(buf.clear()) >= 0) {
        answer.write(buf.array(), 0, buf.position());
      }
      return answer.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonNode send(String request) {
    try {
      return JSON.readTree(sendText(request));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonNode command(String name) {
    return send("{\"command\": \"" + name + "\"}");
  }

  JsonNode command(String name, String argumentsJson) {
    return send("{\"command\": \"" + name + "\", \"arguments\": " + argumentsJson + "}");
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
