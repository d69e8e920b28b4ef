package io.d2j.migrate.convert;

import io.d2j.migrate.conf.Statement;

/** A statement's dhcpd.conf text for comments in the output, with key secrets redacted. */
final class Sources {
  private Sources() {}

  static String text(Statement s) {
    return text(s, "");
  }

  private static String text(Statement s, String indent) {
    StringBuilder b = new StringBuilder(indent);
    if (s.keyword().equals("secret")) {
      b.append("secret [redacted]");
    } else {
      b.append(s.headerText());
    }
    if (s.block().isEmpty()) {
      return b.append(';').toString();
    }
    b.append(" {");
    for (Statement child : s.children()) {
      b.append('\n').append(text(child, indent + "  "));
    }
    b.append('\n').append(indent).append('}');
    for (Statement branch : s.branches()) {
      b.append(' ').append(text(branch, indent).strip());
    }
    return b.toString();
  }
}
