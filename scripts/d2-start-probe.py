#!/usr/bin/env python3
"""Where a D2's start-up time goes, one fresh daemon at a time (issue 14; a diagnostic beside
scripts/bench.sh, whose "start" section is the published measurement).

For each start: a null DNS responder on 127.0.0.1 (answers every UPDATE with NOERROR, unsigned),
a config with one forward and one reverse domain and no TSIG key, the D2 exec'd, and an NCR sent
to its port every 5 ms from the exec on. Printed per start: exec -> NCR port bound (seen in
/proc/net/udp), exec -> first UPDATE at the responder ("start-to-serving", as the benchmark counts
it), CPU of the process at each of the two moments (the total from /proc/PID/stat, threads that
have ended included, and the main thread's), the live threads that used most CPU up to the first
UPDATE, and VmRSS IDLE seconds later. (Before 2026-12-04 19:00 UTC the total was the sum over the
live threads, which missed the start-up threads that had ended: Vert.x's start, the class-path
opener, the logging set-up.)

  scripts/d2-start-probe.py [STARTS] [LABEL]
  env LAUNCH   the command to start (default: bin/d2j-dhcp-ddns of this checkout;
               /usr/sbin/kea-dhcp-ddns works too), -c FILE is appended
      IDLE     seconds between the first UPDATE and the RSS reading (default 5)
      D2J_JAVA_OPTS is passed through (e.g. -XX:SharedArchiveFile=..., -Xlog:class+load:file=...)
"""
import json, os, socket, struct, subprocess, sys, tempfile, threading, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
starts = int(sys.argv[1]) if len(sys.argv) > 1 else 3
label = sys.argv[2] if len(sys.argv) > 2 else "d2"
idle = float(os.environ.get("IDLE", "5"))
launch = os.environ.get("LAUNCH", root + "/bin/d2j-dhcp-ddns").split()


def free_udp_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class NullResponder:
    """Answers each DNS message with its header (QR set, NOERROR) and its zone section."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.first = None
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                data, peer = self.sock.recvfrom(65535)
            except OSError:
                return
            if self.first is None:
                self.first = time.monotonic_ns()
            ident, flags, zocount = struct.unpack(">HHH", data[:6])
            end = 12
            while data[end] != 0:
                end += 1 + data[end]
            zone = data[12:end + 5]
            reply = struct.pack(">HHHHHH", ident, 0x8000 | (flags & 0x7800), zocount, 0, 0, 0)
            self.sock.sendto(reply + zone, peer)

    def close(self):
        self.sock.close()


def ncr(i, tag):
    body = json.dumps({
        "change-type": 0, "forward-change": True, "reverse-change": True,
        "fqdn": "p%s-%d.example.org." % (tag, i), "ip-address": "192.0.2.%d" % (i % 250 + 1),
        "dhcid": "%064x" % (i + 1), "lease-expires-on": "20991231235959", "lease-length": 3600,
        "use-conflict-resolution": True}, separators=(",", ":")).encode()
    return struct.pack(">H", len(body)) + body


def bound(port):
    suffix = ":%04X " % port
    for table in ("/proc/net/udp", "/proc/net/udp6"):
        with open(table) as f:
            for line in f:
                fields = line.split()
                if len(fields) > 2 and (fields[1] + " ").endswith(suffix):
                    return True
    return False


def thread_cpu_ms(pid):
    """CPU ms per thread name (numbered pools summed: C1/C2 compiler threads, event loops)."""
    tick = os.sysconf("SC_CLK_TCK")
    out = {}
    try:
        tids = os.listdir("/proc/%d/task" % pid)
    except OSError:
        return out
    for tid in tids:
        try:
            with open("/proc/%d/task/%s/stat" % (pid, tid)) as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        ms = (int(fields[11]) + int(fields[12])) * 1000 // tick
        if name.startswith(("C1 Comp", "C2 Comp", "vert.x-eventloop", "GC ")):
            name = name.rstrip("0123456789")
        out[name] = out.get(name, 0) + ms
    return out


def process_cpu_ms(pid):
    """CPU ms of the whole process, threads that have already ended included (the start-up threads:
    Vert.x's start, the class-path opener, the logging set-up), which the per-thread table misses."""
    tick = os.sysconf("SC_CLK_TCK")
    try:
        with open("/proc/%d/stat" % pid) as f:
            stat = f.read()
    except OSError:
        return 0
    fields = stat[stat.rindex(")") + 2:].split()
    return (int(fields[11]) + int(fields[12])) * 1000 // tick


def rss_mib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return float("nan")


def watch(proc, t0, n, work, port, send, served, what):
    """Watches a fresh daemon, started at t0 (ns) with its output in work/stdout.log: send(i) every
    5 ms from t0 on, the moment PORT is bound (/proc/net/udp) and the moment served() first returns
    a time (ns), with the process's CPU and the live threads' at each; then VmRSS IDLE seconds
    later, and the daemon stopped. Returns (ms to bound, ms to served, CPU ms at each, the main
    thread's CPU ms at served, RSS MiB: a probe's result), the main thread's CPU ms at bound and the
    threads' CPU ms at served; or None, having printed why (it exited; no WHAT in 60 s)."""
    t_bound, cpu_bound, proc_bound, first, sent, next_send = None, {}, 0, None, 0, t0
    try:
        while time.monotonic_ns() - t0 < 60e9:
            if time.monotonic_ns() >= next_send:
                send(sent)
                sent += 1
                next_send += 5_000_000
            if t_bound is None and bound(port):
                t_bound, cpu_bound = time.monotonic_ns(), thread_cpu_ms(proc.pid)
                proc_bound = process_cpu_ms(proc.pid)
            first = served()
            if first is not None:
                cpu_first, proc_first = thread_cpu_ms(proc.pid), process_cpu_ms(proc.pid)
                break
            if proc.poll() is not None:
                print("start %d: exited with %d; %s/stdout.log:\n%s" % (
                    n, proc.returncode, work, open(work + "/stdout.log").read()))
                return None
            time.sleep(0.001)
        if first is None:
            print("start %d: no %s in 60 s (%s)" % (n, what, work))
            return None
        if t_bound is None:
            t_bound, proc_bound, cpu_bound = first, proc_first, cpu_first
        time.sleep(idle)
        rss = rss_mib(proc.pid)
    finally:
        proc.terminate()
        proc.wait(60)
    ms = lambda t: (t - t0) / 1e6
    main_name = "java" if "java" in cpu_first else max(cpu_first, key=cpu_first.get)
    return ((ms(t_bound), ms(first), proc_bound, proc_first, cpu_first.get(main_name, 0), rss),
            cpu_bound.get(main_name, 0), cpu_first)


def run_starts(what):
    """STARTS starts with one(), then their medians; returns the results."""
    done = [r for r in (one(n) for n in range(starts)) if r]
    if done:
        med = lambda i: sorted(r[i] for r in done)[len(done) // 2]
        print("%s, median of %d: bound %.0f ms, first %s %.0f ms, CPU at bound %d ms, "
              "at first %s %d ms (main thread %d), RSS %.1f MiB; load average %s" % (
                  label, len(done), med(0), what, med(1), med(2), what, med(3), med(4), med(5),
                  open("/proc/loadavg").read().split()[0]))
    return done


def one(n):
    work = tempfile.mkdtemp(prefix="d2-start-probe-")
    dns = NullResponder()
    port = free_udp_port()
    servers = [{"ip-address": "127.0.0.1", "port": dns.port}]
    config = {"DhcpDdns": {
        "ip-address": "127.0.0.1", "port": port, "dns-server-timeout": 1000,
        "ncr-protocol": "UDP", "ncr-format": "JSON", "tsig-keys": [],
        "forward-ddns": {"ddns-domains": [{"name": "example.org.", "dns-servers": servers}]},
        "reverse-ddns": {"ddns-domains": [{"name": "2.0.192.in-addr.arpa.", "dns-servers": servers}]},
        "loggers": [{"name": "kea-dhcp-ddns", "severity": "INFO",
                     "output_options": [{"output": work + "/d2.log"}]}],
        "user-context": {"d2j": {"journal": {"path": work + "/journal", "fsync": "batch"}}}}}
    with open(work + "/d2.json", "w") as f:
        json.dump(config, f)
    env = dict(os.environ, D2J_STATE_DIR=work, KEA_LOCKFILE_DIR=work, KEA_PIDFILE_DIR=work)
    sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    tag = "%d%d" % (os.getpid(), n)
    with open(work + "/stdout.log", "w") as out:
        t0 = time.monotonic_ns()
        proc = subprocess.Popen(launch + ["-c", work + "/d2.json"], env=env, stdout=out,
                                stderr=subprocess.STDOUT)
    try:
        watched = watch(proc, t0, n, work, port,
                        lambda i: sender.sendto(ncr(i, tag), ("127.0.0.1", port)),
                        lambda: dns.first, "UPDATE")
    finally:
        dns.close()
    if watched is None:
        return None
    result, main_bound, threads = watched
    top = sorted(threads.items(), key=lambda kv: -kv[1])[:6]
    print("start %d: bound %.0f ms (CPU %d, main %d), first UPDATE %.0f ms (CPU %d, main %d), "
          "RSS %.1f MiB; threads: %s" % (
              n, result[0], result[2], main_bound, result[1], result[3], result[4], result[5],
              ", ".join("%s %d" % kv for kv in top)), flush=True)
    return result


results = run_starts("UPDATE")
