package io.d2j.dhcp4.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.d2j.keacontrol.Answer;
import io.d2j.keacontrol.Command;
import io.d2j.keacontrol.CommandRegistry;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The HA hook's commands (spec §6.8): {@code ha-heartbeat}, {@code ha-scopes}, {@code ha-continue},
 * {@code ha-reset}, {@code ha-maintenance-notify}, {@code ha-maintenance-start}, {@code
 * ha-maintenance-cancel}, {@code ha-sync-complete-notify}, {@code ha-sync}. Without HA in the
 * configuration in force they answer as an unloaded hook: result 2, not supported.
 */
public final class HaCommands {

  private final Supplier<Optional<HaControl>> ha;

  /** {@code ha} is asked at each command (a reload replaces the HA service, or removes it). */
  public HaCommands(Supplier<Optional<HaControl>> ha) {
    this.ha = ha;
  }

  public void registerAll(CommandRegistry registry) {
    on(registry, "ha-heartbeat", (h, a) -> h.heartbeat());
    on(registry, "ha-scopes", HaControl::scopes);
    on(registry, "ha-continue", (h, a) -> h.resume());
    on(registry, "ha-reset", (h, a) -> h.reset());
    on(registry, "ha-maintenance-notify", HaControl::maintenanceNotify);
    on(registry, "ha-maintenance-start", (h, a) -> h.maintenanceStart());
    on(registry, "ha-maintenance-cancel", (h, a) -> h.maintenanceCancel());
    on(registry, "ha-sync-complete-notify", (h, a) -> h.syncCompleteNotify());
    on(registry, "ha-sync", HaControl::sync);
  }

  private void on(
      CommandRegistry registry, String name, BiFunction<HaControl, JsonNode, Answer> handler) {
    registry.register(
        Command.of(
            name,
            args ->
                ha.get()
                    .map(h -> handler.apply(h, args))
                    .orElseGet(() -> Answer.unsupported(name))));
  }
}
