package io.d2j.keacontrol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Collects the bytes of one request until they form a complete JSON value. Kea's protocol has no
 * length prefix or delimiter: the server reads until the value is complete (d2-behaviour.md §9.1),
 * so the bytes are fed through Jackson's non-blocking parser and the nesting depth is tracked.
 */
final class RequestFeed {

  /** Where the feed stands after the bytes so far. */
  enum State {
    NEED_MORE,
    COMPLETE,
    INVALID
  }

  private static final JsonFactory FACTORY = new JsonFactory();

  /** The largest command accepted: far above any real config-set, far below the heap. */
  static final int MAX_REQUEST = 16 * 1024 * 1024;

  private final int maxBytes;

  private final JsonParser parser;
  private final ByteArrayFeeder feeder;
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private int depth;
  private State state = State.NEED_MORE;
  private String error;

  RequestFeed() {
    this(MAX_REQUEST);
  }

  /** A feed that refuses a command longer than {@code maxBytes}. */
  RequestFeed(int maxBytes) {
    this.maxBytes = maxBytes;
    try {
      this.parser = FACTORY.createNonBlockingByteArrayParser();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
  }

  State feed(byte[] data, int offset, int length) {
    if (state != State.NEED_MORE) {
      return state;
    }
    if (received.size() + (long) length > maxBytes) {
      // A local client streaming an endless value must not exhaust the daemon's memory.
      state = State.INVALID;
      error = "command larger than " + maxBytes + " bytes";
      return state;
    }
    received.write(data, offset, length);
    try {
      feeder.feedInput(data, offset, offset + length);
      advance();
    } catch (JsonProcessingException e) {
      fail(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return state;
  }

  /** The client closed its side: a number at the very end is complete only now. */
  State endOfInput() {
    if (state == State.NEED_MORE) {
      feeder.endOfInput();
      try {
        advance();
      } catch (JsonProcessingException e) {
        fail(e);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return state;
  }

  private void advance() throws IOException {
    JsonToken token;
    while ((token = parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
      if (token.isStructStart()) {
        depth++;
      } else if (token.isStructEnd()) {
        depth--;
      }
      if (depth == 0) {
        state = State.COMPLETE;
        return;
      }
    }
  }

  private void fail(JsonProcessingException e) {
    state = State.INVALID;
    error = CommandRegistry.describe(e);
  }

  /** Why the bytes are not JSON (state INVALID). */
  String error() {
    return error;
  }

  int size() {
    return received.size();
  }

  String text() {
    return received.toString(StandardCharsets.UTF_8);
  }
}
