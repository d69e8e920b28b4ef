package io.d2j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A {@code /metrics} page read by Prometheus' own parser (the Python client's {@code
 * prometheus_client.parser}, Debian's python3-prometheus-client), so that a test checks what a real
 * scraper reads, not what a regular expression of ours accepts. A page the parser rejects fails.
 *
 * <pre>{@code
 * PrometheusText page = PrometheusText.parse(body);
 * page.value("ncr_received_total", Map.of())           // Optional[1.0]
 * page.type("ncr_received")                            // "counter"
 * }</pre>
 */
public final class PrometheusText {
  private static final String PYTHON = "/usr/bin/python3";

  /**
   * Prints each family as one JSON line: name, type, and samples (name, labels, value). Reads the
   * page from stdin.
   */
  private static final String SCRIPT =
      """
      import json, sys
      from prometheus_client.parser import text_string_to_metric_families
      for f in text_string_to_metric_families(sys.stdin.read()):
          print(json.dumps({"name": f.name, "type": f.type, "help": f.documentation,
                            "samples": [{"name": s.name, "labels": s.labels, "value": s.value}
                                        for s in f.samples]}))
      """;

  /** One sample line of the page. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  /** One family: its TYPE and HELP and its samples. */
  public record Family(String name, String type, String help, List<Sample> samples) {}

  private final Map<String, Family> families;

  private PrometheusText(Map<String, Family> families) {
    this.families = families;
  }

  /** Skips the calling test unless the parser is installed. */
  public static void assumeAvailable() {
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of(PYTHON)) && run("-c", "import prometheus_client.parser") == 0,
        "Prometheus' text-format parser is missing (apt-get install python3-prometheus-client)");
  }

  /**
   * Parses a page.
   *
   * @throws IllegalArgumentException with the parser's message when it refuses the page
   */
  public static PrometheusText parse(String page) {
    try {
      Process p =
          new ProcessBuilder(PYTHON, "-c", SCRIPT)
              .redirectError(ProcessBuilder.Redirect.PIPE)
              .start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(page.getBytes(StandardCharsets.UTF_8));
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalArgumentException("the Prometheus parser refused the page: " + err);
      }
      ObjectMapper json = new ObjectMapper();
      Map<String, Family> families = new TreeMap<>();
      for (String line : out.split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode f = json.readTree(line);
        List<Sample> samples = new ArrayList<>();
        for (JsonNode s : f.get("samples")) {
          Map<String, String> labels = new TreeMap<>();
          s.get("labels")
              .fields()
              .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
          samples.add(new Sample(s.get("name").asText(), labels, s.get("value").asDouble()));
        }
        String name = f.get("name").asText();
        families.put(
            name, new Family(name, f.get("type").asText(), f.get("help").asText(), samples));
      }
      return new PrometheusText(families);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + PYTHON + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static int run(String... args) {
    try {
      List<String> command = new ArrayList<>(List.of(PYTHON));
      command.addAll(List.of(args));
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Every family, by name (a counter's family name has no {@code _total}). */
  public Map<String, Family> families() {
    return families;
  }

  /** The family's TYPE ({@code counter}, {@code gauge}, ...), if the page has it. */
  public Optional<String> type(String family) {
    return Optional.ofNullable(families.get(family)).map(Family::type);
  }

  /** The value of the sample with exactly this name and these labels, if the page has it. */
  public Optional<Double> value(String sample, Map<String, String> labels) {
    for (Family f : families.values()) {
      for (Sample s : f.samples()) {
        if (s.name().equals(sample) && s.labels().equals(labels)) {
          return Optional.of(s.value());
        }
      }
    }
    return Optional.empty();
  }
}
