package io.d2j.d2.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.d2.Fixtures;
import io.d2j.d2.domain.DdnsDomain;
import io.d2j.d2.domain.DnsServer;
import io.d2j.d2.stats.D2Stats;
import io.d2j.d2.transaction.Action;
import io.d2j.d2.transaction.Step;
import io.d2j.d2.transaction.TransactionKind;
import io.d2j.d2.transaction.UpdateOutcome;
import io.d2j.d2.update.UpdateSender.Request;
import io.d2j.keacontrol.stats.Statistics;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Update;

/** {@link UpdateBatcher} over a scripted exchange: what is packed, when, and what each NCR sees. */
class UpdateBatcherTest {

  private static final DdnsDomain FWD = Fixtures.domain("example.org.", "127.0.0.1");
  private static final DdnsDomain OTHER = Fixtures.domain("example.net.", "127.0.0.1");
  private static final DdnsDomain REV = Fixtures.domain("2.0.192.in-addr.arpa.", "127.0.0.1");
  private static final UpdateOutcome NOERROR = new UpdateOutcome.Answered(Rcode.NOERROR);

  /** One exchange the batcher started, answered by the test. */
  private record Sent(
      byte[] wire, Message message, DnsServer server, Consumer<UpdateOutcome> done) {
    List<String> owners() {
      return message.getSection(Section.PREREQ).stream()
          .map(r -> r.getName().toString())
          .collect(Collectors.toList());
    }
  }

  private final Deque<Sent> sent = new ArrayDeque<>();
  private final Statistics stats = new Statistics(Clock.systemUTC());
  private int nextId = 1;
  private final UpdateBatcher batcher =
      new UpdateBatcher(
          (update, server, timeout, forceTcp, done) -> {
            try {
              sent.add(new Sent(update, new Message(update), server, done));
            } catch (IOException e) {
              throw new AssertionError("unparseable UPDATE", e);
            }
          },
          () -> nextId++,
          stats);

  /** Outcomes per NCR, in arrival order. */
  private final List<String> outcomes = new ArrayList<>();

  private void add(String host, DdnsDomain domain, Step step) {
    String fqdn = host + "." + domain.zone();
    Request r =
        new Request(
            TransactionKind.NAME_ADD,
            new Action.Send(step, domain, domain.servers().get(0), 1),
            Fixtures.add(fqdn, "192.0.2.10"),
            Duration.ofSeconds(1),
            false);
    batcher.send(r, outcome -> outcomes.add(host + "=" + outcome));
  }

  private void add(String host) {
    add(host, FWD, Step.ADDING_FWD_ADDRS);
  }

  @Test
  void limitOne_sendsEveryStepAloneAtOnce() {
    add("a");
    add("b");
    add("c");

    assertThat(sent).hasSize(3);
    assertThat(sent).allSatisfy(s -> assertThat(s.owners()).hasSize(1));
    assertThat(stats.value(D2Stats.UPDATE_BATCHES)).isZero();
  }

  @Test
  void anIdleServer_getsTheFirstStepAtOnce_andWhatQueuedBehindItGoesAsOneUpdate() {
    batcher.maxNames(8);
    add("a");
    add("b");
    add("c");
    add("d");

    assertThat(sent).hasSize(1);
    assertThat(sent.peek().owners()).containsExactly("a.example.org.");
    sent.poll().done().accept(NOERROR);

    assertThat(sent).hasSize(1);
    Sent batch = sent.poll();
    assertThat(batch.owners())
        .containsExactly("b.example.org.", "c.example.org.", "d.example.org.");
    assertThat(batch.message().getSection(Section.UPDATE)).hasSize(6); // A + DHCID each
    assertThat(batch.message().getSection(Section.ZONE).get(0).getName())
        .hasToString("example.org.");
    assertThat(outcomes).containsExactly("a=" + NOERROR);

    batch.done().accept(NOERROR);

    assertThat(outcomes)
        .containsExactly("a=" + NOERROR, "b=" + NOERROR, "c=" + NOERROR, "d=" + NOERROR);
    assertThat(stats.value(D2Stats.UPDATE_BATCHES)).isEqualTo(1);
    assertThat(stats.value(D2Stats.UPDATE_BATCHED_NAMES)).isEqualTo(3);
    assertThat(stats.value(D2Stats.UPDATE_BATCH_SPLITS)).isZero();
  }

  @Test
  void aPrerequisiteFailure_splitsTheBatch_andEachNcrGetsItsOwnAnswer() {
    batcher.maxNames(8);
    add("a");
    add("b");
    add("c");
    sent.poll().done().accept(NOERROR);
    Sent batch = sent.poll();

    batch.done().accept(new UpdateOutcome.Answered(Rcode.YXDOMAIN)); // one name is in use

    assertThat(outcomes).containsExactly("a=" + NOERROR);
    assertThat(stats.value(D2Stats.UPDATE_BATCH_SPLITS)).isEqualTo(1);
    assertThat(sent).hasSize(2);
    Sent b = sent.poll();
    Sent c = sent.poll();
    assertThat(b.owners()).containsExactly("b.example.org.");
    assertThat(c.owners()).containsExactly("c.example.org.");
    b.done().accept(new UpdateOutcome.Answered(Rcode.YXDOMAIN));
    c.done().accept(NOERROR);
    assertThat(outcomes)
        .containsExactly(
            "a=" + NOERROR, "b=" + new UpdateOutcome.Answered(Rcode.YXDOMAIN), "c=" + NOERROR);
  }

  @Test
  void aTimedOutBatch_isSentAgainOneByOne_neverReportedAsEachNcrsOutcome() {
    batcher.maxNames(8);
    add("a");
    add("b");
    add("c");
    sent.poll().done().accept(NOERROR);

    sent.poll().done().accept(new UpdateOutcome.TimedOut());

    assertThat(outcomes).containsExactly("a=" + NOERROR);
    assertThat(sent).hasSize(2);
    sent.poll().done().accept(new UpdateOutcome.TimedOut());
    assertThat(outcomes).containsExactly("a=" + NOERROR, "b=" + new UpdateOutcome.TimedOut());
  }

  @Test
  void afterABatchGotNoAnswer_stepsGoAlone_untilTheServerAnswersOne() {
    batcher.maxNames(8);
    add("a");
    add("b");
    add("c");
    sent.poll().done().accept(NOERROR);
    Sent batch = sent.poll();
    add("d"); // queued behind the batch
    batch.done().accept(new UpdateOutcome.TimedOut());

    // b and c again alone, and d alone too: a silent server costs each try one time-out.
    assertThat(sent).hasSize(3);
    assertThat(sent).allSatisfy(s -> assertThat(s.owners()).hasSize(1));
    add("e");
    add("f");
    assertThat(sent).hasSize(5);
    assertThat(sent).allSatisfy(s -> assertThat(s.owners()).hasSize(1));
    assertThat(stats.value(D2Stats.UPDATE_BATCHES)).isEqualTo(1);

    sent.poll().done().accept(new UpdateOutcome.TimedOut());
    sent.poll().done().accept(NOERROR); // the server answers again
    sent.clear();
    add("g");
    add("h");
    add("i");
    assertThat(sent).hasSize(1); // g at once; h and i wait to be packed again
    sent.poll().done().accept(NOERROR);
    assertThat(sent.poll().owners()).containsExactly("h.example.org.", "i.example.org.");
  }

  @Test
  void aBatchAnsweredWithAnError_doesNotStopBatching() {
    batcher.maxNames(8);
    add("a");
    add("b");
    add("c");
    sent.poll().done().accept(NOERROR);
    sent.poll().done().accept(new UpdateOutcome.Answered(Rcode.YXDOMAIN));
    sent.clear();
    add("d");
    add("e");
    add("f");
    assertThat(sent).hasSize(1);
    sent.poll().done().accept(NOERROR);
    assertThat(sent.poll().owners()).containsExactly("e.example.org.", "f.example.org.");
  }

  @Test
  void aFullBatch_goesOutWithoutWaitingForTheOutstandingOne() {
    batcher.maxNames(2);
    add("a");
    add("b");
    add("c");
    add("d");

    // a alone (idle); b and c fill a batch, which goes at once; d waits for an answer
    assertThat(sent).hasSize(2);
    assertThat(new ArrayList<>(sent).get(1).owners())
        .containsExactly("b.example.org.", "c.example.org.");
    sent.poll().done().accept(NOERROR);
    assertThat(sent).hasSize(2);
    assertThat(new ArrayList<>(sent).get(1).owners()).containsExactly("d.example.org.");
  }

  @Test
  void otherZones_areNeverHeldBack() {
    batcher.maxNames(8);
    add("a");
    add("r", REV, Step.REMOVING_REV_PTRS);
    add("n", OTHER, Step.ADDING_FWD_ADDRS);

    assertThat(sent).hasSize(3);
  }

  @Test
  void removeSteps_arePacked_withEachOtherAndWithAddsOfOtherNames() {
    batcher.maxNames(8);
    add("a");
    remove("b", FWD, Step.REMOVING_FWD_ADDRS, "192.0.2.2");
    remove("c", FWD, Step.REMOVING_FWD_RRS, "192.0.2.3");
    add("d", FWD, Step.REPLACING_FWD_ADDRS);
    add("e");
    sent.poll().done().accept(NOERROR);

    assertThat(sent).hasSize(1);
    Sent batch = sent.poll();
    Message m = batch.message();
    // b: its DHCID, then its one address deleted (class NONE); c: its DHCID, no A, no AAAA, then
    // everything at the name deleted; d: in use, its DHCID, then its address replaced; e: not in
    // use, then added: each step's records at its own name only.
    assertThat(m.getSection(Section.PREREQ))
        .extracting(r -> r.getName().toString())
        .containsExactly(
            "b.example.org.",
            "c.example.org.",
            "c.example.org.",
            "c.example.org.",
            "d.example.org.",
            "d.example.org.",
            "e.example.org.");
    assertThat(m.getSection(Section.UPDATE))
        .extracting(r -> r.getName() + " " + org.xbill.DNS.Type.string(r.getType()))
        .containsExactly(
            "b.example.org. A",
            "c.example.org. ANY",
            "d.example.org. A",
            "d.example.org. A",
            "e.example.org. A",
            "e.example.org. DHCID");
    batch.done().accept(NOERROR);
    assertThat(outcomes)
        .containsExactly(
            "a=" + NOERROR, "b=" + NOERROR, "c=" + NOERROR, "d=" + NOERROR, "e=" + NOERROR);
  }

  @Test
  void aRemoveBatchMeetingYxrrset_isSplit_andEachRemoveGetsItsOwnAnswer() {
    batcher.maxNames(8);
    remove("a", FWD, Step.REMOVING_FWD_RRS, "192.0.2.1");
    remove("b", FWD, Step.REMOVING_FWD_RRS, "192.0.2.2");
    remove("c", FWD, Step.REMOVING_FWD_RRS, "192.0.2.3");
    sent.poll().done().accept(NOERROR);

    sent.poll().done().accept(new UpdateOutcome.Answered(Rcode.YXRRSET)); // b is dual-stack

    assertThat(stats.value(D2Stats.UPDATE_BATCH_SPLITS)).isEqualTo(1);
    assertThat(sent).hasSize(2);
    sent.poll().done().accept(new UpdateOutcome.Answered(Rcode.YXRRSET));
    sent.poll().done().accept(NOERROR);
    assertThat(outcomes)
        .containsExactly(
            "a=" + NOERROR, "b=" + new UpdateOutcome.Answered(Rcode.YXRRSET), "c=" + NOERROR);
  }

  @Test
  void reverseRemoves_arePacked_butNeverTwoForOneReverseName() {
    batcher.maxNames(8);
    remove("a", REV, Step.REMOVING_REV_PTRS, "192.0.2.1");
    remove("b", REV, Step.REMOVING_REV_PTRS, "192.0.2.2");
    remove("c", REV, Step.REMOVING_REV_PTRS, "192.0.2.2");
    sent.poll().done().accept(NOERROR);

    assertThat(sent).hasSize(1);
    assertThat(sent.poll().owners()).containsExactly("2.2.0.192.in-addr.arpa.");
  }

  private void remove(String host, DdnsDomain domain, Step step, String ip) {
    String fqdn = host + ".example.org.";
    Request r =
        new Request(
            TransactionKind.NAME_REMOVE,
            new Action.Send(step, domain, domain.servers().get(0), 1),
            Fixtures.remove(fqdn, ip),
            Duration.ofSeconds(1),
            false);
    batcher.send(r, outcome -> outcomes.add(host + "=" + outcome));
  }

  @Test
  void reverseStepsOfAdds_arePackedToo_butNeverTwoForOneReverseName() {
    batcher.maxNames(8);
    reverse("a", "192.0.2.1");
    reverse("b", "192.0.2.2");
    reverse("c", "192.0.2.2"); // another name on the same address: same PTR owner
    reverse("d", "192.0.2.4");
    sent.poll().done().accept(NOERROR);

    assertThat(sent).hasSize(1);
    Sent batch = sent.poll();
    assertThat(batch.message().getSection(Section.UPDATE))
        .extracting(r -> r.getName().toString())
        .containsOnly("2.2.0.192.in-addr.arpa.", "4.2.0.192.in-addr.arpa.");
    batch.done().accept(NOERROR);
    assertThat(sent).hasSize(1);
    assertThat(sent.poll().message().getSection(Section.UPDATE))
        .extracting(r -> r.getName().toString())
        .containsOnly("2.2.0.192.in-addr.arpa.");
  }

  private void reverse(String host, String ip) {
    Request r =
        new Request(
            TransactionKind.NAME_ADD,
            new Action.Send(Step.REPLACING_REV_PTRS, REV, REV.servers().get(0), 1),
            Fixtures.add(host + ".example.org.", ip),
            Duration.ofSeconds(1),
            false);
    batcher.send(r, outcome -> outcomes.add(host + "=" + outcome));
  }

  @Test
  void twoStepsForOneName_neverShareAMessage() {
    batcher.maxNames(8);
    add("a");
    add("b");
    add("B");
    add("c");
    sent.poll().done().accept(NOERROR);

    assertThat(sent).hasSize(1);
    assertThat(sent.peek().owners()).containsExactly("b.example.org.", "c.example.org.");
    sent.poll().done().accept(NOERROR);
    assertThat(sent).hasSize(1);
    assertThat(sent.peek().owners()).containsExactly("B.example.org.");
  }

  @Test
  void theBatch_isTheOctetsDnsjavaRendersForTheSameSteps() throws Exception {
    batcher.maxNames(8);
    add("a");
    add("b");
    add("c");
    sent.poll().done().accept(NOERROR);
    Sent batch = sent.poll();
    Message ours = batch.message();

    Update reference = new Update(org.xbill.DNS.Name.fromConstantString("example.org."));
    reference.getHeader().setID(ours.getHeader().getID());
    UpdateSink sink = new UpdateMessages.DnsjavaSink(reference);
    for (String host : List.of("b", "c")) {
      UpdateMessages.write(
          TransactionKind.NAME_ADD,
          Step.ADDING_FWD_ADDRS,
          Fixtures.add(host + ".example.org.", "192.0.2.10"),
          sink);
    }
    assertThat(batch.wire()).isEqualTo(reference.toWire());
    assertThat(ours.getSection(Section.PREREQ))
        .extracting(Record::getDClass)
        .containsOnly(org.xbill.DNS.DClass.NONE);
  }
}
