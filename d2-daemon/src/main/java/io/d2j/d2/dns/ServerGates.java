package io.d2j.d2.dns;

import io.d2j.d2.config.D2Defaults;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Turn-taking per DNS server ({@code max-updates-per-server}): at most that many UPDATEs are
 * outstanding at one server; the others wait here, in order, and go out as turns free. A smaller
 * limit applies as outstanding ones finish. Confined to the context the client runs on.
 */
final class ServerGates {

  private final Map<InetSocketAddress, Gate> gates = new HashMap<>();
  private int limit = D2Defaults.D2J_MAX_UPDATES_PER_SERVER;

  void limit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit: must be >= 1, got " + limit);
    }
    this.limit = limit;
    gates.values().forEach(Gate::startWaiting);
  }

  /** UPDATEs waiting for a turn (not yet sent). */
  int waiting() {
    return gates.values().stream().mapToInt(g -> g.waiting.size()).sum();
  }

  /**
   * Runs {@code exchange} when {@code server} has a turn free; the exchange calls the returned
   * turn's {@link Turn#done} exactly once when it has finished.
   */
  void run(InetSocketAddress server, java.util.function.Consumer<Turn> exchange) {
    Gate gate = gates.computeIfAbsent(server, a -> new Gate());
    gate.waiting.add(
        () ->
            exchange.accept(
                () -> {
                  gate.finished();
                  if (gate.idle()) {
                    gates.remove(server);
                  }
                }));
    gate.startWaiting();
  }

  /** One exchange's turn at its server. */
  interface Turn {
    void done();
  }

  /** One server's queue of exchanges. */
  private final class Gate {
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int outstanding;

    /**
     * Set while starting: an exchange that completes at once must not start others re-entrantly.
     */
    private boolean starting;

    void startWaiting() {
      if (starting) {
        return; // the loop below is running further up this stack and sees the freed turn
      }
      starting = true;
      try {
        while (outstanding < limit && !waiting.isEmpty()) {
          outstanding++;
          waiting.poll().run();
        }
      } finally {
        starting = false;
      }
    }

    void finished() {
      outstanding--;
      startWaiting();
    }

    boolean idle() {
      return outstanding == 0 && waiting.isEmpty() && !starting;
    }
  }
}
