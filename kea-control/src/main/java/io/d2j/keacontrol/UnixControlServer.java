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
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;

/**
 * Kea's unix control channel (d2-behaviour.md §9.1): a client connects, writes one JSON command (no
 * framing; the value ends where its JSON ends), and gets one JSON answer before the server closes
 * the connection. A client that sends nothing complete within 10 s gets Kea's time-out answer.
 *
 * <p>Threads: one acceptor, and a few connection threads that only read, parse and write; the
 * command itself runs through the {@link CommandExecutor} on the daemon's event loop.
 *
 * <p>The socket file is created with the configured mode (see {@link SocketFiles}), is never taken
 * from a daemon that still answers on it, and is removed on {@link #close()} if it is still ours.
 */
public final class UnixControlServer implements AutoCloseable {

  /** Kea's receive timeout for one command. */
  public static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(10);

  /** An answer the event loop owes for longer than this is reported as an error. */
  private static final Duration EXECUTE_TIMEOUT = Duration.ofSeconds(60);

  private static final int CONNECTION_THREADS = 4;

  private final Path path;
  private final Object fileKey;
  private final ServerSocketChannel server;
  private final CommandRegistry registry;
  private final CommandExecutor executor;
  private final Duration receiveTimeout;
  private final ExecutorService connections;
  private final Thread acceptor;
  private volatile boolean closing;
  private final Logger log;

  private UnixControlServer(
      Path path,
      ServerSocketChannel server,
      CommandRegistry registry,
      CommandExecutor executor,
      Duration receiveTimeout)
      throws IOException {
    this.path = path;
    this.server = server;
    this.fileKey = fileKey(path);
    this.registry = registry;
    this.executor = executor;
    this.receiveTimeout = receiveTimeout;
    this.log = registry.log();
    AtomicInteger n = new AtomicInteger();
    this.connections =
        Executors.newFixedThreadPool(
            CONNECTION_THREADS,
            r -> {
              Thread t = new Thread(r, registry.daemon() + "-control-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.acceptor = new Thread(this::acceptLoop, registry.daemon() + "-control-acceptor");
    this.acceptor.setDaemon(true);
  }

  /**
   * Binds the socket and starts answering.
   *
   * @throws ControlSocketInUseException when a live daemon answers on the path
   * @throws IOException when the socket cannot be created
   */
  public static UnixControlServer start(
      Path socketName, int mode, CommandRegistry registry, CommandExecutor executor)
      throws IOException {
    return start(socketName, mode, registry, executor, RECEIVE_TIMEOUT);
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
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(executor, "executor");
    Path path = socketName.toAbsolutePath();
    SocketFiles.claim(path, registry.log());
    ServerSocketChannel channel = SocketFiles.bind(path, mode);
    UnixControlServer s;
    try {
      s = new UnixControlServer(path, channel, registry, executor, receiveTimeout);
    } catch (IOException | RuntimeException e) {
      channel.close();
      Files.deleteIfExists(path);
      throw e;
    }
    s.acceptor.start();
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

  private void acceptLoop() {
    while (!closing) {
      SocketChannel client;
      try {
        client = server.accept();
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        log.error("COMMAND_ACCEPTOR_FAIL accepting on {}: {}", path, e.toString());
        continue;
      }
      try {
        connections.execute(() -> serve(client));
      } catch (RejectedExecutionException e) {
        closeQuietly(client);
      }
    }
  }

  private void serve(SocketChannel client) {
    try (client) {
      String answer = answer(client);
      if (answer != null) {
        client.configureBlocking(true);
        ByteBuffer out = ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8));
        while (out.hasRemaining()) {
          client.write(out);
        }
      }
    } catch (IOException e) {
      log.warn("COMMAND_SOCKET_WRITE_FAIL {}", e.toString());
    }
  }

  /** Reads one request and returns the answer text, or null when the client left early. */
  private String answer(SocketChannel client) throws IOException {
    RequestFeed feed = new RequestFeed();
    RequestFeed.State state = RequestFeed.State.NEED_MORE;
    long deadline = System.nanoTime() + receiveTimeout.toNanos();
    ByteBuffer buf = ByteBuffer.allocate(8192);
    client.configureBlocking(false);
    try (Selector selector = Selector.open()) {
      SelectionKey key = client.register(selector, SelectionKey.OP_READ);
      while (state == RequestFeed.State.NEED_MORE) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          log.info(
              "COMMAND_SOCKET_CONNECTION_TIMEOUT no complete command within {}", receiveTimeout);
          return Answer.error(
                  "Connection over control channel timed out"
                      + (feed.size() > 0
                          ? ", discarded partial command of " + feed.size() + " bytes"
                          : ""))
              .render();
        }
        selector.select(left);
        buf.clear();
        int n = client.read(buf);
        if (n < 0) {
          state = feed.endOfInput();
          if (state == RequestFeed.State.NEED_MORE) {
            return null;
          }
        } else if (n > 0) {
          state = feed.feed(buf.array(), 0, n);
        }
      }
      key.cancel();
    }
    if (state == RequestFeed.State.INVALID) {
      log.warn("COMMAND_PROCESS_ERROR1 unparseable command: {}", feed.error());
      return Answer.error(feed.error()).render();
    }
    return execute(feed.text()).render();
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
    closeQuietly(server);
    try {
      acceptor.join(2000);
      connections.shutdown();
      if (!connections.awaitTermination(2, TimeUnit.SECONDS)) {
        connections.shutdownNow();
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
