package io.d2j.ncr;

/**
 * What an NCR asks for: the NCR member {@code "change-type"} carries the integer {@link #code()}.
 *
 * <pre>{@code "change-type":0}  -> ADD,  {@code "change-type":1} -> REMOVE</pre>
 */
public enum ChangeType {
  /** Add the lease's names ({@code 0} on the wire). */
  ADD(0),
  /** Remove the lease's names ({@code 1} on the wire). */
  REMOVE(1);

  private final int code;

  ChangeType(int code) {
    this.code = code;
  }

  /** The integer that represents this change type in Kea's NCR JSON. */
  public int code() {
    return code;
  }

  /**
   * Maps the wire integer back to a change type.
   *
   * @throws IllegalArgumentException for any other integer, e.g. {@code "Invalid data value for
   *     change_type: 2"}
   */
  public static ChangeType fromCode(int code) {
    for (ChangeType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    throw new IllegalArgumentException("Invalid data value for change_type: " + code);
  }
}
