/**
 * The output document: {@link io.d2j.migrate.json.JValue} and its kinds (ordered maps and lists
 * that may hold commented-out members and notes) and {@link io.d2j.migrate.json.JsonWriter}, which
 * prints them as Kea-style JSON with {@code //} comments.
 */
package io.d2j.migrate.json;
