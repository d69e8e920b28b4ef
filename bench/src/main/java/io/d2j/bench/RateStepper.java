package io.d2j.bench;

/**
 * Finds the highest rate a target sustains: doubles the rate while steps pass, then bisects between
 * the highest pass and the lowest failure until they are within {@code precision} of each other. A
 * failed step is run once more before it counts: on a shared machine one step can fail because
 * another process took the CPUs, and a single such failure would otherwise cap the whole search.
 * Pure: the caller runs each step and reports whether it passed.
 *
 * <pre>{@code
 * start 500, max 20000, precision 0.1; passes up to 3000:
 *   500 ✓ 1000 ✓ 2000 ✓ 4000 ✗ 4000 ✗ 3000 ✓ 3500 ✗ 3500 ✗ 3250 ✗ 3250 ✗ → best 3000
 * }</pre>
 */
public final class RateStepper {

  private final int max;
  private final int floor;
  private final double precision;
  private final int maxSteps;
  private int current;
  private int best;
  private int lowestFail = Integer.MAX_VALUE;
  private int steps;
  private boolean done;
  private boolean retrying;

  /**
   * @param start the first rate tried
   * @param floor below this a target that fails every step is given up on (best stays 0)
   * @param max no rate above this is tried (a target passing it has best = max)
   * @param precision stop once (lowest failure - best pass) ≤ precision × best pass
   * @param maxSteps stop after this many steps whatever the bracket
   */
  public RateStepper(int start, int floor, int max, double precision, int maxSteps) {
    if (floor < 1 || start < floor || max < start) {
      throw new IllegalArgumentException(
          "rates: need 1 <= floor <= start <= max (floor "
              + floor
              + ", start "
              + start
              + ", max "
              + max
              + ")");
    }
    if (!(precision > 0 && precision < 1)) {
      throw new IllegalArgumentException("precision: must be in (0, 1) (" + precision + ")");
    }
    if (maxSteps < 1) {
      throw new IllegalArgumentException("maxSteps: must be at least 1 (" + maxSteps + ")");
    }
    this.max = max;
    this.floor = floor;
    this.precision = precision;
    this.maxSteps = maxSteps;
    this.current = start;
  }

  /** The rate the next step runs at; only meaningful while {@link #done()} is false. */
  public int current() {
    return current;
  }

  public boolean done() {
    return done;
  }

  /** The highest rate that passed, 0 if none did. */
  public int best() {
    return best;
  }

  /** Records the outcome of the step at {@link #current()} and picks the next rate. */
  public void record(boolean passed) {
    if (done) {
      throw new IllegalStateException("record: the search is already done (best " + best + ")");
    }
    steps++;
    if (passed) {
      best = Math.max(best, current);
    } else if (!retrying) {
      retrying = true; // the same rate once more before the failure counts
      done = steps >= maxSteps;
      return;
    } else {
      lowestFail = Math.min(lowestFail, current);
    }
    retrying = false;
    done = steps >= maxSteps || !pickNext();
  }

  private boolean pickNext() {
    if (lowestFail == Integer.MAX_VALUE) {
      if (best >= max) {
        return false;
      }
      current = (int) Math.min(2L * best, max);
      return true;
    }
    if (best == 0) {
      current = lowestFail / 2;
      return current >= floor;
    }
    if (lowestFail - best <= precision * best) {
      return false;
    }
    current = (best + lowestFail) / 2;
    return true;
  }
}
