#!/bin/bash
# account.sh: where lost DHCPv4 queries are lost, per perfdhcp step (docs/benchmarks.md, "Where the
# lost queries are lost"). Kernel UDP counters, the server's and perfdhcp's sockets, the server's pkt4
# statistics, per-thread CPU, context switches and run-queue wait, GC/safepoint log (d2j).
here=$(cd "$(dirname "$0")" && pwd)
# env IMPL=d2j (ROOT=built checkout) | IMPL=kea; PROFDIR; AG; usage: account.sh "RATES" SECONDS [java opts]
# then: python3 analyze.py $PROFDIR. With AG run it as `setsid -w account.sh ...` so that the
# autogroup holds only its own processes.
D=${PROFDIR:-/tmp/mtp3}; mkdir -p $D; sed "s#/tmp/nmt#$D#g" "$here/dhcp4.json" > $D/dhcp4.json; cd $D
rm -f leases.csv* ctl.sock dhcp4.log gc.log samples.txt steps.txt probe.txt perf.*
export PATH=$PATH:/usr/sbin
IMPL=${IMPL:-d2j}
# AG=-10: this session's autogroup (only this script's processes) at nice -10 against the other sessions' groups
if [ -n "$AG" ]; then echo $AG > /proc/self/autogroup; trap 'echo 0 > /proc/self/autogroup' EXIT; fi
if [ "$IMPL" = kea ]; then
  KEA_PIDFILE_DIR=$D KEA_LOCKFILE_DIR=$D nice -n ${NICE:-0} kea-dhcp4 -c dhcp4.json -p 16767 -P 16768 > out.log 2>&1 &
  pid=$!
else
  DEF="-XX:+UseSerialGC -Xms16m -Xmx512m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:TieredStopAtLevel=1"
  export D2J_JAVA_OPTS="${3:-$DEF} -Xlog:gc,safepoint:file=$D/gc.log:time,uptime -Dd2j.probe=$D/probe.txt"
  nice -n ${NICE:-0} ${ROOT:?}/bin/d2j-dhcp4 -c dhcp4.json -p 16767 -P 16768 > out.log 2>&1 &
  pid=$!
fi
for i in $(seq 100); do [ -S ctl.sock ] && break; sleep 0.1; done
sleep 1
jpid=$(pgrep -f "dhcp4.json -p 16767" | tail -1); [ "$IMPL" = kea ] && jpid=$pid
echo "impl $IMPL pid $jpid load $(cut -d' ' -f1-3 /proc/loadavg)"
# socket buffer as granted
grep -i ":417F " /proc/net/udp | head -2
ss -uamn 'sport = :16767' | tail -n +2 | tr -s ' ' | head -3
python3 "$here/sampler.py" $jpid $D/ctl.sock > samples.txt 2>sampler.err &
spid=$!
snap() { for t in /proc/$jpid/task/*; do [ -e $t/schedstat ] || continue; n=$(cat $t/comm 2>/dev/null | sed 's/-[0-9]*$//'); s=($(sed 's/.*) //' $t/stat)); ss=($(cat $t/schedstat)); v=$(awk '/^voluntary/{print $2}' $t/status); nv=$(awk '/^nonvoluntary/{print $2}' $t/status); echo "$n $(( ${s[11]} * 10 )) $(( ${s[12]} * 10 )) $v $nv $(( ${ss[1]} / 1000000 ))"; done 2>/dev/null | awk 'NF==6 {u[$1]+=$2; s[$1]+=$3; v[$1]+=$4; n[$1]+=$5; w[$1]+=$6} END {for (k in u) print k, u[k], s[k], v[k], n[k], w[k]}' | sort; }
stats() { echo '{"command":"statistic-get-all"}' | socat -t 5 - UNIX-CONNECT:ctl.sock | python3 -c 'import json,sys; d=json.load(sys.stdin)["arguments"]; [print(k, v[0][0]) for k,v in sorted(d.items()) if k.startswith("pkt4")]'; }
udp() { awk '$1=="Udp:" && $2 ~ /^[0-9]/ {print "snmp InDatagrams", $2; print "snmp InErrors", $4; print "snmp OutDatagrams", $5; print "snmp RcvbufErrors", $6; print "snmp SndbufErrors", $7}' /proc/net/snmp; awk '$2 ~ /:417F$/ {print "srvsock drops", $NF} $2 ~ /:4180$/ {print "perfsock drops", $NF}' /proc/net/udp; }
nice -n ${NICE:-0} perfdhcp -4 -r 1000 -p 3 -R 200000 -W 1000000 -l 127.0.0.1 -L 16768 -N 16767 127.0.0.1 >/dev/null
for r in $1; do
  snap > s0; stats > st0; udp > u0
  echo "step $r start $(date +%s.%N)" >> steps.txt
  /usr/bin/time -f "perfdhcp cpu %U+%S s" nice -n ${NICE:-0} perfdhcp -4 -r $r -p $2 -R 200000 -W 1000000 -l 127.0.0.1 -L 16768 -N 16767 127.0.0.1 > perf.$r 2>&1
  echo "step $r end $(date +%s.%N)" >> steps.txt
  snap > s1; stats > st1; udp > u1
  echo "== rate $r load $(cut -d' ' -f1-3 /proc/loadavg)"
  grep -E "Rate:|perfdhcp cpu" perf.$r
  awk '/Statistics for:/{x=$3} /sent packets|received packets|drops:|orphans|collected/{printf "   %s %s\n", x, $0}' perf.$r
  echo "-- thread user-ms sys-ms vol-cs invol-cs rq-wait-ms"; join s0 s1 | awk '{d=$7-$2+$8-$3; if (d>0) print "   ", $1, $7-$2, $8-$3, $9-$4, $10-$5, $11-$6}'
  echo "-- counters (delta)"; join <(sed 's/ /_/' u0) <(sed 's/ /_/' u1) | awk '{print "   ", $1, $3-$2}'
  join st0 st1 | awk '$3-$2 {print "   ", $1, $3-$2}'
done
kill $spid; kill $pid; wait $pid 2>/dev/null
if [ -s gc.log ]; then echo "-- gc pauses (all run)"; grep -E "Pause" gc.log | awk '{ms=$NF; sub("ms","",ms); n++; t+=ms; if (ms>3) b++} END {print "   pauses", n, "total ms", t, ">3ms", b}'; fi
