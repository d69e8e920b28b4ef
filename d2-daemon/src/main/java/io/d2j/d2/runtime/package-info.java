/**
 * The composition root: {@link io.d2j.d2.runtime.D2Daemon} builds the event loop and its scheduler,
 * the statistics, the NCR pipeline and the control socket, and is the target of every command;
 * {@link io.d2j.d2.runtime.D2Process} is the pipeline's lifecycle (listen, reconfigure, drain,
 * close); {@link io.d2j.d2.runtime.Main} plugs D2 into kea-control's shared command line. The only
 * package that wires things together; no other package depends on it.
 */
package io.d2j.d2.runtime;
