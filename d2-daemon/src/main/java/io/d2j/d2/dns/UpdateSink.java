package io.d2j.d2.dns;

/**
 * Where {@link UpdateMessages#write} puts the records of one step: dnsjava's {@code Update} (the
 * reference, {@link UpdateMessages#build}) or {@link UpdateWire} (what the D2 sends). Names are
 * text, absolute or not (a trailing dot is implied); types and classes are dnsjava's constants.
 */
public interface UpdateSink {

  /** The two sections a step writes to (RFC 2136 §2.4, §2.5). */
  enum Section {
    PREREQUISITE,
    UPDATE
  }

  /**
   * One record whose RDATA is opaque octets ({@code rdata}; empty for the RDATA-less forms of
   * prerequisites and deletes).
   */
  void record(Section section, String owner, int type, int dclass, long ttl, byte[] rdata);

  /** One PTR record: its RDATA is the name {@code target}, which is compressed like an owner. */
  void pointer(Section section, String owner, int dclass, long ttl, String target);
}
