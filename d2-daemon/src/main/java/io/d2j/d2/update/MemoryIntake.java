package io.d2j.d2.update;

import io.d2j.keacontrol.time.Scheduler;
import io.d2j.ncr.NameChangeRequest;

/**
 * NCRs held in memory only, as Kea holds them (the journal is off, or in embedded use): each one is
 * handed to the event loop and queued there, or dropped when the queue is full or shutdown began. A
 * restart loses what was queued.
 */
public final class MemoryIntake implements Intake {

  private final Scheduler loop;

  /**
   * @param loop the event loop the queue is confined to
   */
  public MemoryIntake(Scheduler loop) {
    this.loop = loop;
  }

  @Override
  public void submit(NameChangeRequest ncr, Runnable accepted, Sink sink) {
    loop.execute(
        () -> {
          if (sink.offer(ncr)) {
            accepted.run();
          }
        });
  }

  @Override
  public void refill() {
    // nothing waits outside the queue
  }

  @Override
  public void finished(NameChangeRequest ncr) {
    // nothing to forget
  }

  @Override
  public long journaled() {
    return 0;
  }

  @Override
  public boolean keepsUnfinished() {
    return false;
  }

  @Override
  public void close() {
    // nothing held but the queue
  }
}
