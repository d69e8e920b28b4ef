package io.d2j.d2.dns;

import io.d2j.d2.domain.DdnsDomain;
import io.d2j.d2.domain.ReverseNames;
import io.d2j.d2.transaction.Step;
import io.d2j.d2.transaction.TransactionKind;
import io.d2j.ncr.NameChangeRequest;
import java.net.Inet4Address;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * Builds the RFC 2136 UPDATE for one step of one transaction kind, exactly as d2-behaviour.md
 * §7.4-§7.9 lists them. Notation in the comments is RFC 2136's: class NONE ANY = name not in use,
 * ANY ANY = name in use, value-dependent prerequisites carry TTL 0 (§2.4.2; BIND answers FORMERR
 * otherwise), deletes of an RRset are ANY &lt;type&gt;, of one RR NONE &lt;type&gt; &lt;rdata&gt;.
 *
 * <p>Every added RR (address, DHCID, PTR) has TTL = the NCR's lease-length, as Kea sends it (capped
 * at 2^31-1, the largest TTL RFC 2181 §8 allows).
 */
public final class UpdateMessages {

  static final long MAX_TTL = 0x7FFFFFFFL;

  private UpdateMessages() {}

  /** The zone section's name: the matched domain's name, made absolute ("*" gives "*."). */
  public static Name zoneOf(DdnsDomain domain) {
    return name(domain.zone());
  }

  /** The step's UPDATE as dnsjava's message: the reference {@link UpdateWire} is tested against. */
  public static Update build(
      TransactionKind kind, Step step, NameChangeRequest ncr, DdnsDomain domain) {
    Update u = new Update(zoneOf(domain));
    write(kind, step, ncr, new DnsjavaSink(u));
    return u;
  }

  /** The step's UPDATE rendered for sending, with message ID {@code id}, no TSIG. */
  public static byte[] render(
      TransactionKind kind, Step step, NameChangeRequest ncr, DdnsDomain domain, int id) {
    UpdateWire w = new UpdateWire(zoneText(domain));
    write(kind, step, ncr, w);
    return w.toWire(id);
  }

  /** The zone section's name as text. */
  static String zoneText(DdnsDomain domain) {
    String zone = domain.zone();
    return zone.endsWith(".") ? zone : zone + ".";
  }

  /** Writes the prerequisites and updates of {@code step} for {@code ncr} to {@code out}. */
  public static void write(TransactionKind kind, Step step, NameChangeRequest ncr, UpdateSink out) {
    Records r = new Records(out, ncr);
    String fqdn = r.fqdn;
    int addrType = r.addrType;
    boolean dhcid = kind.usesDhcid();
    switch (step) {
      case ADDING_FWD_ADDRS -> {
        r.prereq(fqdn, Type.ANY, DClass.NONE); // NONE ANY: the name must not be in use
        r.addAddress();
        r.addDhcid(fqdn);
      }
      case REPLACING_FWD_ADDRS -> {
        switch (kind) {
          case NAME_ADD -> {
            r.prereq(fqdn, Type.ANY, DClass.ANY); // ANY ANY
            r.prereqDhcid(fqdn); // our DHCID, value-dependent
            r.delete(fqdn, addrType);
            r.addAddress();
          }
          case CHECK_EXISTS_ADD -> {
            r.prereq(fqdn, Type.DHCID, DClass.ANY); // any DHCID: a dynamic owner, never static
            r.delete(fqdn, addrType);
            r.delete(fqdn, Type.DHCID);
            r.addAddress();
            r.addDhcid(fqdn);
          }
          default -> { // the simple kinds: replace outright
            r.delete(fqdn, addrType);
            if (dhcid) {
              r.delete(fqdn, Type.DHCID);
            }
            r.addAddress();
            if (dhcid) {
              r.addDhcid(fqdn);
            }
          }
        }
      }
      case REMOVING_FWD_ADDRS -> {
        if (kind == TransactionKind.CHECK_EXISTS_REMOVE) {
          r.prereq(fqdn, Type.DHCID, DClass.ANY);
        } else {
          r.prereqDhcid(fqdn);
        }
        r.deleteAddress(); // NONE: only this lease's address
      }
      case REMOVING_FWD_RRS -> {
        switch (kind) {
          case NAME_REMOVE -> {
            r.prereqDhcid(fqdn);
            r.prereq(fqdn, Type.A, DClass.NONE);
            r.prereq(fqdn, Type.AAAA, DClass.NONE);
            r.delete(fqdn, Type.ANY); // ANY ANY: the DHCID and whatever else is left at the name
          }
          case CHECK_EXISTS_REMOVE -> {
            r.prereq(fqdn, Type.A, DClass.NONE);
            r.prereq(fqdn, Type.AAAA, DClass.NONE);
            r.delete(fqdn, Type.DHCID);
          }
          default -> {
            r.delete(fqdn, addrType); // every address of that family, not only the lease's
            if (dhcid) {
              r.delete(fqdn, Type.DHCID);
            }
          }
        }
      }
      case REPLACING_REV_PTRS -> {
        String rev = ReverseNames.of(ncr.address());
        r.delete(rev, Type.PTR);
        if (dhcid) {
          r.delete(rev, Type.DHCID);
        }
        out.pointer(UpdateSink.Section.UPDATE, rev, DClass.IN, r.ttl, fqdn);
        if (dhcid) {
          r.addDhcid(rev);
        }
      }
      case REMOVING_REV_PTRS -> {
        String rev = ReverseNames.of(ncr.address());
        if (kind == TransactionKind.NAME_REMOVE || kind == TransactionKind.CHECK_EXISTS_REMOVE) {
          // only if it points at our name
          out.pointer(UpdateSink.Section.PREREQUISITE, rev, DClass.IN, 0, fqdn);
          r.delete(rev, Type.ANY);
        } else {
          r.delete(rev, Type.PTR);
          if (dhcid) {
            r.delete(rev, Type.DHCID);
          }
        }
      }
    }
  }

  /** The record forms of RFC 2136 §2.4-§2.5 for one NCR, written to a sink. */
  private static final class Records {
    private static final byte[] EMPTY = new byte[0];

    private final UpdateSink out;
    private final NameChangeRequest ncr;
    final String fqdn;
    final int addrType;
    final long ttl;

    Records(UpdateSink out, NameChangeRequest ncr) {
      this.out = out;
      this.ncr = ncr;
      this.fqdn = ncr.fqdn().text();
      this.addrType = ncr.address() instanceof Inet4Address ? Type.A : Type.AAAA;
      // lease-length may reach 2^32-1, but a TTL is 0..2^31-1 (RFC 2181 §8): send the largest.
      this.ttl = Math.min(ncr.leaseLength(), MAX_TTL);
    }

    /** An RDATA-less prerequisite: class ANY = in use, NONE = not in use (TTL 0). */
    void prereq(String owner, int type, int dclass) {
      out.record(UpdateSink.Section.PREREQUISITE, owner, type, dclass, 0, EMPTY);
    }

    /** Value-dependent: this NCR's DHCID at {@code owner} (class IN, TTL 0). */
    void prereqDhcid(String owner) {
      out.record(
          UpdateSink.Section.PREREQUISITE, owner, Type.DHCID, DClass.IN, 0, ncr.dhcid().bytes());
    }

    /** Deletes the RRset {@code type} at {@code owner} (ANY = every RRset there). */
    void delete(String owner, int type) {
      out.record(UpdateSink.Section.UPDATE, owner, type, DClass.ANY, 0, EMPTY);
    }

    void addAddress() {
      out.record(
          UpdateSink.Section.UPDATE, fqdn, addrType, DClass.IN, ttl, ncr.address().getAddress());
    }

    /** Deletes this lease's address only (class NONE). */
    void deleteAddress() {
      out.record(
          UpdateSink.Section.UPDATE, fqdn, addrType, DClass.NONE, 0, ncr.address().getAddress());
    }

    void addDhcid(String owner) {
      out.record(UpdateSink.Section.UPDATE, owner, Type.DHCID, DClass.IN, ttl, ncr.dhcid().bytes());
    }
  }

  /**
   * Writes into a dnsjava {@link Update}: records built as its own helpers ({@code absent}, {@code
   * present}, {@code delete}, {@code add}) build them. The reference for {@link UpdateWire}.
   */
  static final class DnsjavaSink implements UpdateSink {
    private final Update update;

    DnsjavaSink(Update update) {
      this.update = update;
    }

    @Override
    public void record(Section section, String owner, int type, int dclass, long ttl, byte[] rd) {
      Name name = name(owner);
      Record r =
          rd.length == 0
              ? Record.newRecord(name, type, dclass, ttl)
              : Record.newRecord(name, type, dclass, ttl, rd);
      update.addRecord(r, sectionOf(section));
    }

    @Override
    public void pointer(Section section, String owner, int dclass, long ttl, String target) {
      update.addRecord(new PTRRecord(name(owner), dclass, ttl, name(target)), sectionOf(section));
    }

    private static int sectionOf(Section section) {
      return section == Section.PREREQUISITE
          ? org.xbill.DNS.Section.PREREQ
          : org.xbill.DNS.Section.UPDATE;
    }
  }

  static Name name(String absolute) {
    try {
      return Name.fromString(absolute.endsWith(".") ? absolute : absolute + ".");
    } catch (TextParseException e) {
      // The NCR codec and the config parser validated these names already.
      throw new IllegalArgumentException("not a DNS name: " + absolute, e);
    }
  }
}
