package io.d2j.d2.dns;

import io.d2j.d2.domain.DdnsDomain;
import io.d2j.d2.domain.ReverseNames;
import io.d2j.d2.transaction.Step;
import io.d2j.d2.transaction.TransactionKind;
import io.d2j.ncr.NameChangeRequest;
import java.net.Inet4Address;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DHCIDRecord;
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

  public static Update build(
      TransactionKind kind, Step step, NameChangeRequest ncr, DdnsDomain domain) {
    Update u = new Update(zoneOf(domain));
    Name fqdn = name(ncr.fqdn().text());
    // lease-length may reach 2^32-1, but a TTL is 0..2^31-1 (RFC 2181 §8): send the largest.
    long ttl = Math.min(ncr.leaseLength(), MAX_TTL);
    int addrType = ncr.address() instanceof Inet4Address ? Type.A : Type.AAAA;
    boolean dhcid = kind.usesDhcid();
    switch (step) {
      case ADDING_FWD_ADDRS -> {
        u.absent(fqdn); // NONE ANY: the name must not be in use
        u.add(address(fqdn, ncr, ttl));
        u.add(dhcid(fqdn, ncr, ttl));
      }
      case REPLACING_FWD_ADDRS -> {
        switch (kind) {
          case NAME_ADD -> {
            u.present(fqdn); // ANY ANY
            u.present(dhcid(fqdn, ncr, 0)); // our DHCID, value-dependent
            u.delete(fqdn, addrType);
            u.add(address(fqdn, ncr, ttl));
          }
          case CHECK_EXISTS_ADD -> {
            u.present(fqdn, Type.DHCID); // any DHCID: a dynamic owner, never a static entry
            u.delete(fqdn, addrType);
            u.delete(fqdn, Type.DHCID);
            u.add(address(fqdn, ncr, ttl));
            u.add(dhcid(fqdn, ncr, ttl));
          }
          default -> { // the simple kinds: replace outright
            u.delete(fqdn, addrType);
            if (dhcid) {
              u.delete(fqdn, Type.DHCID);
            }
            u.add(address(fqdn, ncr, ttl));
            if (dhcid) {
              u.add(dhcid(fqdn, ncr, ttl));
            }
          }
        }
      }
      case REMOVING_FWD_ADDRS -> {
        if (kind == TransactionKind.CHECK_EXISTS_REMOVE) {
          u.present(fqdn, Type.DHCID);
        } else {
          u.present(dhcid(fqdn, ncr, 0));
        }
        u.delete(address(fqdn, ncr, 0)); // NONE: only this lease's address
      }
      case REMOVING_FWD_RRS -> {
        switch (kind) {
          case NAME_REMOVE -> {
            u.present(dhcid(fqdn, ncr, 0));
            u.absent(fqdn, Type.A);
            u.absent(fqdn, Type.AAAA);
            u.delete(fqdn); // ANY ANY: the DHCID and whatever else is left at the name
          }
          case CHECK_EXISTS_REMOVE -> {
            u.absent(fqdn, Type.A);
            u.absent(fqdn, Type.AAAA);
            u.delete(fqdn, Type.DHCID);
          }
          default -> {
            u.delete(fqdn, addrType); // every address of that family, not only the lease's
            if (dhcid) {
              u.delete(fqdn, Type.DHCID);
            }
          }
        }
      }
      case REPLACING_REV_PTRS -> {
        Name rev = name(ReverseNames.of(ncr.address()));
        u.delete(rev, Type.PTR);
        if (dhcid) {
          u.delete(rev, Type.DHCID);
        }
        u.add(new PTRRecord(rev, DClass.IN, ttl, fqdn));
        if (dhcid) {
          u.add(dhcid(rev, ncr, ttl));
        }
      }
      case REMOVING_REV_PTRS -> {
        Name rev = name(ReverseNames.of(ncr.address()));
        if (kind == TransactionKind.NAME_REMOVE || kind == TransactionKind.CHECK_EXISTS_REMOVE) {
          u.present(new PTRRecord(rev, DClass.IN, 0, fqdn)); // only if it points at our name
          u.delete(rev);
        } else {
          u.delete(rev, Type.PTR);
          if (dhcid) {
            u.delete(rev, Type.DHCID);
          }
        }
      }
    }
    return u;
  }

  private static Record address(Name owner, NameChangeRequest ncr, long ttl) {
    return ncr.address() instanceof Inet4Address v4
        ? new ARecord(owner, DClass.IN, ttl, v4)
        : new AAAARecord(owner, DClass.IN, ttl, ncr.address());
  }

  private static Record dhcid(Name owner, NameChangeRequest ncr, long ttl) {
    return new DHCIDRecord(owner, DClass.IN, ttl, ncr.dhcid().bytes());
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
