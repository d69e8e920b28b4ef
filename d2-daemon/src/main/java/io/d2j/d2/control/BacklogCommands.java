package io.d2j.d2.control;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.d2j.keacontrol.Answer;
import io.d2j.keacontrol.Command;
import io.d2j.keacontrol.CommandRegistry;

/**
 * d2j's backlog commands, names Kea does not use (Kea has no way to read its queue, d2-behaviour.md
 * §8.1):
 *
 * <pre>{@code
 * {"command": "d2j-queue-get"}
 * → {"result": 0, "text": "3 queued, 2 in flight, 1 waiting for retry, 0 in the journal",
 *    "arguments": {"queued": 3, "in-flight": 2, "waiting-for-retry": 1, "journaled": 0,
 *                  "oldest-age": 42, "waiting-by-domain": {"example.org.": 1}}}
 *
 * {"command": "d2j-retry-now"}
 * → {"result": 0, "text": "1 waiting NCRs released for their next try", "arguments": {"released": 1}}
 * }</pre>
 */
public final class BacklogCommands {

  public static final String QUEUE_GET = "d2j-queue-get";
  public static final String RETRY_NOW = "d2j-retry-now";

  private BacklogCommands() {}

  public static void register(CommandRegistry registry, BacklogSource source) {
    registry.register(Command.of(QUEUE_GET, args -> queueGet(source.backlog())));
    registry.register(Command.of(RETRY_NOW, args -> retryNow(source.retryNow())));
  }

  static Answer retryNow(int released) {
    ObjectNode args = JsonNodeFactory.instance.objectNode();
    args.put("released", released);
    return Answer.ok(released + " waiting NCRs released for their next try", args);
  }

  static Answer queueGet(Backlog b) {
    ObjectNode args = JsonNodeFactory.instance.objectNode();
    args.put("queued", b.queued());
    args.put("in-flight", b.inFlight());
    args.put("waiting-for-retry", b.waitingForRetry());
    args.put("journaled", b.journaled());
    args.put("oldest-age", b.oldestAgeSeconds());
    ObjectNode byDomain = args.putObject("waiting-by-domain");
    b.waitingByDomain().forEach(byDomain::put);
    return Answer.ok(
        b.queued()
            + " queued, "
            + b.inFlight()
            + " in flight, "
            + b.waitingForRetry()
            + " waiting for retry, "
            + b.journaled()
            + " in the journal",
        args);
  }
}
