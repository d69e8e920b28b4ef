package io.d2j.migrate.json;

/** A JSON boolean. */
public record JBool(boolean value) implements JValue {}
