package io.d2j.bench;

import java.util.BitSet;

/**
 * NCRs 0 .. count-1 of a stream, prepared before a step so that sending costs only the syscalls:
 * the framed datagrams and both UPDATE owner names of each. Remembers which NCRs were already seen
 * landed (landing is monotone), so polling looks only at the rest. Confined to the benchmark
 * thread.
 */
public final class NcrBatch {

  private final NcrStream stream;
  private final byte[][] datagrams;
  private final String[] forwardOwners;
  private final String[] reverseOwners;
  private final BitSet landed;

  public NcrBatch(NcrStream stream, int count) {
    this.stream = stream;
    this.datagrams = stream.datagrams(0, count);
    this.forwardOwners = new String[count];
    this.reverseOwners = new String[count];
    for (int i = 0; i < count; i++) {
      forwardOwners[i] = stream.forwardOwner(i);
      reverseOwners[i] = stream.reverseOwner(i);
    }
    this.landed = new BitSet(count);
  }

  public NcrStream stream() {
    return stream;
  }

  public int count() {
    return datagrams.length;
  }

  public byte[][] datagrams() {
    return datagrams;
  }

  public String forwardOwner(int i) {
    return forwardOwners[i];
  }

  public String reverseOwner(int i) {
    return reverseOwners[i];
  }

  boolean knownLanded(int i) {
    return landed.get(i);
  }

  void markLanded(int i) {
    landed.set(i);
  }

  int knownLandedCount() {
    return landed.cardinality();
  }
}
