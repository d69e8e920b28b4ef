package io.d2j.keacontrol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Kea's unix control channel (d2-behaviour.md §9.1): a client connects, writes one JSON command (no
 * framing; the value ends where its JSON ends), and gets one JSON answer before the server closes
 * the connection. A client that sends nothing complete within 10 s gets Kea's time-out answer.
 *
 * <p>Threads: one I/O thread accepts and reads every connection without blocking (an idle or slow
 * client costs no thread), and a few answer threads parse, run the command through the {@link
 * CommandExecutor} on the daemon's event loop, and write the answer. {@link ControlLimits} bounds
 * what one client may cost: the time to send a command, its size, the time to read the answer, and
 * how many connections are open at once; past the last, a connection is answered at once with
 * result 1 and closed, and the daemon keeps serving the others.
 *
 * <p>The socket file is created with the configured mode (see {@link SocketFiles}), is never taken
 * from a daemon that still answers on it, and is removed on {@link #close()} if it is still ours.
 */
public final class UnixControlServer implements AutoCloseable {

  /** Kea's receive timeout for one command. */
  public static final Duration RECEIVE_TIMEOUT = ControlLimits.DEFAULT.receiveTimeout();

  /** An answer the event loop owes for longer than this is reported as an error. */
  private static final Duration EXECUTE_TIMEOUT = Duration.ofSeconds(60);

  /** After a failed accept (e.g. out of file descriptors), accepting pauses this long. */
  private static final Duration ACCEPT_BACKOFF = Duration.ofMillis(100);

  /** Rejected connections are logged at most once per this period, with the count. */
  private static final Duration REJECT_LOG_PERIOD = Duration.ofSeconds(1);

  private static final int ANSWER_THREADS = 4;
  private static final int READ_BUFFER = 64 * 1024;

  private final Path path;
  private final Object fileKey;
  private final ServerSocketChannel server;
  private final Selector selector;
  private final CommandRegistry registry;
  private final CommandExecutor executor;
  private final ControlLimits limits;
  private final ExecutorService answering;
  private final Thread io;
  private final Logger log;

  /** Connections accepted and not yet closed: reading, running or answering. */
  private final AtomicInteger open = new AtomicInteger();

  private final AtomicLong rejected = new AtomicLong();
  private volatile boolean closing;

  /** Confined to the I/O thread. */
  private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER);

  /** Confined to the I/O thread: when accepting resumes after a failure (0: not paused). */
  private long acceptPausedUntil;

  /** Confined to the I/O thread. */
  private long lastRejectLog;

  private long rejectedLogged;

  /** How long a refused connection is read (and its input discarded) before it is closed. */
  private static final Duration DRAIN_TIME = Duration.ofSeconds(1);

  /** A connection the I/O thread watches, until {@code deadline}. Confined to the I/O thread. */
  private abstract static class Watched {
    final SocketChannel channel;
    final long deadline;

    Watched(SocketChannel channel, long deadline) {
      this.channel = channel;
      this.deadline = deadline;
    }
  }

  /** One connection still sending its command. */
  private static final class Reading extends Watched {
    final RequestFeed feed;

    Reading(SocketChannel channel, RequestFeed feed, long deadline) {
      super(channel, deadline);
      this.feed = feed;
    }
  }

  /**
   * A refused connection whose answer is written: its input is read and discarded until it closes
   * or the drain time ends. Closing with its request unread would reset the connection on Linux and
   * lose the answer.
   */
  private static final class Draining extends Watched {
    Draining(SocketChannel channel, long deadline) {
      super(channel, deadline);
    }
  }

  /** Confined to the I/O thread: refused connections being drained. */
  private int draining;

  private UnixControlServer(
      Path path,
      ServerSocketChannel server,
      CommandRegistry registry,
      CommandExecutor executor,
      ControlLimits limits)
      throws IOException {
    this.path = path;
    this.server = server;
    this.fileKey = fileKey(path);
    this.registry = registry;
    this.executor = executor;
    this.limits = limits;
    this.log = registry.log();
    AtomicInteger n = new AtomicInteger();
    this.answering =
        Executors.newFixedThreadPool(
            ANSWER_THREADS,
            r -> {
              Thread t = new Thread(r, registry.daemon() + "-control-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.selector = Selector.open();
    try {
      server.configureBlocking(false);
      server.register(selector, SelectionKey.OP_ACCEPT);
    } catch (IOException | RuntimeException e) {
      selector.close();
      throw e;
    }
    this.io = new Thread(this::ioLoop, registry.daemon() + "-control-io");
    this.io.setDaemon(true);
  }

  /**
   * Binds the socket and starts answering, with the {@linkplain ControlLimits#DEFAULT default
   * limits}.
   *
   * @throws ControlSocketInUseException when a live daemon answers on the path
   * @throws IOException when the socket cannot be created
   */
  public static UnixControlServer start(
      Path socketName, int mode, CommandRegistry registry, CommandExecutor executor)
      throws IOException {
    return start(socketName, mode, registry, executor, ControlLimits.DEFAULT);
  }

  /**
   * As {@link #start(Path, int, CommandRegistry, CommandExecutor)}, with another receive timeout.
   */
  public static UnixControlServer start(
      Path socketName,
      int mode,
      CommandRegistry registry,
      CommandExecutor executor,
      Duration receiveTimeout)
      throws IOException {
    return start(
        socketName,
        mode,
        registry,
        executor,
        ControlLimits.DEFAULT.withReceiveTimeout(receiveTimeout));
  }

  /** As {@link #start(Path, int, CommandRegistry, CommandExecutor)}, with other limits. */
  public static UnixControlServer start(
      Path socketName,
      int mode,
      CommandRegistry registry,
      CommandExecutor executor,
      ControlLimits limits)
      throws IOException {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(limits, "limits");
    Path path = socketName.toAbsolutePath();
    SocketFiles.claim(path, registry.log());
    ServerSocketChannel channel = SocketFiles.bind(path, mode);
    UnixControlServer s;
    try {
      s = new UnixControlServer(path, channel, registry, executor, limits);
    } catch (IOException | RuntimeException e) {
      channel.close();
      Files.deleteIfExists(path);
      throw e;
    }
    s.io.start();
    s.log.info(
        "COMMAND_ACCEPTOR_START accepting commands on {} (mode {})",
        path,
        String.format("%04o", mode));
    return s;
  }

  public Path path() {
    return path;
  }

  /** Applies a new file mode to the bound socket (a reconfiguration that changed only the mode). */
  public void changeMode(int mode) throws IOException {
    Files.setPosixFilePermissions(path, SocketFiles.permissions(mode));
  }

  /** Connections open right now (reading, running or answering); for tests and diagnostics. */
  public int openConnections() {
    return open.get();
  }

  /** Connections refused because {@link ControlLimits#maxConnections()} were open. */
  public long rejectedConnections() {
    return rejected.get();
  }

  private void ioLoop() {
    try {
      while (!closing) {
        selector.select(selectTimeoutMillis());
        if (closing) {
          break;
        }
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          if (!key.isValid()) {
            continue;
          }
          if (key.isAcceptable()) {
            acceptAll(key);
          } else if (key.isReadable()) {
            read(key);
          }
        }
        long now = System.nanoTime();
        expire(now);
        resumeAccepting(now);
      }
    } catch (IOException | RuntimeException e) {
      if (!closing) {
        log.error("COMMAND_ACCEPTOR_FAIL control channel on {} stopped: {}", path, e.toString());
      }
    }
  }

  /**
   * Until the nearest receive deadline or accept resumption, at most a second; never 0 (forever).
   */
  private long selectTimeoutMillis() {
    long now = System.nanoTime();
    long next = now + TimeUnit.SECONDS.toNanos(1);
    for (SelectionKey key : selector.keys()) {
      if (key.attachment() instanceof Watched w && w.deadline - next < 0) {
        next = w.deadline;
      }
    }
    if (acceptPausedUntil != 0 && acceptPausedUntil - next < 0) {
      next = acceptPausedUntil;
    }
    return Math.max(1, TimeUnit.NANOSECONDS.toMillis(next - now) + 1);
  }

  private void acceptAll(SelectionKey serverKey) {
    while (true) {
      SocketChannel client;
      try {
        client = server.accept();
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        // Out of file descriptors, typically: pause rather than spin on a readiness that persists.
        log.error("COMMAND_ACCEPTOR_FAIL accepting on {}: {}", path, e.toString());
        serverKey.interestOps(0);
        acceptPausedUntil = System.nanoTime() + ACCEPT_BACKOFF.toNanos();
        return;
      }
      if (client == null) {
        return;
      }
      if (open.get() >= limits.maxConnections()) {
        reject(client);
        continue;
      }
      open.incrementAndGet();
      try {
        client.configureBlocking(false);
        client.register(
            selector,
            SelectionKey.OP_READ,
            new Reading(
                client,
                new RequestFeed(limits.maxRequestBytes()),
                System.nanoTime() + limits.receiveTimeout().toNanos()));
      } catch (IOException | RuntimeException e) {
        closeConnection(client);
      }
    }
  }

  /**
   * One connection too many: told so at once, then drained briefly and closed. When even the
   * drained ones reach the limit, it is closed without an answer.
   */
  private void reject(SocketChannel client) {
    long count = rejected.incrementAndGet();
    boolean drain = draining < limits.maxConnections();
    try {
      client.configureBlocking(false);
      if (drain) {
        client.write(
            ByteBuffer.wrap(
                Answer.error(
                        "too many connections to the control channel ("
                            + limits.maxConnections()
                            + " open); try again later")
                    .render()
                    .getBytes(StandardCharsets.UTF_8)));
        client.shutdownOutput();
        client.register(
            selector,
            SelectionKey.OP_READ,
            new Draining(client, System.nanoTime() + DRAIN_TIME.toNanos()));
        draining++;
      } else {
        client.close();
      }
    } catch (IOException | RuntimeException e) {
      closeQuietly(client);
    }
    long now = System.nanoTime();
    if (lastRejectLog == 0 || now - lastRejectLog >= REJECT_LOG_PERIOD.toNanos()) {
      log.warn(
          "COMMAND_SOCKET_CONNECTION_REJECTED {} connection(s) refused: {} already open on {}",
          count - rejectedLogged,
          limits.maxConnections(),
          path);
      lastRejectLog = now;
      rejectedLogged = count;
    }
  }

  private void endDrain(SelectionKey key, Draining d) {
    key.cancel();
    closeQuietly(d.channel);
    draining--;
  }

  private void read(SelectionKey key) {
    if (key.attachment() instanceof Draining d) {
      try {
        readBuffer.clear();
        if (d.channel.read(readBuffer) < 0) {
          endDrain(key, d);
        }
      } catch (IOException e) {
        endDrain(key, d);
      }
      return;
    }
    Reading r = (Reading) key.attachment();
    RequestFeed.State state;
    try {
      readBuffer.clear();
      int n = r.channel.read(readBuffer);
      if (n < 0) {
        state = r.feed.endOfInput();
        if (state == RequestFeed.State.NEED_MORE) {
          key.cancel();
          closeConnection(r.channel); // the client left before completing a command
          return;
        }
      } else if (n > 0) {
        state = r.feed.feed(readBuffer.array(), 0, n);
      } else {
        return;
      }
    } catch (IOException e) {
      key.cancel();
      closeConnection(r.channel);
      return;
    }
    if (state != RequestFeed.State.NEED_MORE) {
      key.cancel();
      RequestFeed.State done = state;
      hand(r.channel, () -> answerTo(r.feed, done));
    }
  }

  /** Connections whose command is not complete by their deadline get Kea's time-out answer. */
  private void expire(long now) {
    for (SelectionKey key : selector.keys()) {
      if (key.attachment() instanceof Draining d && now - d.deadline >= 0 && key.isValid()) {
        endDrain(key, d);
      } else if (key.attachment() instanceof Reading r && now - r.deadline >= 0 && key.isValid()) {
        key.cancel();
        int size = r.feed.size();
        hand(
            r.channel,
            () -> {
              log.info(
                  "COMMAND_SOCKET_CONNECTION_TIMEOUT no complete command within {}",
                  limits.receiveTimeout());
              return Answer.error(
                      "Connection over control channel timed out"
                          + (size > 0 ? ", discarded partial command of " + size + " bytes" : ""))
                  .render();
            });
      }
    }
  }

  private void resumeAccepting(long now) {
    if (acceptPausedUntil != 0 && now - acceptPausedUntil >= 0) {
      acceptPausedUntil = 0;
      SelectionKey key = server.keyFor(selector);
      if (key != null && key.isValid()) {
        key.interestOps(SelectionKey.OP_ACCEPT);
      }
    }
  }

  /** Runs {@code answer} on an answer thread, writes what it returns and closes the connection. */
  private void hand(SocketChannel client, java.util.function.Supplier<String> answer) {
    try {
      answering.execute(
          () -> {
            try {
              send(client, answer.get());
            } finally {
              closeConnection(client);
            }
          });
    } catch (RejectedExecutionException e) {
      closeConnection(client); // closing down
    }
  }

  private String answerTo(RequestFeed feed, RequestFeed.State state) {
    if (state == RequestFeed.State.INVALID) {
      log.warn("COMMAND_PROCESS_ERROR1 unparseable command: {}", feed.error());
      return Answer.error(feed.error()).render();
    }
    return execute(feed.text()).render();
  }

  /** Writes without blocking past {@link ControlLimits#sendTimeout()}: a client must read. */
  private void send(SocketChannel client, String answer) {
    ByteBuffer out = ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + limits.sendTimeout().toNanos();
    try (Selector writable = Selector.open()) {
      client.register(writable, SelectionKey.OP_WRITE);
      while (out.hasRemaining()) {
        client.write(out);
        if (!out.hasRemaining()) {
          return;
        }
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          log.warn(
              "COMMAND_SOCKET_WRITE_FAIL the client read {} of {} answer bytes within {};"
                  + " connection dropped",
              out.position(),
              out.limit(),
              limits.sendTimeout());
          return;
        }
        writable.select(left);
        writable.selectedKeys().clear();
      }
    } catch (IOException e) {
      log.warn("COMMAND_SOCKET_WRITE_FAIL {}", e.toString());
    }
  }

  private void closeConnection(SocketChannel client) {
    if (client.isOpen()) {
      closeQuietly(client);
      open.decrementAndGet();
    }
  }

  private Answer execute(String text) {
    com.fasterxml.jackson.databind.JsonNode request;
    try {
      request = CommandRegistry.parse(text);
    } catch (CommandRegistry.RequestException e) {
      return Answer.error(e.getMessage());
    }
    try {
      return executor
          .submit(() -> registry.execute(request))
          .get(EXECUTE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Answer.error("Error during command processing: interrupted");
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      return Answer.error("Error during command processing: " + e);
    }
  }

  /** Stops accepting, lets answers in progress finish (briefly), removes the socket file. */
  @Override
  public void close() {
    closing = true;
    selector.wakeup();
    try {
      io.join(2000);
      for (SelectionKey key : selector.keys()) {
        if (key.attachment() instanceof Reading r) {
          closeConnection(r.channel);
        } else if (key.attachment() instanceof Draining d) {
          closeQuietly(d.channel);
        }
      }
      closeQuietly(selector);
      closeQuietly(server);
      answering.shutdown();
      if (!answering.awaitTermination(2, TimeUnit.SECONDS)) {
        answering.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      // Only our own file: a successor daemon may already have bound a new one at the path.
      if (Objects.equals(fileKey(path), fileKey)) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      log.warn("COMMAND_SOCKET_REMOVE_FAIL {}: {}", path, e.toString());
    }
    log.info("COMMAND_ACCEPTOR_STOP stopped accepting commands on {}", path);
  }

  private static Object fileKey(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
        .fileKey();
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // closing on the way out: nothing left to tell the client
    }
  }
}
