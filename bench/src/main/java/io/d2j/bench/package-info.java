/**
 * The side-by-side benchmark of d2j against Kea ({@link io.d2j.bench.BenchMain}, run by
 * scripts/bench.sh): the daemons as child processes on loopback, paced NCR senders and perfdhcp, a
 * null DNS responder beside BIND, and the tables of docs/benchmarks.md.
 */
package io.d2j.bench;
