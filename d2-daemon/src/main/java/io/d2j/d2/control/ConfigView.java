package io.d2j.d2.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.d2j.d2.config.D2Config;
import io.d2j.d2.config.D2ConfigRenderer;
import io.d2j.d2.config.D2jSettings;
import io.d2j.keacontrol.Json;
import io.d2j.keacontrol.commands.StandardCommands;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The configuration as config-get, config-hash-get and config-write show it.
 *
 * <p>Rendering is {@link D2ConfigRenderer}'s: the effective configuration with Kea's defaults
 * filled in (d2-behaviour.md §5.3). config-get redacts secrets unless the operator asked to see
 * them; config-write always writes them, or the written file would not load again.
 */
public final class ConfigView {

  private ConfigView() {}

  /** {@code {"DhcpDdns": {…}}}, as config-get shows it. */
  public static ObjectNode render(D2Config config) {
    return D2ConfigRenderer.render(config);
  }

  /** SHA-256 of the rendered configuration, as config-get and config-hash-get show it. */
  public static String hash(D2Config config) {
    return StandardCommands.configHash(render(config));
  }

  /** The rendered configuration as indented text (config-write). */
  public static byte[] pretty(D2Config config) {
    try {
      String text =
          Json.mapper()
              .writerWithDefaultPrettyPrinter()
              .writeValueAsString(D2ConfigRenderer.render(config, D2jSettings.SecretDisplay.SHOW));
      return (text + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
