#!/usr/bin/env bash
# Runs docker-compose.yml (BIND, d2j-dhcp-ddns, d2j-dhcp4 and a dhclient) on a fresh Debian
# machine, and takes it all down again:
#
#   scripts/compose.sh up       packages, a Docker engine, the images, docker-compose up; then it
#                               waits until every service is healthy and shows the client's records
#   scripts/compose.sh down     docker-compose down -v, and stops the engine if this script started it
#   scripts/compose.sh engine   only makes sure an engine answers; prints its DOCKER_HOST
#   scripts/compose.sh dig NAME [TYPE]   asks the compose BIND
#
# The engine: $DOCKER_HOST or /var/run/docker.sock if one answers there; otherwise this script
# starts its own dockerd, on its own socket and data root (never the default socket), with the vfs
# storage driver, without iptables and without the default bridge docker0 (the compose network is
# its own internal bridge, removed by down):
#   socket    ${D2J_DOCKER_RUN:-/run/d2j-compose-docker}/docker.sock
#   data root ${D2J_DOCKER_DATA:-<repo>/target/docker}  (images stay there between runs)
# No image registry is needed: the base image comes from debootstrap
# (packaging/container/build-base.sh, cached as <repo>/target/deploy-cache/bookworm-minbase.tar),
# everything else from Debian packages (and Maven Central for the build stage).
#
#   D2J_DEB=dist/target/d2j_..._all.deb   use a package already built instead of Maven in Docker
#   D2J_COMPOSE_PROJECT=name               the compose project name (default d2j)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
run_dir=${D2J_DOCKER_RUN:-/run/d2j-compose-docker}
data_dir=${D2J_DOCKER_DATA:-$root/target/docker}
project=${D2J_COMPOSE_PROJECT:-d2j}
base_tar=$root/target/deploy-cache/bookworm-minbase.tar
base_image=${D2J_BASE_IMAGE:-d2j/debian:bookworm}
export D2J_DEB=${D2J_DEB:-}
export DOCKER_BUILDKIT=0 COMPOSE_DOCKER_CLI_BUILD=0

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

# Sets DOCKER_HOST to an engine that answers, starting ours if none does.
engine() {
  if [[ -n "${DOCKER_HOST:-}" ]] && answers "$DOCKER_HOST"; then
    return 0
  fi
  if answers unix:///var/run/docker.sock; then
    export DOCKER_HOST=unix:///var/run/docker.sock
    return 0
  fi
  export DOCKER_HOST=unix://$run_dir/docker.sock
  if answers "$DOCKER_HOST"; then
    return 0
  fi
  if [[ "$(id -u)" != 0 ]]; then
    say "no Docker engine answers, and starting one needs root"
    exit 1
  fi
  mkdir -p "$run_dir" "$data_dir"
  say "starting dockerd (socket $run_dir/docker.sock, data $data_dir)"
  # --exec-root keeps its containerd and state apart from any other engine on this machine.
  setsid dockerd --data-root "$data_dir" --exec-root "$run_dir/exec" --pidfile "$run_dir/dockerd.pid" \
    --storage-driver vfs --iptables=false --ip-masq=false --bridge=none -H "$DOCKER_HOST" \
    >"$run_dir/dockerd.log" 2>&1 </dev/null &
  for _ in $(seq 120); do
    answers "$DOCKER_HOST" && return 0
    sleep 0.5
  done
  say "dockerd did not answer within 60 s; its log:"
  tail -30 "$run_dir/dockerd.log" >&2
  exit 1
}

stop_engine() {
  local pidfile=$run_dir/dockerd.pid
  [[ -s "$pidfile" ]] || return 0
  local pid
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    say "stopping the dockerd this script started (pid $pid)"
    kill -TERM "$pid"
    for _ in $(seq 60); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
  fi
  rm -f "$pidfile"
}

compose() { docker-compose -p "$project" -f "$root/docker-compose.yml" "$@"; }

# Waits until every service with a health check is healthy (at most 10 minutes).
await_healthy() {
  local deadline=$((SECONDS + 600)) ids state unhealthy
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
    [[ -n "$ids" && $unhealthy == 0 ]] && return 0
    sleep 2
  done
  say "not every service became healthy within 10 minutes"
  compose ps >&2
  return 1
}

dig_bind() { compose exec -T bind dig +short @127.0.0.1 "$@"; }

# The compose network is 192.0.2.0/24 and Docker gives the host an address on its bridge (.254):
# on a host whose own network is in that range, the second route to it would take the host's
# traffic. Refuse rather than disturb the host.
refuse_overlap() {
  if ip -4 -o addr show 2>/dev/null | awk '{print $4}' | grep -q '^192\.0\.2\.' ||
    ip -4 route show 2>/dev/null | grep -qE '^192\.0\.2\.'; then
    say "this host already has an address or route in 192.0.2.0/24, the compose network; not starting"
    exit 1
  fi
}

case "${1:-}" in
  up)
    refuse_overlap
    install_packages
    engine
    packaging/container/build-base.sh --tar "$base_tar" --image "$base_image"
    start=$SECONDS
    compose build
    say "images built in $((SECONDS - start)) s"
    compose up -d
    await_healthy
    say "every service is healthy; the client's records in BIND:"
    for _ in $(seq 30); do
      a=$(dig_bind d2j-client.example.org. A)
      [[ -n "$a" ]] && break
      sleep 1
    done
    echo "d2j-client.example.org. A     $a"
    [[ -n "$a" ]] && echo "reverse PTR                   $(dig_bind -x "$a")"
    echo "d2j-client.example.org. DHCID $(dig_bind d2j-client.example.org. DHCID)"
    say "DOCKER_HOST=$DOCKER_HOST docker-compose -p $project exec bind dig @127.0.0.1 NAME"
    ;;
  down)
    # Never starts an engine: with none answering there is nothing to take down.
    for host in "${DOCKER_HOST:-}" "unix://$run_dir/docker.sock" unix:///var/run/docker.sock; do
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
  *)
    echo "usage: scripts/compose.sh up | down | engine | dig NAME [TYPE]" >&2
    exit 2
    ;;
esac
