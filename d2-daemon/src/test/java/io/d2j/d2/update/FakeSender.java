package io.d2j.d2.update;

import io.d2j.d2.transaction.Step;
import io.d2j.d2.transaction.UpdateOutcome;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * An {@link UpdateSender} the test answers by hand: every request waits in {@link #pending} until
 * the test gives it an outcome. Runs on the test's thread with the manual scheduler.
 */
public final class FakeSender implements UpdateSender {

  /** One request and the way to answer it. */
  public record Sent(Request request, Consumer<UpdateOutcome> done) {
    public Step step() {
      return request.send().step();
    }

    public String server() {
      return request.send().server().label();
    }

    public void answer(UpdateOutcome outcome) {
      done.accept(outcome);
    }
  }

  public final Deque<Sent> pending = new ArrayDeque<>();
  public final List<Request> all = new ArrayList<>();
  int maxPerServer;
  int maxNamesPerUpdate;
  boolean closed;
  RuntimeException failWith;

  /** When set, every request is answered at once with what it returns (a DNS server's mood). */
  public java.util.function.Function<Request, UpdateOutcome> autoAnswer;

  @Override
  public void send(Request request, Consumer<UpdateOutcome> done) {
    if (failWith != null) {
      throw failWith;
    }
    all.add(request);
    if (autoAnswer != null) {
      done.accept(autoAnswer.apply(request));
      return;
    }
    pending.add(new Sent(request, done));
  }

  @Override
  public void maxUpdatesPerServer(int limit) {
    maxPerServer = limit;
  }

  @Override
  public void maxNamesPerUpdate(int limit) {
    maxNamesPerUpdate = limit;
  }

  @Override
  public void close() {
    closed = true;
  }

  /** The oldest unanswered request, taken out. */
  public Sent next() {
    Sent s = pending.poll();
    if (s == null) {
      throw new AssertionError("no UPDATE waiting for an answer");
    }
    return s;
  }

  /** Answers every waiting request with {@code outcome}; returns how many. */
  public int answerAll(UpdateOutcome outcome) {
    int n = 0;
    for (Sent s = pending.poll(); s != null; s = pending.poll()) {
      s.answer(outcome);
      n++;
    }
    return n;
  }
}
