package io.d2j.ncr.udp;

import io.d2j.ncr.ack.NcrAck;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The ack mode's durable outbox: a text file of the datagrams sent and not yet acknowledged, so a
 * sender that restarts (or crashes) sends them again. One line per event: {@code S <hex datagram>}
 * when an NCR is first sent (forced to disk before the datagram leaves), {@code A <ack id>} when
 * its ack arrived (not forced: a lost ack line only means one harmless extra send after a crash).
 * Opening reads the file, keeps every sent datagram whose id has no ack line, and rewrites the file
 * with just those (write to a temporary file, then an atomic rename), so it never grows past one
 * run's traffic. A torn last line (a crash mid-write) is ignored.
 */
final class Outbox implements AutoCloseable {
  private static final HexFormat HEX = HexFormat.of();

  private final FileChannel file;
  private final List<byte[]> recovered;

  private Outbox(FileChannel file, List<byte[]> recovered) {
    this.file = file;
    this.recovered = recovered;
  }

  static Outbox open(Path path) throws IOException {
    List<byte[]> sent = new ArrayList<>();
    Set<NcrAck> acked = new HashSet<>();
    if (Files.exists(path)) {
      for (String line : Files.readAllLines(path, StandardCharsets.ISO_8859_1)) {
        try {
          if (line.startsWith("S ")) {
            sent.add(HEX.parseHex(line.substring(2)));
          } else if (line.startsWith("A ")) {
            acked.add(new NcrAck(line.substring(2)));
          }
        } catch (IllegalArgumentException e) {
          // a torn line: the datagram it named never left (its S line is forced before sending)
        }
      }
    }
    List<byte[]> pending = new ArrayList<>();
    StringBuilder keep = new StringBuilder();
    for (byte[] d : sent) {
      if (d.length >= 2 && !acked.contains(NcrAck.forDatagram(d))) {
        pending.add(d);
        keep.append("S ").append(HEX.formatHex(d)).append('\n');
      }
    }
    Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
    try (FileChannel t =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      t.write(ByteBuffer.wrap(keep.toString().getBytes(StandardCharsets.ISO_8859_1)));
      t.force(true);
    }
    Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    FileChannel file = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    return new Outbox(file, List.copyOf(pending));
  }

  /** The datagrams a previous run sent and never saw acknowledged, oldest first. */
  List<byte[]> recovered() {
    return recovered;
  }

  /** Records a first send; on disk before it returns. */
  synchronized void sent(byte[] datagram) throws IOException {
    write("S " + HEX.formatHex(datagram) + "\n");
    file.force(false);
  }

  synchronized void acked(NcrAck id) throws IOException {
    write("A " + id.id() + "\n");
  }

  private void write(String line) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.ISO_8859_1));
    while (b.hasRemaining()) {
      file.write(b);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    file.close();
  }
}
