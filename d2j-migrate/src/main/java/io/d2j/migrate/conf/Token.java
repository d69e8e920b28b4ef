package io.d2j.migrate.conf;

import io.d2j.keaconfig.SourcePosition;
import java.util.Objects;

/**
 * One lexical unit of a dhcpd.conf file.
 *
 * <p>{@link Kind#WORD} is dhcpd's number-or-name: keywords, numbers, IPv4 and IPv6 addresses and
 * prefixes, colon-separated hex, dotted names ({@code 10.0.0.1}, {@code 2001:db8::/64}, {@code
 * 0:0:c0:5d:bd:95}, {@code dhcp6.name-servers}). {@link Kind#STRING} holds the decoded text of a
 * quoted string. {@link Kind#COMMENT} is a {@code #} comment without the {@code #}.
 *
 * @param kind what it is
 * @param text the word, the decoded string, the punctuation, or the comment text
 * @param position where it starts
 */
public record Token(Kind kind, String text, SourcePosition position) {

  /** Token kinds. */
  public enum Kind {
    WORD,
    STRING,
    PUNCT,
    COMMENT,
    EOF
  }

  public Token {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(position, "position");
  }

  /** Whether this is the punctuation {@code p}. */
  public boolean isPunct(String p) {
    return kind == Kind.PUNCT && text.equals(p);
  }

  /** Whether this is the word {@code w}, compared ignoring case as dhcpd compares keywords. */
  public boolean isWord(String w) {
    return kind == Kind.WORD && text.equalsIgnoreCase(w);
  }

  /** The source text of the token: strings quoted again, as an operator would have written them. */
  public String source() {
    return kind == Kind.STRING ? Quoting.quote(text) : text;
  }

  /** {@code FILE line N}, the way dhcpd and keama name a place. */
  public String where() {
    return Positions.where(position);
  }
}
