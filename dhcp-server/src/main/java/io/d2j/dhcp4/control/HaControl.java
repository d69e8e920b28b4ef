package io.d2j.dhcp4.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.d2j.keacontrol.Answer;

/**
 * The running HA service as its commands see it (spec §6.8); implemented by the runtime's HA shell.
 * Each method answers as the HA hook of Kea 2.2 does; {@code arguments} is null when the request
 * had none.
 */
public interface HaControl {

  Answer heartbeat();

  Answer scopes(JsonNode arguments);

  Answer resume();

  Answer reset();

  Answer maintenanceNotify(JsonNode arguments);

  Answer maintenanceStart();

  Answer maintenanceCancel();

  Answer syncCompleteNotify();

  Answer sync(JsonNode arguments);

  /** One element of {@code status-get}'s {@code high-availability} list. */
  ObjectNode status();
}
