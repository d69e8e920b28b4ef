package io.d2j.migrate.convert;

import io.d2j.migrate.conf.Statement;
import java.util.ArrayList;
import java.util.List;

/** What a {@code host} block holds while its statements are read. */
final class HostDraft {
  /** A Kea host identifier: type ({@code hw-address}, {@code client-id}, ...) and value. */
  record Identifier(String type, String value, Statement statement) {}

  final List<Identifier> identifiers = new ArrayList<>();

  /** Addresses as Kea text, in order. */
  final List<String> addresses = new ArrayList<>();

  Statement addressStatement;
  final List<String> prefixes = new ArrayList<>();

  /** {@code ddns-hostname "x"} in the host. */
  String ddnsHostname;

  /** {@code option host-name "x"} in the host. */
  String optionHostName;
}
