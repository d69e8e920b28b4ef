package io.d2j.d2.transaction;

import io.d2j.d2.domain.DdnsDomain;
import io.d2j.d2.domain.DnsServer;
import io.d2j.d2.transaction.TransactionResult.DirectionStatus;
import io.d2j.d2.transaction.TransactionResult.Status;
import io.d2j.d2.transaction.Transitions.Next;
import io.d2j.ncr.NameChangeRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * One NCR being applied to DNS: forward steps first, then reverse, each step one UPDATE. Pure: it
 * does no I/O and reads no clock; the shell performs each {@link Action.Send} and feeds the {@link
 * UpdateOutcome} back through {@link #onOutcome}.
 *
 * <p>Per direction the domain's servers are tried in order. A timeout, I/O error or unusable reply
 * re-sends the same step to the same server up to {@code triesPerServer} times; then the next
 * server is selected and the direction restarts from its first step. An answered RCODE is final for
 * that server: handled RCODEs move the script on, any other fails the transaction at once. A failed
 * forward side means the reverse side is never attempted (RFC 4703 §5.3: don't point a PTR at a
 * name we don't own).
 *
 * <p>Not thread-safe: confined to the D2 event loop.
 */
public final class Transaction {

  private final NameChangeRequest ncr;
  private final TransactionKind kind;
  private final Optional<DdnsDomain> forwardDomain;
  private final Optional<DdnsDomain> reverseDomain;
  private final TransactionPolicy policy;

  private Direction direction;
  private Step step;
  private int serverIndex;
  private int attempt;
  private int stepChanges;
  private DirectionStatus forwardStatus;
  private DirectionStatus reverseStatus;
  private TransactionResult result;

  /** Whether the last failed attempt got no answer at all (timeout or I/O error). */
  private boolean lastFailureUnanswered;

  /** Whether REMOVING_FWD_ADDRS last answered NOERROR (read by REMOVING_FWD_RRS, same server). */
  private boolean ownAddressRemoved;

  /** The RCODE that ended the transaction when a step rejected it; -1 otherwise. */
  private int rejectedWith = -1;

  /**
   * @param forwardDomain the matched forward domain, empty when the forward change is not requested
   *     or that direction is disabled
   * @param reverseDomain likewise for the reverse change
   */
  public Transaction(
      NameChangeRequest ncr,
      Optional<DdnsDomain> forwardDomain,
      Optional<DdnsDomain> reverseDomain,
      TransactionPolicy policy) {
    this.ncr = Objects.requireNonNull(ncr, "ncr");
    this.kind = TransactionKind.of(ncr.type(), ncr.conflictResolutionMode());
    this.forwardDomain = Objects.requireNonNull(forwardDomain, "forwardDomain");
    this.reverseDomain = Objects.requireNonNull(reverseDomain, "reverseDomain");
    this.policy = Objects.requireNonNull(policy, "policy");
    if (forwardDomain.isEmpty() && reverseDomain.isEmpty()) {
      throw new IllegalArgumentException("a transaction needs a forward or a reverse domain");
    }
    this.forwardStatus =
        forwardDomain.isPresent() ? DirectionStatus.NOT_ATTEMPTED : DirectionStatus.NOT_REQUESTED;
    this.reverseStatus =
        reverseDomain.isPresent() ? DirectionStatus.NOT_ATTEMPTED : DirectionStatus.NOT_REQUESTED;
  }

  public NameChangeRequest ncr() {
    return ncr;
  }

  public TransactionKind kind() {
    return kind;
  }

  /** The step in progress, or null before start and after the end. */
  public Step step() {
    return result == null ? step : null;
  }

  public Optional<TransactionResult> result() {
    return Optional.ofNullable(result);
  }

  /**
   * Whether this transaction ended because no server of its domain answered at all: NO_MORE_SERVERS
   * after a timeout or I/O error on the last server. A server that answers unusably (bad TSIG, a
   * corrupt reply) is reachable and misconfigured, which waiting does not cure.
   */
  /** True when the transaction ended because a step was answered {@code rcode}. */
  public boolean endedRejectedWith(int rcode) {
    return result != null && rejectedWith == rcode;
  }

  public boolean endedUnreachable() {
    return result != null
        && result.event() == TransactionEvent.NO_MORE_SERVERS_EVT
        && lastFailureUnanswered;
  }

  /** The domain of the direction in progress (or last in progress), empty before start. */
  public Optional<DdnsDomain> currentDomain() {
    return direction == null ? Optional.empty() : Optional.of(domain());
  }

  /** Begins with the forward side if one is to be done, else the reverse side. */
  public Action start() {
    if (direction != null) {
      throw new IllegalStateException("transaction already started: " + ncr.requestId());
    }
    return beginDirection(forwardDomain.isPresent() ? Direction.FORWARD : Direction.REVERSE);
  }

  /** Feeds the outcome of the last {@link Action.Send} and returns what to do next. */
  public Action onOutcome(UpdateOutcome outcome) {
    if (direction == null || result != null) {
      throw new IllegalStateException(
          "outcome " + outcome + " for transaction " + ncr.requestId() + " that is not running");
    }
    // Java 17: no pattern switch yet; the interface is sealed, so these four are all there is.
    if (outcome instanceof UpdateOutcome.Answered a) {
      return onAnswer(a.rcode());
    } else if (outcome instanceof UpdateOutcome.TimedOut) {
      lastFailureUnanswered = true;
      return onFailedAttempt("timed out");
    } else if (outcome instanceof UpdateOutcome.IoFailed f) {
      lastFailureUnanswered = true;
      return onFailedAttempt(f.reason());
    } else if (outcome instanceof UpdateOutcome.BadResponse b) {
      lastFailureUnanswered = false;
      return onFailedAttempt(b.reason());
    } else if (outcome instanceof UpdateOutcome.NotBuilt n) {
      return fail(TransactionEvent.UPDATE_FAILED_EVT, step + " could not be built: " + n.reason());
    }
    throw new IllegalArgumentException("unknown outcome " + outcome);
  }

  private Action onAnswer(int rcode) {
    if (step == Step.REMOVING_FWD_ADDRS) {
      ownAddressRemoved = rcode == Rcode.NOERROR;
    }
    Next next = Transitions.after(kind, step, rcode, policy, ownAddressRemoved);
    if (next instanceof Next.GoTo g) {
      if (++stepChanges > policy.maxStepChanges()) {
        return fail(
            TransactionEvent.UPDATE_FAILED_EVT,
            step
                + " answered "
                + Rcode.name(rcode)
                + " after "
                + policy.maxStepChanges()
                + " step changes; giving up");
      }
      step = g.step();
      attempt = 1;
      return send();
    } else if (next instanceof Next.DirectionDone) {
      return directionDone();
    }
    rejectedWith = rcode;
    String detail = step + " rejected by " + server().label() + ": " + Rcode.name(rcode);
    if (step == Step.REMOVING_FWD_RRS && rcode == Rcode.YXRRSET && !ownAddressRemoved) {
      detail += " (the addresses left at the name are not this client's; reverse not touched)";
    }
    return fail(TransactionEvent.UPDATE_FAILED_EVT, detail);
  }

  private Action onFailedAttempt(String reason) {
    if (attempt < policy.triesPerServer()) {
      attempt++;
      return send();
    }
    String what = step + " on " + server().label() + " failed " + attempt + " times: " + reason;
    if (!Transitions.mayFailOver(kind, step)) {
      return fail(TransactionEvent.UPDATE_FAILED_EVT, what);
    }
    if (serverIndex + 1 < domain().servers().size()) {
      serverIndex++;
      // A new server knows nothing of what the last one did: start the direction over.
      step = kind.firstStep(direction);
      attempt = 1;
      return send();
    }
    return fail(TransactionEvent.NO_MORE_SERVERS_EVT, what + "; no more servers");
  }

  private Action beginDirection(Direction d) {
    direction = d;
    step = kind.firstStep(d);
    serverIndex = 0;
    attempt = 1;
    return send();
  }

  private Action directionDone() {
    if (direction == Direction.FORWARD) {
      forwardStatus = DirectionStatus.COMPLETED;
      if (reverseDomain.isPresent()) {
        return beginDirection(Direction.REVERSE);
      }
    } else {
      reverseStatus = DirectionStatus.COMPLETED;
    }
    result =
        new TransactionResult(
            Status.COMPLETED, TransactionEvent.UPDATE_OK_EVT, forwardStatus, reverseStatus, "");
    return new Action.Finished(result);
  }

  private Action fail(TransactionEvent event, String detail) {
    if (direction == Direction.FORWARD) {
      forwardStatus = DirectionStatus.FAILED;
    } else {
      reverseStatus = DirectionStatus.FAILED;
    }
    result = new TransactionResult(Status.FAILED, event, forwardStatus, reverseStatus, detail);
    return new Action.Finished(result);
  }

  private Action send() {
    return new Action.Send(step, domain(), server(), attempt);
  }

  private DdnsDomain domain() {
    return (direction == Direction.FORWARD ? forwardDomain : reverseDomain).orElseThrow();
  }

  private DnsServer server() {
    return domain().servers().get(serverIndex);
  }
}
