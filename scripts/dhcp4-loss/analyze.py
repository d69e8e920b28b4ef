import sys, re, datetime
D = sys.argv[1]
steps = {}
for l in open(D + "/steps.txt"):
    _, r, what, t = l.split(); steps.setdefault(r, {})[what] = float(t)
samples = []
for l in open(D + "/samples.txt"):
    p = l.split()
    if len(p) < 5: continue
    samples.append((float(p[0]), int(p[1]), int(p[2]), int(p[3]), int(p[4]), p[5] if len(p) > 5 else None))
pauses = []  # (end wall time, ms)
try:
    for l in open(D + "/gc.log"):
        m = re.match(r"\[(\S+)\]\[\S+\].*Pause.* ([0-9.]+)ms$", l.strip())
        if not m: 
            m = re.match(r"\[(\S+)\]\[\S+\] Safepoint.*Total: ([0-9]+) ns", l.strip())
            if not m: continue
            ms = float(m.group(2)) / 1e6; kind = "sp"
        else:
            ms = float(m.group(2)); kind = "gc"
        t = datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S.%f%z").timestamp()
        pauses.append((t, ms, kind))
except FileNotFoundError:
    pass
for r, se in steps.items():
    a, b = se["start"], se["end"]
    ss = [s for s in samples if a <= s[0] <= b]
    if not ss: continue
    pd = max(s[4] for s in ss); rqmax = max(s[1] for s in ss); pqmax = max(s[3] for s in ss)
    srvd = ss[-1][2] - ss[0][2]
    # queue drops per ~100 ms window
    q = [(s[0], int(s[5])) for s in ss if s[5] not in (None, "err")]
    stops = [p for p in pauses if p[2] == "sp" and a <= p[0] <= b]
    win = {"none": [0, 0], "max<1ms": [0, 0], "1-3ms": [0, 0], ">3ms": [0, 0]}
    tot = 0
    for (t0, d0), (t1, d1) in zip(q, q[1:]):
        ps = [p[1] for p in stops if t0 - 0.005 <= p[0] <= t1]
        mx = max(ps) if ps else 0
        k = "none" if not ps else ("max<1ms" if mx < 1 else ("1-3ms" if mx <= 3 else ">3ms"))
        win[k][0] += 1; win[k][1] += d1 - d0; tot += d1 - d0
    print("step %s: %.1f s, perfdhcp socket drops %d (max rx_queue %d B), server socket drops %d (max rx_queue %d B), safepoint stops %d (%.0f ms, >3ms: %d)" % (
        r, b - a, pd, pqmax, srvd, rqmax, len(stops), sum(p[1] for p in stops), sum(1 for p in stops if p[1] > 3)))
    print("   queue drops in sampled windows: %d; by the longest stop in the window: %s" % (tot, ", ".join("%s: %d windows %d drops" % (k, v[0], v[1]) for k, v in win.items())))
