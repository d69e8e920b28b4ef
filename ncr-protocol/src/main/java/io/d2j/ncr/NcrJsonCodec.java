package io.d2j.ncr;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.d2j.ncr.NcrJsonFields.Value;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Kea's NCR JSON, every generation in, one chosen generation out.
 *
 * <p>Decoding accepts the Kea 2.2 shape (boolean {@code use-conflict-resolution}), the 2.5-3.1.5
 * shape ({@code conflict-resolution-mode}) and the 3.1.6+ shape (no {@code lease-expires-on}). The
 * mode string wins over the boolean; unknown members are ignored; member order does not matter.
 *
 * <p>Encoding writes compact JSON with Kea's member order. {@link Shape#KEA_2_2}:
 *
 * <pre>{@code
 * {"change-type":0,"forward-change":true,"reverse-change":true,"fqdn":"host1.example.com.",
 *  "ip-address":"192.0.2.10","dhcid":"000101020304","lease-expires-on":"20300101000000",
 *  "lease-length":1200,"use-conflict-resolution":true}
 * }</pre>
 *
 * {@link Shape#COMPATIBLE} writes both conflict members and {@code lease-expires-on}, which every
 * Kea D2 from 2.2 to 3.x accepts: D2 up to 3.1.5 requires {@code lease-expires-on}, D2 up to 2.4
 * ignores the mode string and D2 from 2.5 lets the mode string win.
 *
 * <p>Reads and writes with Jackson's streaming parser and generator, not its object mapper: a D2
 * decodes its first NCR without loading Jackson's data binding, which cost about 200 ms of CPU in a
 * fresh JVM (issue 14, start-to-serving).
 */
public final class NcrJsonCodec {
  /** Which sender generation's member set {@link #encode} produces. */
  public enum Shape {
    /** Kea up to 2.4: {@code lease-expires-on} and the boolean {@code use-conflict-resolution}. */
    KEA_2_2,
    /** Kea 2.5 to 3.1.5: {@code lease-expires-on} and {@code conflict-resolution-mode}. */
    KEA_2_6,
    /** Kea 3.1.6 and later: {@code conflict-resolution-mode}, no {@code lease-expires-on}. */
    KEA_3_1_6,
    /** Every member any generation reads; accepted by every Kea D2 2.2..3.x. */
    COMPATIBLE
  }

  private final Shape shape;
  private final Clock clock;
  private static final JsonFactory JSON = new JsonFactory();

  private NcrJsonCodec(Shape shape, Clock clock) {
    this.shape = Objects.requireNonNull(shape, "shape");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The codec for senders that must work with every Kea D2. {@code clock} supplies {@code
   * lease-expires-on} (now + lease-length) for requests that carry none.
   */
  public static NcrJsonCodec compatible(Clock clock) {
    return new NcrJsonCodec(Shape.COMPATIBLE, clock);
  }

  /**
   * The codec that writes exactly the member set of {@code shape}; decoding is the same for all.
   */
  public static NcrJsonCodec of(Shape shape, Clock clock) {
    return new NcrJsonCodec(shape, clock);
  }

  /** The shape {@link #encode} writes. */
  public Shape shape() {
    return shape;
  }

  /**
   * Decodes one NCR JSON text. Never throws anything but {@link NcrFormatException} for bad text.
   *
   * @throws NcrFormatException naming the member and the reason, e.g. {@code "lease-length: value
   *     -1 is negative"}
   */
  public NameChangeRequest decode(String json) throws NcrFormatException {
    Objects.requireNonNull(json, "json");
    Value root;
    Map<String, Value> members = new HashMap<>();
    try (JsonParser p = JSON.createParser(json)) {
      JsonToken first = p.nextToken();
      if (first == JsonToken.START_OBJECT) {
        root = null;
        // A repeated member: the last one counts.
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          members.put(name, Value.read(p));
        }
      } else {
        root = first == null ? null : Value.read(p);
      }
      JsonToken trailing = p.nextToken();
      if (trailing != null) {
        JsonLocation at = p.currentTokenLocation();
        throw new NcrFormatException(
            "json",
            "malformed JSON at line "
                + at.getLineNr()
                + ", column "
                + at.getColumnNr()
                + ": trailing token '"
                + NcrJsonFields.shorten(p.getText())
                + "' after the JSON value");
      }
      if (first != JsonToken.START_OBJECT) {
        throw new NcrFormatException(
            "json", "expected a JSON object but got " + NcrJsonFields.describe(root));
      }
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new NcrFormatException(
          "json", "malformed JSON" + where + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("reading from a String", e);
    }
    return NcrJsonFields.decode(members);
  }

  /**
   * Compact JSON in Kea's member order, {@code dhcid} upper-case, {@code fqdn} with trailing dot.
   */
  public String encode(NameChangeRequest ncr) {
    Objects.requireNonNull(ncr, "ncr");
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("change-type", ncr.type().code());
      g.writeBooleanField("forward-change", ncr.forward());
      g.writeBooleanField("reverse-change", ncr.reverse());
      g.writeStringField("fqdn", ncr.fqdn().text());
      g.writeStringField("ip-address", IpAddresses.format(ncr.address()));
      g.writeStringField("dhcid", ncr.dhcid().toHex());
      if (shape != Shape.KEA_3_1_6) {
        g.writeStringField("lease-expires-on", NcrJsonFields.formatExpiry(expiry(ncr)));
      }
      g.writeNumberField("lease-length", ncr.leaseLength());
      if (shape == Shape.KEA_2_2 || shape == Shape.COMPATIBLE) {
        g.writeBooleanField(
            "use-conflict-resolution", ncr.conflictResolutionMode().legacyBoolean());
      }
      if (shape != Shape.KEA_2_2) {
        g.writeStringField("conflict-resolution-mode", ncr.conflictResolutionMode().keaName());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a StringWriter", e);
    }
    return out.toString();
  }

  /** Kea senders up to 3.1.5 put cltt + lease-length here; now + lease-length is our equivalent. */
  private Instant expiry(NameChangeRequest ncr) {
    if (ncr.leaseExpiresOn() != null) {
      return ncr.leaseExpiresOn();
    }
    Instant computed = clock.instant().plusSeconds(ncr.leaseLength());
    return computed.isAfter(NameChangeRequest.MAX_EXPIRY) ? NameChangeRequest.MAX_EXPIRY : computed;
  }
}
