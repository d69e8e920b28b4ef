package io.d2j.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;

/**
 * One datagram a {@link FakeDnsServer} received: its bytes, when it arrived, who sent it, and the
 * message dnsjava parsed from it, with the RFC 2136 sections by their UPDATE names.
 *
 * <pre>{@code
 * Received r = dns.awaitReceived(1, WAIT).get(0);
 * r.zone();            // example.org. 0 IN SOA (the zone section's only entry)
 * r.prerequisites();   // [h.example.org. 0 NONE ANY]
 * r.updates();         // [h.example.org. 1200 IN A 192.0.2.10, h.example.org. 1200 IN DHCID ...]
 * r.tsigKeyName();     // Optional[d2j-key.]
 * }</pre>
 */
public final class Received {
  private final byte[] raw;
  private final Instant at;
  private final long nanoTime;
  private final InetSocketAddress from;
  private final Message message;
  private final String parseError;
  private final boolean tsigVerified;
  private final boolean tcp;

  private Received(
      byte[] raw,
      Instant at,
      long nanoTime,
      InetSocketAddress from,
      Message message,
      String parseError,
      boolean tsigVerified,
      boolean tcp) {
    this.raw = raw;
    this.tcp = tcp;
    this.at = at;
    this.nanoTime = nanoTime;
    this.from = from;
    this.message = message;
    this.parseError = parseError;
    this.tsigVerified = tsigVerified;
  }

  static Received parse(
      byte[] raw,
      Instant at,
      long nanoTime,
      InetSocketAddress from,
      Function<Name, TSIG> keyByName) {
    return parse(raw, at, nanoTime, from, keyByName, false);
  }

  static Received parse(
      byte[] raw,
      Instant at,
      long nanoTime,
      InetSocketAddress from,
      Function<Name, TSIG> keyByName,
      boolean tcp) {
    Message message;
    try {
      message = new Message(raw);
    } catch (IOException | RuntimeException e) {
      return new Received(raw, at, nanoTime, from, null, e.toString(), false, tcp);
    }
    boolean verified = false;
    TSIGRecord tsig = message.getTSIG();
    if (tsig != null) {
      TSIG key = keyByName.apply(tsig.getName());
      if (key != null) {
        verified = key.verify(message, raw, null) == Rcode.NOERROR;
      }
    }
    return new Received(raw, at, nanoTime, from, message, null, verified, tcp);
  }

  /** Whether it came over TCP (length-prefixed, RFC 1035 §4.2.2) rather than as a datagram. */
  public boolean tcp() {
    return tcp;
  }

  /** The datagram as received (a copy). */
  public byte[] raw() {
    return raw.clone();
  }

  /** Arrival time by the server's clock. */
  public Instant at() {
    return at;
  }

  /** Arrival time by {@link System#nanoTime()}, for intervals between datagrams. */
  public long nanoTime() {
    return nanoTime;
  }

  /** The time from {@code earlier}'s arrival to this one's. */
  public Duration since(Received earlier) {
    return Duration.ofNanos(nanoTime - earlier.nanoTime);
  }

  public InetSocketAddress from() {
    return from;
  }

  /** Whether dnsjava could parse the datagram. */
  public boolean parsed() {
    return message != null;
  }

  /**
   * The parsed message.
   *
   * @throws IllegalStateException {@code datagram of 5 octets did not parse: ...}
   */
  public Message message() {
    if (message == null) {
      throw new IllegalStateException(
          "datagram of " + raw.length + " octets did not parse: " + parseError);
    }
    return message;
  }

  public int id() {
    return message().getHeader().getID();
  }

  /** The only entry of the zone section (RFC 2136 §2.3). */
  public Record zone() {
    List<Record> zone = message().getSection(Section.ZONE);
    if (zone.size() != 1) {
      throw new IllegalStateException("zone section has " + zone.size() + " entries: " + zone);
    }
    return zone.get(0);
  }

  /** The prerequisite section (RFC 2136 §2.4; dnsjava's ANSWER). */
  public List<Record> prerequisites() {
    return message().getSection(Section.PREREQ);
  }

  /** The update section (RFC 2136 §2.5; dnsjava's AUTHORITY). */
  public List<Record> updates() {
    return message().getSection(Section.UPDATE);
  }

  public Optional<TSIGRecord> tsig() {
    return Optional.ofNullable(message().getTSIG());
  }

  /** The signing key's name as sent, e.g. {@code d2j-key.}. */
  public Optional<String> tsigKeyName() {
    return tsig().map(t -> t.getName().toString());
  }

  /** The TSIG algorithm's wire name, e.g. {@code hmac-sha256.}. */
  public Optional<String> tsigAlgorithm() {
    return tsig().map(t -> t.getAlgorithm().toString());
  }

  /** True if the request carried a TSIG whose MAC verified with the server's key of that name. */
  public boolean tsigVerified() {
    return tsigVerified;
  }

  @Override
  public String toString() {
    if (message == null) {
      return "Received[" + raw.length + " octets, unparseable: " + parseError + "]";
    }
    return "Received[id="
        + id()
        + " zone="
        + message.getSection(Section.ZONE)
        + " prereq="
        + prerequisites()
        + " update="
        + updates()
        + " tsig="
        + tsigKeyName().orElse("none")
        + "]";
  }
}
