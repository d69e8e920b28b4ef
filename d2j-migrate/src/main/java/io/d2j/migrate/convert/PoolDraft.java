package io.d2j.migrate.convert;

import io.d2j.migrate.conf.Statement;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** What a {@code pool} / {@code pool6} block holds while its statements are read. */
final class PoolDraft {
  /**
   * An address range, or (delegatedLength &gt; 0) a block of delegated prefixes.
   *
   * @param statement where it was declared
   * @param first first address, or the block's prefix
   * @param last last address (equal to first for a prefix block)
   * @param prefixLength the block's prefix length (0 for an address range)
   * @param delegatedLength the length of the prefixes delegated from the block
   */
  record Range(
      Statement statement,
      InetAddress first,
      InetAddress last,
      int prefixLength,
      int delegatedLength) {}

  final List<Range> ranges = new ArrayList<>();
  final List<Range> prefixes = new ArrayList<>();

  /** {@code allow ...;} / {@code deny ...;} statements, in order. */
  final List<Statement> permits = new ArrayList<>();

  /** Why permits were lost, when the whole pool is left out for them. */
  final List<String> lost = new ArrayList<>();
}
