package io.d2j.dhcp4.log;

import io.d2j.keacontrol.logging.LogId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * d2j-dhcp4's lines of the shared daemon layer (command line, standard commands, reload, shutdown)
 * and of its lease commands, each with its id, level, logger (under {@code kea-dhcp4}) and text;
 * {@code Dhcp4LogCatalogueTest} checks docs/log-messages.md against them. The packet path, the
 * lease store and the network layer still log by name (see the catalogue).
 */
public enum Dhcp4Log implements LogId {
  DHCP4_CONFIG_LOAD_FAIL(Level.ERROR, "dhcp4", "{}"),
  DHCP4_INIT_FAIL(Level.ERROR, "", "{}"),
  DHCP4_LOGGING(Level.WARN, "dhcp4", "{}"),
  DHCP4_CONFIG_WARNING(Level.WARN, "dhcp4", "{}"),
  DCTL_SIGNAL_UNAVAILABLE(Level.WARN, "dhcp4", "SIG{} not handled: {}"),
  DHCP4_DYNAMIC_RECONFIGURATION(Level.INFO, "dhcp4", "reloading {}"),
  DHCP4_DYNAMIC_RECONFIGURATION_SUCCESS(Level.INFO, "dhcp4", "{}: configuration applied"),
  DHCP4_DYNAMIC_RECONFIGURATION_FAIL(Level.ERROR, "dhcp4", "{}"),
  DHCP4_CONFIG_UNSUPPORTED_OBJECT(
      Level.ERROR, "dhcp4", "config-set: '{}' ignored; only '{}' is read"),
  DHCP4_CONTROL_SOCKET_UNCHANGED(
      Level.WARN, "dhcp4", "control-socket changes take effect at restart; still serving {}"),
  DHCP4_SHUTDOWN_REQUEST(Level.INFO, "dhcp4", "shutdown requested, exit-value {}"),
  DHCP4_SHUTDOWN_FATAL(Level.ERROR, "dhcp4", "{}"),
  LEASE_CMDS_ADD4(Level.INFO, "lease-cmds-hooks", "lease4-add command successful (parameters: {})"),
  LEASE_CMDS_UPDATE4(
      Level.INFO, "lease-cmds-hooks", "lease4-update command successful (parameters: {})"),
  LEASE_CMDS_DEL4(Level.INFO, "lease-cmds-hooks", "lease4-del command successful (parameters: {})"),
  LEASE_CMDS_WIPE4(
      Level.INFO, "lease-cmds-hooks", "lease4-wipe deleted {} leases from subnet(s){}");

  /** Kea's root logger name for the DHCPv4 server. */
  public static final String ROOT = "kea-dhcp4";

  private final Level severity;
  private final String logger;
  private final String text;
  private final String format;
  private final Logger log;

  Dhcp4Log(Level severity, String logger, String text) {
    this.severity = severity;
    this.logger = logger;
    this.text = text;
    this.format = name() + " " + text;
    this.log = LoggerFactory.getLogger(logger.isEmpty() ? ROOT : ROOT + "." + logger);
  }

  @Override
  public String id() {
    return name();
  }

  @Override
  public Level severity() {
    return severity;
  }

  @Override
  public String logger() {
    return logger;
  }

  @Override
  public String text() {
    return text;
  }

  @Override
  public String format() {
    return format;
  }

  @Override
  public Logger log() {
    return log;
  }
}
