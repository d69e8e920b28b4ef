package io.d2j.keacontrol.shell;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code d2j-shell}: sends one command to a daemon's unix control socket and prints the answer,
 * indented. Any Kea-style daemon: d2j's D2 and DHCPv4 server, Kea's own.
 *
 * <pre>
 * d2j-shell --socket /run/kea/kea-ddns-ctrl-socket statistic-get '{"name": "ncr-received"}'
 * d2j-shell --socket S config-set --args-file new-d2.json     # {"DhcpDdns": {...}}
 * d2j-shell --socket S config-test - &lt; new-d2.json
 * </pre>
 *
 * <p>Exit code: 0 when the answer's result is 0, 3 when it is 3 ("empty"), 1 for any other result
 * or when the daemon cannot be reached, 2 for a usage error.
 */
public final class D2jShell {

  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;
  static final int EMPTY = 3;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String USAGE_TEXT =
      "usage: d2j-shell --socket PATH [--timeout SECONDS] COMMAND [ARGUMENTS-JSON | - | --args-file"
          + " FILE]\n"
          + "  sends COMMAND (with the JSON map ARGUMENTS; '-' reads it from stdin) to the control"
          + " socket PATH\n"
          + "  and prints the answer; exit 0 (result 0), 3 (result 3), 1 (other result or no"
          + " daemon), 2 (usage)";

  private D2jShell() {}

  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  /** Runs one command line; the exit code (see the class comment). */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    Path socket = null;
    String command = null;
    String arguments = null;
    long timeoutSeconds = 60;
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if ("--socket".equals(a) || "-s".equals(a)) {
          socket = Path.of(value(args, ++i, a));
        } else if ("--timeout".equals(a)) {
          timeoutSeconds = Long.parseLong(value(args, ++i, a));
        } else if ("--args-file".equals(a)) {
          arguments = Files.readString(Path.of(value(args, ++i, a)));
        } else if ("-h".equals(a) || "--help".equals(a)) {
          out.println(USAGE_TEXT);
          return OK;
        } else if (a.startsWith("--")) {
          throw new UsageException("unknown option " + a);
        } else if (command == null) {
          command = a;
        } else if (arguments == null) {
          arguments = "-".equals(a) ? new String(in.readAllBytes(), StandardCharsets.UTF_8) : a;
        } else {
          throw new UsageException("unexpected argument '" + a + "'");
        }
      }
      if (socket == null) {
        throw new UsageException("--socket PATH is required");
      }
      if (command == null) {
        throw new UsageException("a COMMAND is required, e.g. list-commands");
      }
    } catch (UsageException | NumberFormatException e) {
      err.println("d2j-shell: " + e.getMessage());
      err.println(USAGE_TEXT);
      return USAGE;
    } catch (IOException e) {
      err.println("d2j-shell: cannot read the arguments: " + e);
      return USAGE;
    }
    ObjectNode request = JSON.createObjectNode().put("command", command);
    if (arguments != null) {
      try {
        request.set("arguments", JSON.readTree(arguments));
      } catch (JsonProcessingException e) {
        err.println("d2j-shell: the arguments are not JSON: " + e.getOriginalMessage());
        return USAGE;
      }
    }
    return send(socket, request, timeoutSeconds, out, err);
  }

  private static int send(
      Path socket, ObjectNode request, long timeoutSeconds, PrintStream out, PrintStream err) {
    if (!Files.exists(socket)) {
      err.println(
          "d2j-shell: no control socket at "
              + socket
              + " (is the daemon running, and is this its control-socket socket-name?)");
      return FAILED;
    }
    String reply;
    ScheduledExecutorService watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "d2j-shell-timeout");
              t.setDaemon(true);
              return t;
            });
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      watchdog.schedule(() -> close(ch), timeoutSeconds, TimeUnit.SECONDS);
      ByteBuffer outBuf = ByteBuffer.wrap(JSON.writeValueAsBytes(request));
      while (outBuf.hasRemaining()) {
        ch.write(outBuf);
      }
      // The server answers once and closes: read to the end.
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      ByteBuffer buf = ByteBuffer.allocate(8192);
      while (ch.read(buf.clear()) >= 0) {
        answer.write(buf.array(), 0, buf.position());
      }
      reply = answer.toString(StandardCharsets.UTF_8);
    } catch (ConnectException e) {
      err.println(
          "d2j-shell: "
              + socket
              + " refuses connections ("
              + e.getMessage()
              + "): no daemon is serving it, or it is a stale socket file");
      return FAILED;
    } catch (AsynchronousCloseException e) {
      err.println("d2j-shell: no answer from " + socket + " within " + timeoutSeconds + " s");
      return FAILED;
    } catch (IOException e) {
      err.println("d2j-shell: talking to " + socket + " failed: " + e.getMessage());
      return FAILED;
    } finally {
      watchdog.shutdownNow();
    }
    return print(reply, out, err);
  }

  private static int print(String reply, PrintStream out, PrintStream err) {
    JsonNode answer;
    try {
      answer = JSON.readTree(reply);
    } catch (JsonProcessingException e) {
      err.println("d2j-shell: the answer is not JSON: " + reply);
      return FAILED;
    }
    if (answer == null || !answer.isObject()) {
      err.println("d2j-shell: the answer is not a JSON map: " + reply);
      return FAILED;
    }
    try {
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed tree always serialises", e);
    }
    JsonNode result = answer.get("result");
    if (result == null || !result.isInt()) {
      err.println("d2j-shell: the answer has no integer 'result'");
      return FAILED;
    }
    switch (result.intValue()) {
      case 0:
        return OK;
      case 3:
        return EMPTY;
      default:
        return FAILED;
    }
  }

  private static void close(SocketChannel ch) {
    try {
      ch.close();
    } catch (IOException e) {
      // the read in progress fails with AsynchronousCloseException, which is reported
    }
  }

  private static String value(String[] args, int i, String option) throws UsageException {
    if (i >= args.length) {
      throw new UsageException(option + " needs a value");
    }
    return args[i];
  }

  private static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
