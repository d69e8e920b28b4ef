import sys, time, socket, json
pid, ctl = sys.argv[1], sys.argv[2]
def q():
    s = socket.socket(socket.AF_UNIX); s.settimeout(2); s.connect(ctl)
    s.sendall(b'{"command":"statistic-get","arguments":{"name":"pkt4-receive-drop"}}')
    buf = b''
    while True:
        c = s.recv(65536)
        if not c: break
        buf += c
        try:
            d = json.loads(buf); break
        except ValueError: pass
    s.close()
    a = d.get("arguments", {}).get("pkt4-receive-drop")
    return a[0][0] if a else 0
n = 0
while True:
    t = time.time()
    rq = dr = pq = pd = -1
    with open("/proc/net/udp") as f:
        for line in f:
            p = line.split()
            if p[1].endswith(":417F"): rq = int(p[4].split(":")[1], 16); dr = int(p[-1])
            elif p[1].endswith(":4180"): pq = int(p[4].split(":")[1], 16); pd = int(p[-1])
    qd = ""
    if n % 10 == 0:
        try: qd = q()
        except Exception as e: qd = "err"
    print("%.3f %d %d %d %d %s" % (t, rq, dr, pq, pd, qd), flush=True)
    n += 1
    time.sleep(0.01)
