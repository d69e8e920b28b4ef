#!/usr/bin/env python3
"""d2j-dhcp4's start-to-serving, one fresh server at a time (as scripts/d2-start-probe.py for the
D2, whose helpers it uses; scripts/d2-start-ab.py runs it interleaved with PROBE set to this file).

For each start: a configuration with one subnet for relayed clients (giaddr 127.0.0.1), memfile
in a temp directory, dhcp-socket-type udp, the server exec'd with -p PORT -P REPLY-PORT, and a
relayed DISCOVER sent every 5 ms from the exec on. Printed per start: exec -> server port bound
(/proc/net/udp), exec -> first OFFER at the reply port ("start-to-serving", as scripts/bench.sh
counts it), the process's CPU at each, the main thread's CPU, and VmRSS IDLE seconds later.

  scripts/dhcp4-start-probe.py [STARTS] [LABEL]
  env LAUNCH   the command to start (default: bin/d2j-dhcp4 of this checkout; kea-dhcp4 works
               too), -c FILE -p PORT -P PORT is appended
      IDLE     seconds between the first OFFER and the RSS reading (default 5)
      D2J_JAVA_OPTS, D2J_CDS, D2J_CDS_DIR are passed through
"""
import json, os, socket, subprocess, sys, tempfile, time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
d2_probe = os.path.join(here, "d2-start-probe.py")
helpers = open(d2_probe).read()
# The D2 probe's helpers (ports, /proc readings), not its start or its own run.
exec(compile(helpers[:helpers.index("def one(")], d2_probe, "exec"))
starts = int(sys.argv[1]) if len(sys.argv) > 1 else 3
label = sys.argv[2] if len(sys.argv) > 2 else "dhcp4"
idle = float(os.environ.get("IDLE", "5"))
launch = os.environ.get("LAUNCH", root + "/bin/d2j-dhcp4").split()


def discover(n):
    """A DHCPDISCOVER as a relay sends it: giaddr 127.0.0.1, hops 1, chaddr from n."""
    chaddr = bytes([0x02, 0x0d, 0x2f, (n >> 16) & 255, (n >> 8) & 255, n & 255]) + bytes(10)
    return (bytes([1, 1, 6, 1]) + (0x0d2f0000 + n).to_bytes(4, "big") + bytes(4) + bytes(12)
            + bytes([127, 0, 0, 1]) + chaddr + bytes(192) + bytes([99, 130, 83, 99])
            + bytes([53, 1, 1, 255]))


def offered(sock):
    """The time (ns) an answer is waiting on SOCK, else None."""
    try:
        sock.recv(1500)
        return time.monotonic_ns()
    except BlockingIOError:
        return None


def one(n):
    work = tempfile.mkdtemp(prefix="dhcp4-start-probe-")
    port = free_udp_port()
    reply = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    reply.bind(("127.0.0.1", 0))
    reply.setblocking(False)
    config = {"Dhcp4": {
        "interfaces-config": {"interfaces": ["lo"], "dhcp-socket-type": "udp"},
        "control-socket": {"socket-type": "unix", "socket-name": work + "/ctl.sock"},
        "lease-database": {"type": "memfile", "persist": True, "name": work + "/leases4.csv",
                           "lfc-interval": 0},
        "valid-lifetime": 4000,
        "subnet4": [{"id": 1, "subnet": "10.0.0.0/8", "relay": {"ip-addresses": ["127.0.0.1"]},
                     "pools": [{"pool": "10.0.0.10 - 10.3.255.200"}]}],
        "loggers": [{"name": "kea-dhcp4", "severity": "INFO",
                     "output_options": [{"output": work + "/dhcp4.log"}]}]}}
    with open(work + "/dhcp4.json", "w") as f:
        json.dump(config, f)
    env = dict(os.environ, D2J_STATE_DIR=work, KEA_LOCKFILE_DIR=work, KEA_PIDFILE_DIR=work)
    with open(work + "/stdout.log", "w") as out:
        t0 = time.monotonic_ns()
        proc = subprocess.Popen(
            launch + ["-c", work + "/dhcp4.json", "-p", str(port),
                      "-P", str(reply.getsockname()[1])],
            env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        watched = watch(proc, t0, n, work, port,
                        lambda i: reply.sendto(discover(i), ("127.0.0.1", port)),
                        lambda: offered(reply), "OFFER")
    finally:
        reply.close()
    if watched is None:
        return None
    result = watched[0]
    print("start %d: bound %.0f ms (CPU %d), first OFFER %.0f ms (CPU %d, main %d), RSS %.1f MiB"
          % (n, result[0], result[2], result[1], result[3], result[4], result[5]), flush=True)
    return result


if __name__ == "__main__":
    run_starts("OFFER")
