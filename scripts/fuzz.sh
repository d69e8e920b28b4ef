#!/usr/bin/env bash
# Runs every Jazzer fuzz target of the project for 10^6 executions each (the test suite fuzzes
# each for 30 s only; see docs/fuzzing.md). Builds the test classes (no tests run), then runs
# Jazzer's own driver on each @FuzzTest method with its checked-in seeds, a corpus that grows in
# target/fuzz/<target>/corpus, and findings written to target/fuzz/<target>/. Prints one line per
# target (executions, coverage, features, corpus, time, findings) and writes the table to
# target/fuzz/results.md. Exit status 1 if any target found something.
#
# libFuzzer picks a random seed per target (printed as "INFO: Seed:" in its log.txt); --seed N with
# the target's corpus directory removed repeats a run exactly (the test suite fixes its seed
# instead, docs/fuzzing.md).
#
# usage: scripts/fuzz.sh [--runs N] [--only NcrDatagramFuzzTarget,...] [--seed N]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
runs=1000000
only=""
seed=0
while (($#)); do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    *) echo "usage: scripts/fuzz.sh [--runs N] [--only Target1,Target2] [--seed N]" >&2; exit 2 ;;
  esac
done

# module  class  method. New parsers add their target here (and a *FuzzTarget class beside their
# tests): the expression language once it lands (issue 16 item 4).
targets=(
  "ncr-protocol io.d2j.ncr.NcrDatagramFuzzTarget decode"
  "ncr-protocol io.d2j.ncr.auth.NcrVerifierFuzzTarget check"
  "tsig io.d2j.tsig.dnsjava.ReplyCheckFuzzTarget check"
  "kea-config io.d2j.keaconfig.KeaConfigFuzzTarget parse"
  "kea-control io.d2j.keacontrol.ControlRequestFuzzTarget request"
  "dhcp-server io.d2j.dhcp4.packet.DhcpPacketFuzzTarget decode"
  "dhcp-server io.d2j.dhcp4.runtime.QueryPathFuzzTarget query"
  "dhcp-server io.d2j.dhcp4.classify.ExpressionFuzzTarget compile"
  "dhcp-server io.d2j.dhcp4.lease.LeaseFileFuzzTarget load"
  "d2j-migrate io.d2j.migrate.DhcpdConfFuzzTarget convert"
)

modules=$(printf '%s\n' "${targets[@]}" | awk '{print $1}' | sort -u | paste -sd, -)
echo "== building test classes of $modules (no tests run)"
# One reactor run, so that sibling modules resolve to their target/classes (nothing is installed).
mvn -q -B -ntp -pl "$modules" -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/fuzz-classpath.txt -Dspotless.check.skip=true
out="$root/target/fuzz"
mkdir -p "$out"
printf '| target | executions | coverage (edges) | features | corpus | seconds | findings |\n|---|---|---|---|---|---|---|\n' >"$out/results.md"
found=0
for t in "${targets[@]}"; do
  read -r module class method <<<"$t"
  simple="${class##*.}"
  if [[ -n "$only" && ",$only," != *",$simple,"* ]]; then
    continue
  fi
  dir="$out/$simple"
  mkdir -p "$dir/corpus"
  cp="$module/target/test-classes:$module/target/classes:$(cat "$module/target/fuzz-classpath.txt")"
  seeds="$module/src/test/resources/$(dirname "${class//.//}")/${simple}Inputs/$method"
  echo "== $simple.$method: $runs executions (seeds: $seeds)"
  start=$(date +%s)
  set +e
  java -Xmx512m -cp "$cp" -Dd2j.root="$root" com.code_intelligence.jazzer.Jazzer \
    --target_class="$class" --target_method="$method" \
    --instrumentation_includes='io.d2j.**:org.xbill.DNS.**:com.fasterxml.jackson.core.**' \
    -runs="$runs" -seed="$seed" -reload=0 -max_total_time=86400 -print_final_stats=1 -artifact_prefix="$dir/" \
    "$dir/corpus" "$seeds" >"$dir/log.txt" 2>&1
  status=$?
  set -e
  secs=$(($(date +%s) - start))
  done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$dir/log.txt" | tail -1 || true)
  execs=$(grep -oE 'stat::number_of_executed_units: [0-9]+' "$dir/log.txt" | awk '{print $2}' | tail -1)
  cov=$(sed -nE 's/.* cov: ([0-9]+) .*/\1/p' <<<"$done_line")
  ft=$(sed -nE 's/.* ft: ([0-9]+) .*/\1/p' <<<"$done_line")
  corp=$(sed -nE 's/.* corp: ([0-9]+\/[0-9]+[a-zA-Z]*) .*/\1/p' <<<"$done_line")
  findings=$(find "$dir" -maxdepth 1 -name 'crash-*' -o -maxdepth 1 -name 'timeout-*' -o -maxdepth 1 -name 'oom-*' | wc -l)
  if ((status != 0 || findings > 0)); then
    found=1
    echo "   FINDING (exit $status): see $dir/log.txt and $dir/crash-*" >&2
  fi
  line="| $simple | ${execs:-?} | ${cov:-?} | ${ft:-?} | ${corp:-?} | $secs | $findings |"
  echo "$line"
  echo "$line" >>"$out/results.md"
done
echo "== table in $out/results.md"
exit $found
