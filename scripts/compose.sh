#!/usr/bin/env bash
# Runs docker-compose.yml (BIND, d2j-dhcp-ddns, d2j-dhcp4 and a dhclient) on a fresh Debian
# machine, and takes it all down again:
#
#   scripts/compose.sh up       packages, a Docker engine, the images, docker-compose up; then it
#                               waits until every service is healthy and shows the client's records
#   scripts/compose.sh down     docker-compose down -v, and stops the engine if this script started it
#   scripts/compose.sh build    only the images (base image included)
#   scripts/compose.sh engine   only makes sure an engine answers; prints its DOCKER_HOST
#   scripts/compose.sh dig NAME [TYPE]   asks the compose BIND (dig +short)
#   scripts/compose.sh it       runs dist's ComposeIT (CI runs it too): the package, its own
#                               engine, up, the checks, down
#   scripts/compose.sh check-network     exit 0 if the compose network (10.253.53.0/24) overlaps
#                               no address or route of this host; else says which, exit 3
#
# The engine: the one $DOCKER_HOST names if set (ignored with D2J_OWN_ENGINE=1); otherwise this
# script starts its own dockerd, on its own socket, exec root and data root (never the system's
# /var/run/docker.sock), without iptables, IP masquerading or the default bridge docker0:
#   socket    ${D2J_DOCKER_RUN:-/run/d2j-compose-docker}/docker.sock
#   data root ${D2J_DOCKER_DATA:-<repo>/target/docker}  (images stay there between runs)
#   storage   ${D2J_DOCKER_STORAGE:-overlay2, else vfs}: overlay2 where the kernel and the data
#             root's file system allow it (ext4, xfs; not overlayfs itself: there the data root
#             becomes an ext4 file system in the file <data root>.ext4, loop-mounted, unmounted
#             by down); when dockerd refuses overlay2 all the same, the script says why and
#             starts dockerd again with vfs (every layer a full copy of the root file system:
#             works anywhere, slower to build)
# The compose network is internal, and its bridge has no address on the host
# (com.docker.network.bridge.inhibit_ipv4): the host gains no address and no route.
#
# No image registry is needed: the base image comes from debootstrap
# (packaging/container/build-base.sh, cached as <repo>/target/deploy-cache/bookworm-minbase.tar),
# everything else from Debian packages (and Maven Central for the build stage). The images are
# built with BuildKit where the docker client has it (metadata steps then cost nothing), with the
# classic builder otherwise; the three images that install packages are built at the same time.
#
#   D2J_DEB=dist/target/d2j_..._all.deb   use a package already built instead of Maven in Docker
#   D2J_BASE_IMAGE=NAME                    the Debian base image (default d2j/debian:bookworm,
#                                          built here; any bookworm image with apt sources works)
#   D2J_COMPOSE_PROJECT=name               the compose project name (default d2j)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
run_dir=${D2J_DOCKER_RUN:-/run/d2j-compose-docker}
data_dir=${D2J_DOCKER_DATA:-$root/target/docker}
project=${D2J_COMPOSE_PROJECT:-d2j}
subnet=10.253.53.0/24
base_tar=$root/target/deploy-cache/bookworm-minbase.tar
export D2J_BASE_IMAGE=${D2J_BASE_IMAGE:-d2j/debian:bookworm}
export D2J_BIND_IMAGE=${D2J_BIND_IMAGE:-d2j/bind9:local}
export D2J_D2_IMAGE=${D2J_D2_IMAGE:-d2j/dhcp-ddns:local}
export D2J_DHCP4_IMAGE=${D2J_DHCP4_IMAGE:-d2j/dhcp4:local}
export D2J_CLIENT_IMAGE=${D2J_CLIENT_IMAGE:-d2j/dhclient:local}
export D2J_DEB=${D2J_DEB:-}

say() { echo "compose.sh: $*" >&2; }

install_packages() {
  local need=()
  command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
  command -v docker-compose >/dev/null 2>&1 || need+=(docker-compose)
  command -v debootstrap >/dev/null 2>&1 || [[ -x /usr/sbin/debootstrap ]] || need+=(debootstrap)
  ((${#need[@]} == 0)) && return 0
  if [[ "$(id -u)" != 0 ]]; then
    say "missing ${need[*]}: run as root, or: sudo apt-get install ${need[*]}"
    exit 1
  fi
  say "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq </dev/null
  apt-get install -y -qq --no-install-recommends "${need[@]}" </dev/null >/dev/null
  # The package may start the system's engine; this script does not use it unless it answers.
}

answers() { DOCKER_HOST=$1 timeout 10 docker version >/dev/null 2>&1; }

# Sets DOCKER_HOST to an engine that answers: the one DOCKER_HOST names if the caller set it (and
# not D2J_OWN_ENGINE=1), else this script's own, started if it does not answer yet. Never the
# system's default socket (/var/run/docker.sock): that engine and its images are not ours to use.
engine() {
  if [[ "${D2J_OWN_ENGINE:-0}" != 1 && -n "${DOCKER_HOST:-}" ]]; then
    answers "$DOCKER_HOST" && return 0
    say "DOCKER_HOST=$DOCKER_HOST does not answer (unset it to let this script start its own engine)"
    exit 1
  fi
  export DOCKER_HOST=unix://$run_dir/docker.sock
  if answers "$DOCKER_HOST"; then
    return 0
  fi
  if [[ "$(id -u)" != 0 ]]; then
    say "no Docker engine answers on $DOCKER_HOST, and starting one needs root"
    exit 1
  fi
  mkdir -p "$run_dir" "$data_dir"
  local driver=${D2J_DOCKER_STORAGE:-}
  if [[ -z "$driver" ]]; then
    # overlay2 cannot keep its layers on overlayfs (a checkout inside a container): then the data
    # root is an ext4 file system in a file next to it, loop-mounted.
    if [[ "$(findmnt -n -o FSTYPE -T "$data_dir" 2>/dev/null)" == overlay ]]; then
      mount_data_image || say "could not loop-mount an ext4 data root over the overlayfs $data_dir"
    fi
    start_dockerd overlay2 && return 0
    say "dockerd refused the overlay2 storage driver on $data_dir ($(findmnt -n -o FSTYPE -T "$data_dir" 2>/dev/null || echo '?')): $(grep -m1 -io 'error[^"]*overlay[^"]*\|driver not supported[^"]*\|backing file system[^"]*' "$run_dir/dockerd.log" || tail -1 "$run_dir/dockerd.log")"
    say "falling back to vfs (every layer a full copy of the root file system: builds are slower)"
    driver=vfs
  fi
  start_dockerd "$driver" && return 0
  say "dockerd did not answer within 60 s (or exited); its log:"
  tail -30 "$run_dir/dockerd.log" >&2
  stop_engine
  exit 1
}

# Mounts $data_dir.ext4 (made here, sparse, 32 GiB at most) on $data_dir; stop_engine unmounts
# it. The images stay in the file between runs, as they would in the directory.
mount_data_image() {
  local image=$data_dir.ext4
  [[ "$(findmnt -n -o FSTYPE --mountpoint "$data_dir" 2>/dev/null)" == ext4 ]] && return 0
  if [[ ! -s "$image" ]]; then
    truncate -s 32G "$image" && mkfs.ext4 -q -F -m 0 "$image" || { rm -f "$image"; return 1; }
  fi
  mount -o loop "$image" "$data_dir" || return 1
  echo "$data_dir" >"$run_dir/data-root.mount"
  say "data root: $image (ext4, loop-mounted on $data_dir)"
}

# Starts dockerd with storage driver $1; returns 1 if it exits or does not answer within 60 s
# (then it is stopped).
start_dockerd() {
  local driver=$1 pid mounts
  mounts=$(mounts_on "$data_dir")
  say "starting dockerd (socket $run_dir/docker.sock, data $data_dir, storage $driver)"
  # --exec-root keeps its containerd and state apart from any other engine on this machine;
  # --bridge=none: no docker0, the compose network is the only bridge.
  setsid dockerd --data-root "$data_dir" --exec-root "$run_dir/exec" \
    --pidfile "$run_dir/dockerd.pid" --storage-driver "$driver" \
    --iptables=false --ip-masq=false --bridge=none -H "$DOCKER_HOST" \
    >"$run_dir/dockerd.log" 2>&1 </dev/null &
  pid=$!
  for _ in $(seq 120); do
    answers "$DOCKER_HOST" && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  # A dockerd whose storage driver failed leaves the data root bind-mounted on itself.
  while (($(mounts_on "$data_dir") > mounts)) && umount "$data_dir"; do :; done
  return 1
}

# How many mounts are stacked on directory $1.
mounts_on() { awk -v dir="$1" '$5 == dir { n++ } END { print n + 0 }' /proc/self/mountinfo; }

stop_engine() {
  local pidfile=$run_dir/dockerd.pid pid
  if [[ -s "$pidfile" ]]; then
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
      say "stopping the dockerd this script started (pid $pid)"
      kill -TERM "$pid"
      for _ in $(seq 120); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
      done
    fi
    rm -f "$pidfile"
  fi
  # dockerd bind-mounts its network namespace under the exec root; one that exited without
  # unmounting it would leave the mount behind.
  if mountpoint -q "$run_dir/exec/netns/default" 2>/dev/null; then
    umount "$run_dir/exec/netns/default" || true
  fi
  # The loop-mounted data root, if engine() mounted one.
  if [[ -s "$run_dir/data-root.mount" ]]; then
    local mounted
    mounted=$(cat "$run_dir/data-root.mount")
    if mountpoint -q "$mounted"; then
      umount "$mounted" || say "could not unmount the data root $mounted"
    fi
    rm -f "$run_dir/data-root.mount"
  fi
}

compose() { docker-compose -p "$project" -f "$root/docker-compose.yml" "$@"; }

# A docker client that builds with BuildKit (every Dockerfile step but RUN and COPY is then free;
# the classic builder makes a container, a full copy under vfs, for each), else the classic one.
build_cli() {
  local cli
  for cli in docker /usr/bin/docker; do
    if command -v "$cli" >/dev/null && DOCKER_BUILDKIT=1 "$cli" build --help >/dev/null 2>&1; then
      echo "env DOCKER_BUILDKIT=1 $cli"
      return
    fi
  done
  echo "env DOCKER_BUILDKIT=0 docker"
}

# Builds the images: the base first, then bind9, dhclient and the d2j runtime at the same time
# (each mostly waits for apt's downloads and dpkg; the d2j one also for the JVM making the CDS
# archives), then the second d2j target, which reuses the first one's layers.
build_images() {
  packaging/container/build-base.sh --tar "$base_tar" --image "$D2J_BASE_IMAGE"
  local cli start=$SECONDS logs
  read -r -a cli <<<"$(build_cli)"
  local build=("${cli[@]}" build --network host --build-arg "BASE=$D2J_BASE_IMAGE")
  local d2j=(-f packaging/container/Dockerfile --build-arg "D2J_DEB=$D2J_DEB")
  logs=$(mktemp -d)
  local names=(bind9 dhclient d2j-dhcp-ddns) pids=() i failed=0
  "${build[@]}" -f packaging/container/bind9.Dockerfile -t "$D2J_BIND_IMAGE" packaging/container \
    >"$logs/bind9" 2>&1 &
  pids+=($!)
  "${build[@]}" -f packaging/container/dhclient.Dockerfile -t "$D2J_CLIENT_IMAGE" \
    packaging/container >"$logs/dhclient" 2>&1 &
  pids+=($!)
  "${build[@]}" "${d2j[@]}" --target d2j-dhcp-ddns -t "$D2J_D2_IMAGE" . >"$logs/d2j-dhcp-ddns" 2>&1 &
  pids+=($!)
  for i in "${!pids[@]}"; do
    if ! wait "${pids[$i]}"; then
      say "building ${names[$i]} failed:"
      tail -40 "$logs/${names[$i]}" >&2
      failed=1
    fi
  done
  if ((failed == 0)); then
    "${build[@]}" "${d2j[@]}" --target d2j-dhcp4 -t "$D2J_DHCP4_IMAGE" . >"$logs/d2j-dhcp4" 2>&1 || {
      say "building d2j-dhcp4 failed:"
      tail -40 "$logs/d2j-dhcp4" >&2
      failed=1
    }
  fi
  # BuildKit's steps with their times (the classic builder's steps without), for the record.
  for i in "${names[@]}" d2j-dhcp4; do
    [[ -s "$logs/$i" ]] || continue
    awk -v image="$i" '
      /^#[0-9]+ \[/ { n = $1; $1 = ""; step[n] = substr($0, 2, 70) }
      /^#[0-9]+ (DONE|CACHED)/ && ($1 in step) { print "  " image ": " step[$1] " " $2 " " $3; delete step[$1] }
      /^Step / { print "  " image ": " substr($0, 1, 80) }' "$logs/$i" >&2
  done
  rm -rf "$logs"
  ((failed == 0)) || exit 1
  say "images built in $((SECONDS - start)) s"
}

# Waits until every service with a health check is healthy (at most 10 minutes).
await_healthy() {
  local deadline=$((SECONDS + 600)) ids id state unhealthy
  while ((SECONDS < deadline)); do
    ids=$(compose ps -q)
    unhealthy=0
    for id in $ids; do
      state=$(docker inspect -f '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}' "$id")
      case "$state" in
        "running healthy" | "running ") ;;
        "running starting") unhealthy=1 ;;
        *)
          say "a container is $state:"
          docker inspect -f '{{.Name}}' "$id" >&2
          docker logs --tail 30 "$id" >&2 || true
          return 1
          ;;
      esac
    done
    # Four services, each started only once the one it depends on is healthy.
    [[ $(wc -w <<<"$ids") -ge 4 && $unhealthy == 0 ]] && return 0
    sleep 2
  done
  say "not every service became healthy within 10 minutes"
  compose ps >&2
  return 1
}

dig_bind() { compose exec -T bind dig +short @127.0.0.1 "$@"; }

ip2int() {
  local IFS=. a b c d
  read -r a b c d <<<"$1"
  echo $(((a << 24) | (b << 16) | (c << 8) | d))
}

# Do the prefixes A/m and B/n share an address?
overlap() {
  local a=${1%/*} m=${1#*/} b=${2%/*} n=${2#*/}
  [[ "$1" == */* ]] || m=32
  [[ "$2" == */* ]] || n=32
  local len=$((m < n ? m : n)) mask
  mask=$(((0xffffffff << (32 - len)) & 0xffffffff))
  (((($(ip2int "$a") & mask)) == (($(ip2int "$b") & mask))))
}

# The compose network must not share addresses with the host's own addresses or routes (other
# than the default route): a host on 192.0.2.0/24 (the test zones' network) taught us that a
# second network there takes the host's traffic.
check_network() {
  local prefix found=0
  while read -r prefix; do
    [[ -n "$prefix" ]] || continue
    if overlap "$prefix" "$subnet"; then
      say "this host's $prefix overlaps the compose network $subnet: not starting"
      found=1
    fi
  done < <(
    ip -4 -o addr show 2>/dev/null | awk '{print $4}'
    ip -4 route show table all 2>/dev/null | awk '$1 != "default" && $1 != "broadcast" && $1 != "local" {print $1} $1 == "local" || $1 == "broadcast" {print $2}'
  )
  return $((found ? 3 : 0))
}

case "${1:-}" in
  up)
    check_network || exit 3
    install_packages
    engine
    build_images
    compose up -d --no-build
    await_healthy
    say "every service is healthy; the client's records in BIND:"
    a=
    for _ in $(seq 60); do
      a=$(dig_bind d2j-client.example.org. A)
      [[ -n "$a" ]] && break
      sleep 1
    done
    echo "d2j-client.example.org. A     $a"
    [[ -n "$a" ]] && echo "reverse PTR                   $(dig_bind -x "$a")"
    echo "d2j-client.example.org. DHCID $(dig_bind d2j-client.example.org. DHCID)"
    say "DOCKER_HOST=$DOCKER_HOST docker-compose -p $project exec bind dig @127.0.0.1 NAME"
    [[ -n "$a" ]]
    ;;
  build)
    install_packages
    engine
    build_images
    ;;
  down)
    # Never starts an engine: with none answering there is nothing to take down.
    hosts=("unix://$run_dir/docker.sock")
    [[ "${D2J_OWN_ENGINE:-0}" != 1 && -n "${DOCKER_HOST:-}" ]] && hosts=("$DOCKER_HOST")
    for host in "${hosts[@]}"; do
      if [[ -n "$host" ]] && answers "$host"; then
        export DOCKER_HOST=$host
        compose down -v --remove-orphans
        break
      fi
    done
    stop_engine
    ;;
  engine)
    engine
    echo "$DOCKER_HOST"
    ;;
  dig)
    shift
    engine
    dig_bind "$@"
    ;;
  check-network)
    check_network
    ;;
  it)
    shift
    exec mvn -B -ntp -pl dist -am verify -Dd2j.compose=true -Dtest=none -Dit.test=ComposeIT \
      -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false "$@"
    ;;
  *)
    echo "usage: scripts/compose.sh up | down | build | engine | dig NAME [TYPE] | check-network | it" >&2
    exit 2
    ;;
esac
