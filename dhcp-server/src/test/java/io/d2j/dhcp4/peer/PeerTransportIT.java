package io.d2j.dhcp4.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.d2j.dhcp4.ha.BasicAuth;
import io.d2j.dhcp4.ha.HaConfig;
import io.d2j.dhcp4.ha.HaConfigParser;
import io.d2j.dhcp4.ha.HaPeer;
import io.d2j.dhcp4.ha.PeerMessages;
import io.d2j.keaconfig.KeaConfigReader;
import io.d2j.keacontrol.Answer;
import io.d2j.keacontrol.Command;
import io.d2j.keacontrol.CommandExecutor;
import io.d2j.keacontrol.CommandRegistry;
import io.d2j.keacontrol.files.PathGuard;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peer listener and client on loopback: Kea's list answers, Basic auth verified, result 1001
 * carried, mutual TLS with PEM files from openssl.
 */
class PeerTransportIT {

  private static Vertx vertx;

  @TempDir Path dir;

  @BeforeAll
  static void vertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void close() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  private static CommandRegistry registry() {
    CommandRegistry r = new CommandRegistry("kea-dhcp4");
    r.register(Command.of("ha-heartbeat", a -> Answer.ok(PeerMessages.HEARTBEAT_TEXT)));
    r.register(
        Command.of(
            "ha-maintenance-notify",
            a ->
                new Answer(
                    Answer.HA_MAINTENANCE_NOT_ALLOWED,
                    Optional.of("not allowed"),
                    Optional.empty())));
    r.register(Command.of("config-get", a -> Answer.ok("secret")));
    return r;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static HaConfig config(String scheme, int port, String extra, String auth) {
    String rel =
        "{\"this-server-name\": \"server1\", \"mode\": \"hot-standby\", \"restrict-commands\":"
            + " true"
            + extra
            + ", \"peers\": [{\"name\": \"server1\", \"url\": \""
            + scheme
            + "://127.0.0.1:"
            + port
            + "/\", \"role\": \"primary\""
            + auth
            + "}, {\"name\": \"server2\", \"url\": \"http://127.0.0.1:1/\", \"role\":"
            + " \"standby\"}]}";
    return new HaConfigParser(new ArrayList<>(), PathGuard.TRUSTED, Path.of("/tmp"))
        .parse(KeaConfigReader.parse("{\"high-availability\": [" + rel + "]}", "ha.json"));
  }

  /**
   * The time-out is generous: the first TLS context of a cold JVM on a loaded CI machine takes
   * seconds to build (measured: about 5 s with five builds sharing two cores).
   */
  private static JsonNode send(HaPeer to, String command) throws Exception {
    try (PeerClient client = new PeerClient(vertx, to)) {
      return client
          .send(PeerMessages.command(command, Optional.empty()), Duration.ofSeconds(20))
          .get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void plainHttp_withBasicAuth_answersAList_andRefusesAWrongPassword() throws Exception {
    HaConfig config =
        config(
            "http",
            freePort(),
            "",
            ", \"basic-auth-user\": \"hauser\", \"basic-auth-password\": \"hapass\"");
    try (PeerListener listener =
        PeerListener.start(vertx, config, registry(), CommandExecutor.inline())) {
      HaPeer server1 = config.thisServer();

      JsonNode answer = send(server1, "ha-heartbeat");
      assertThat(answer.toString())
          .isEqualTo("[{\"result\":0,\"text\":\"HA peer status returned.\"}]");
      assertThat(send(server1, "ha-maintenance-notify").get(0).get("result").asInt())
          .isEqualTo(1001);
      // restrict-commands: what a partner never sends is not served here
      assertThat(send(server1, "config-get").get(0).get("result").asInt()).isEqualTo(2);

      HaPeer wrong =
          new HaPeer(
              "server1",
              server1.url(),
              server1.role(),
              true,
              Optional.of(new BasicAuth("hauser", "nope")),
              Optional.empty());
      assertThatThrownBy(() -> send(wrong, "ha-heartbeat"))
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("HTTP 401 Unauthorized");
      HaPeer none =
          new HaPeer(
              "server1", server1.url(), server1.role(), true, Optional.empty(), Optional.empty());
      assertThatThrownBy(() -> send(none, "ha-heartbeat"))
          .hasMessageContaining("HTTP 401 Unauthorized");
    }
  }

  /**
   * A body over 1 MiB is refused with 413 as soon as that is known, without waiting for (or
   * holding) the rest: announced by Content-Length (here 10 GB, of which a few octets are sent) or
   * found while a chunked body streams in. The listener used to buffer the whole body first, so
   * neither got an answer, and a large enough body would have filled the heap.
   */
  @Test
  void aBodyOverOneMebibyte_isRefusedWith413AtOnce_neverHeld_andTheListenerKeepsServing()
      throws Exception {
    HaConfig config =
        config(
            "http",
            freePort(),
            "",
            ", \"basic-auth-user\": \"hauser\", \"basic-auth-password\": \"hapass\"");
    try (PeerListener listener =
        PeerListener.start(vertx, config, registry(), CommandExecutor.inline())) {
      HaPeer server1 = config.thisServer();
      io.d2j.dhcp4.ha.PeerUrl url = server1.url();
      String head =
          "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
              + "Authorization: Basic "
              + java.util.Base64.getEncoder()
                  .encodeToString("hauser:hapass".getBytes(StandardCharsets.UTF_8))
              + "\r\n";

      try (java.net.Socket s = new java.net.Socket(url.address(), url.port())) {
        s.setSoTimeout(20_000);
        s.getOutputStream()
            .write(
                (head + "Content-Length: 10000000000\r\n\r\n{\"command\": ")
                    .getBytes(StandardCharsets.UTF_8));
        assertThat(statusLine(s)).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
      }

      try (java.net.Socket s = new java.net.Socket(url.address(), url.port())) {
        s.setSoTimeout(20_000);
        java.io.OutputStream out = s.getOutputStream();
        out.write((head + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        byte[] chunk =
            ("10000\r\n" + "x".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.UTF_8);
        for (int sent = 0; sent <= PeerListener.MAX_BODY; sent += 0x10000) {
          out.write(chunk);
        }
        out.flush(); // no last chunk: the body never ends
        assertThat(statusLine(s)).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
      }

      assertThat(send(server1, "ha-heartbeat").get(0).get("result").asInt()).isZero();
    }
  }

  private static String statusLine(java.net.Socket s) throws IOException {
    StringBuilder line = new StringBuilder();
    java.io.InputStream in = s.getInputStream();
    for (int c = in.read(); c >= 0 && c != '\r'; c = in.read()) {
      line.append((char) c);
    }
    return line.toString();
  }

  @Test
  void mutualTls_servesTheTrustedClient_andRefusesOneSignedByAnotherCa() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
    Path ca = ca("ca");
    Path other = ca("other");
    cert(ca, "server");
    cert(ca, "client");
    cert(other, "stranger");
    String tls = ", \"trust-anchor\": \"%s\", \"cert-file\": \"%s\", \"key-file\": \"%s\"";
    HaConfig listenerConfig =
        config(
            "https",
            freePort(),
            String.format(
                    tls, ca.resolve("ca.pem"), dir.resolve("server.pem"), dir.resolve("server.key"))
                + ", \"require-client-certs\": true",
            "");
    try (PeerListener listener =
        PeerListener.start(vertx, listenerConfig, registry(), CommandExecutor.inline())) {
      HaPeer self = listenerConfig.thisServer();
      HaPeer trusted = withTls(self, ca, "client");
      assertThat(send(trusted, "ha-heartbeat").get(0).get("result").asInt()).isZero();

      HaPeer stranger = withTls(self, ca, "stranger");
      assertThatThrownBy(() -> send(stranger, "ha-heartbeat"))
          .isInstanceOf(ExecutionException.class);
    }
  }

  private HaPeer withTls(HaPeer peer, Path ca, String name) {
    return new HaPeer(
        peer.name(),
        peer.url(),
        peer.role(),
        true,
        Optional.empty(),
        Optional.of(
            new io.d2j.dhcp4.ha.TlsFiles(
                ca.resolve("ca.pem"), dir.resolve(name + ".pem"), dir.resolve(name + ".key"))));
  }

  private Path ca(String name) throws Exception {
    Path caDir = Files.createDirectories(dir.resolve(name));
    openssl(
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        caDir.resolve("ca.key").toString(),
        "-out",
        caDir.resolve("ca.pem").toString(),
        "-days",
        "2",
        "-subj",
        "/CN=" + name + "-ca");
    return caDir;
  }

  private void cert(Path ca, String name) throws Exception {
    String key = dir.resolve(name + ".key").toString();
    String csr = dir.resolve(name + ".csr").toString();
    openssl(
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        key,
        "-out",
        csr,
        "-subj",
        "/CN=" + name);
    openssl(
        "x509",
        "-req",
        "-in",
        csr,
        "-CA",
        ca.resolve("ca.pem").toString(),
        "-CAkey",
        ca.resolve("ca.key").toString(),
        "-CAcreateserial",
        "-days",
        "2",
        "-out",
        dir.resolve(name + ".pem").toString());
    // Vert.x reads PKCS#8 and SEC1 keys alike; convert to PKCS#8 to be sure.
    openssl("pkcs8", "-topk8", "-nocrypt", "-in", key, "-out", key + ".p8");
    Files.move(
        Path.of(key + ".p8"), Path.of(key), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private void openssl(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("openssl.log").toFile())
            .start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("openssl.log"))).isZero();
  }
}
