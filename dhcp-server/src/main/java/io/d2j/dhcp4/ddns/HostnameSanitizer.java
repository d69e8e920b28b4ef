package io.d2j.dhcp4.ddns;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code hostname-char-set} / {@code hostname-char-replacement}: every character the pattern
 * matches is an invalid one and is replaced (an empty replacement deletes it). An empty pattern
 * turns sanitising off. Kea compiles the set as a POSIX extended regular expression; Java's syntax
 * agrees for the bracket expressions people write, and the POSIX named classes ({@code [:alnum:]},
 * ...) are translated.
 *
 * <p>Example with the default set {@code [^A-Za-z0-9.-]} and replacement {@code x}: {@code
 * myhost-$[123.org} becomes {@code myhost-xx123.org}.
 */
public final class HostnameSanitizer {

  /** Kea's default {@code hostname-char-set}. */
  public static final String DEFAULT_CHAR_SET = "[^A-Za-z0-9.-]";

  /** Sanitising off ({@code hostname-char-set: ""}). */
  public static final HostnameSanitizer NONE = new HostnameSanitizer("", "", null);

  private static final String[][] POSIX_CLASSES = {
    {"[:alnum:]", "\\p{Alnum}"}, {"[:alpha:]", "\\p{Alpha}"}, {"[:digit:]", "\\p{Digit}"},
    {"[:lower:]", "\\p{Lower}"}, {"[:upper:]", "\\p{Upper}"}, {"[:space:]", "\\s"},
    {"[:punct:]", "\\p{Punct}"}, {"[:xdigit:]", "\\p{XDigit}"}, {"[:blank:]", "\\p{Blank}"},
    {"[:cntrl:]", "\\p{Cntrl}"}, {"[:print:]", "\\p{Print}"}, {"[:graph:]", "\\p{Graph}"}
  };

  private final String charSet;
  private final String replacement;
  private final Pattern pattern;

  private HostnameSanitizer(String charSet, String replacement, Pattern pattern) {
    this.charSet = charSet;
    this.replacement = replacement;
    this.pattern = pattern;
  }

  /**
   * Compiles a sanitiser.
   *
   * @throws IllegalArgumentException {@code invalid regex '[a-': REASON} when the set does not
   *     compile
   */
  public static HostnameSanitizer of(String charSet, String replacement) {
    Objects.requireNonNull(charSet, "charSet");
    Objects.requireNonNull(replacement, "replacement");
    if (charSet.isEmpty()) {
      return new HostnameSanitizer("", replacement, null);
    }
    String java = charSet;
    for (String[] c : POSIX_CLASSES) {
      java = java.replace(c[0], c[1]);
    }
    try {
      return new HostnameSanitizer(charSet, replacement, Pattern.compile(java));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "invalid regex '" + charSet + "': " + e.getDescription(), e);
    }
  }

  /** Whether sanitising is on. */
  public boolean enabled() {
    return pattern != null;
  }

  public String charSet() {
    return charSet;
  }

  public String replacement() {
    return replacement;
  }

  /** {@code text} with every invalid character replaced; unchanged when sanitising is off. */
  public String scrub(String text) {
    if (pattern == null) {
      // A NUL can never be part of a host name, whatever the set says (Kea: same rule).
      return text.replace("\0", "");
    }
    return pattern.matcher(text).replaceAll(java.util.regex.Matcher.quoteReplacement(replacement));
  }

  /**
   * Option 81's rule: each dot-separated label scrubbed on its own, so that a permissive set can
   * never turn a label separator into something else.
   */
  public String scrubLabels(String name) {
    if (pattern == null) {
      return scrub(name);
    }
    String[] labels = name.split("\\.", -1);
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < labels.length; i++) {
      if (i > 0) {
        out.append('.');
      }
      out.append(scrub(labels[i]));
    }
    return out.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HostnameSanitizer s
        && s.charSet.equals(charSet)
        && s.replacement.equals(replacement);
  }

  @Override
  public int hashCode() {
    return Objects.hash(charSet, replacement);
  }

  @Override
  public String toString() {
    return "HostnameSanitizer[" + charSet + " -> '" + replacement + "']";
  }
}
