package io.d2j.keacontrol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer target: any bytes a client writes to the control socket go through the same steps as in
 * {@link UnixControlServer}: the incremental reader ({@link RequestFeed}, fed in pieces as reads
 * return them), then {@link CommandRegistry#parse} and {@link CommandRegistry#execute} with a
 * registry that echoes its arguments, then the answer's rendering. Every input ends in an answer or
 * in "need more"; the only exception allowed out is {@link CommandRegistry.RequestException} from
 * parse. Seeds: Kea commands with and without arguments, a service list, a bare string.
 */
class ControlRequestFuzzTarget {
  private static final CommandRegistry REGISTRY = registry();

  private static CommandRegistry registry() {
    CommandRegistry r = new CommandRegistry("fuzz");
    r.register(
        Command.of("echo", args -> args == null ? Answer.ok("no arguments") : Answer.ok(args)));
    return r;
  }

  @FuzzTest(maxDuration = "30s")
  void request(byte[] bytes) {
    RequestFeed feed = new RequestFeed();
    RequestFeed.State state = RequestFeed.State.NEED_MORE;
    // Reads return arbitrary pieces: cut the input into pieces of a size it chooses itself.
    int piece = 1 + (bytes.length == 0 ? 0 : (bytes[0] & 0x0f));
    for (int at = 0; at < bytes.length && state == RequestFeed.State.NEED_MORE; at += piece) {
      state = feed.feed(bytes, at, Math.min(piece, bytes.length - at));
    }
    if (state == RequestFeed.State.NEED_MORE) {
      state = feed.endOfInput();
    }
    switch (state) {
      case NEED_MORE -> assertThat(feed.size()).isLessThanOrEqualTo(bytes.length);
      case INVALID -> assertThat(Answer.error(feed.error()).render()).startsWith("{");
      case COMPLETE -> {
        Answer answer;
        try {
          answer = REGISTRY.execute(CommandRegistry.parse(feed.text()));
        } catch (CommandRegistry.RequestException e) {
          answer = Answer.error(e.getMessage());
        }
        assertThat(answer.render()).startsWith("{").contains("\"result\"");
      }
    }
  }
}
