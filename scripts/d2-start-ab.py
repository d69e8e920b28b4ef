#!/usr/bin/env python3
"""Interleaved A/B of D2 starts (issue 14): scripts/d2-start-probe.py's single start, run for each
variant in turn (the order reversed every other round), so that a shared, noisy host weighs on
every variant alike. Per variant, the medians of: NCR port bound and first UPDATE at the null
responder (ms from exec), the process's CPU at each, the main thread's CPU, VmRSS IDLE seconds
after the first UPDATE, and minor page faults; then the load average.

  scripts/d2-start-ab.py ROUNDS 'LABEL|LAUNCHER|JAVA_OPTS' ...
      LAUNCHER   e.g. bin/d2j-dhcp-ddns of this checkout or /tmp/base/bin/d2j-dhcp-ddns of another
      JAVA_OPTS  D2J_JAVA_OPTS for that variant, or - to leave it unset (the launcher's defaults)
  env IDLE       seconds between the first UPDATE and the RSS reading (default 3)
      NICE       prefix of each launch (default "nice -n -10"; "" for none)
      PROBE      the single-start probe (default scripts/d2-start-probe.py;
                 scripts/dhcp4-start-probe.py: d2j-dhcp4, "first UPDATE" is then the first OFFER)
With two variants, the rounds' pairs too: in how many the second served sooner, the median
difference of start-to-serving and of CPU (second minus first).

e.g. scripts/d2-start-ab.py 10 "base|/tmp/base/bin/d2j-dhcp-ddns|-" "new|bin/d2j-dhcp-ddns|-"
"""
import os, statistics, sys

here = os.path.dirname(os.path.abspath(__file__))
probe_file = os.environ.get("PROBE") or os.path.join(here, "d2-start-probe.py")
src = open(probe_file).read()
cut = src.find("results = ")
src = src if cut < 0 else src[:cut]  # the probe's functions, not its own run
rounds = int(sys.argv[1])
variants = [v.split("|") for v in sys.argv[2:]]
sys.argv = [probe_file]
probe = {"__file__": probe_file, "__name__": "d2_start_probe"}
exec(compile(src, probe_file, "exec"), probe)
probe["idle"] = float(os.environ.get("IDLE", "3"))

faults = {}
process_cpu_ms = probe["process_cpu_ms"]


def cpu_and_faults(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            faults[pid] = int(f.read().split(")")[-1].split()[7])
    except OSError:
        pass
    return process_cpu_ms(pid)


probe["process_cpu_ms"] = cpu_and_faults
results = {v[0]: [] for v in variants}
n = 0
for r in range(rounds):
    for label, launcher, opts in (variants if r % 2 == 0 else variants[::-1]):
        probe["launch"] = os.environ.get("NICE", "nice -n -10").split() + launcher.split()
        if opts == "-":
            os.environ.pop("D2J_JAVA_OPTS", None)
        else:
            os.environ["D2J_JAVA_OPTS"] = opts
        print(label, end=": ", flush=True)
        out = probe["one"](n)
        n += 1
        if out:
            results[label].append(out + (max(faults.values()) if faults else 0,))
        faults.clear()
for label, rs in results.items():
    if rs:
        med = lambda i: statistics.median(x[i] for x in rs)
        print("%-10s n=%d bound %.0f first UPDATE %.0f (%.0f-%.0f) CPU at bound %.0f at first %.0f "
              "main %.0f RSS %.1f MiB minflt %.0f" % (
                  label, len(rs), med(0), med(1), min(x[1] for x in rs), max(x[1] for x in rs),
                  med(2), med(3), med(4), med(5), med(6)))
if len(variants) == 2 and all(results.values()):
    # Each round's two starts, one right after the other (a failed start shifts the pairs).
    pairs = list(zip(*(results[v[0]] for v in variants)))
    sooner = [b[1] - a[1] for a, b in pairs]
    cpu = [b[3] - a[3] for a, b in pairs]
    print("paired by round: %s sooner in %d of %d, median difference %+.0f ms, CPU %+.0f ms" % (
        variants[1][0], sum(d < 0 for d in sooner), len(pairs), statistics.median(sooner),
        statistics.median(cpu)))
print("load average", open("/proc/loadavg").read().split()[0])
