#!/usr/bin/env bash
# The compose stack for real, on a machine without registry access:
#   smoke.sh up     install docker.io/docker-compose/debootstrap if missing, start dockerd if none runs
#                   (--iptables=false), build local images (debootstrap -> docker import; host .NET runtime;
#                   host-side dotnet publish), bring the stack up and wait until a search reaches all five peers
#   smoke.sh check  search from peer1 reaches peer1-4 and the hub; download over a published gRPC port and
#                   verify SHA-256; the hub (two silos behind two gateways): a file and a search through its
#                   gateways, one silo killed (the hub answers on), one gateway killed (peers reach the hub
#                   through the other), both silos killed (503 + Retry-After, then the same gateway answers again)
#   smoke.sh down   remove the stack; stop the daemon only if `up` started it
# STATE_DIR (default .run/smoke) keeps the daemon's pid, logs and build staging.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
state="${STATE_DIR:-$root/.run/smoke}"
compose_file="$root/deploy/docker/docker-compose.yml"
project=p2psmoke
mirror="${DEBIAN_MIRROR:-$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n1)}"
mirror="${mirror:-http://deb.debian.org/debian}"
export P2P_IMAGE=orleans-p2p:local REDIS_IMAGE=p2p-base:local PROMETHEUS_IMAGE=p2p-prometheus:local
published_ports=(8001 8002 8003 8004 8005 8006 50051 50052 50053 50054 50055 50056 9090)

# shellcheck source=../lib.sh
source "$root/deploy/lib.sh"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi; }
compose() { P2P_HOST_IP="$(host_ip)" docker-compose -p "$project" -f "$compose_file" "$@"; }

install_missing() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v docker-compose >/dev/null || missing+=(docker-compose)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  command -v prometheus >/dev/null || missing+=(prometheus)
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$state/apt.log"
}

start_daemon() {
  if docker info >/dev/null 2>&1; then log "using the running docker daemon"; return 0; fi
  log "starting dockerd (--iptables=false)"
  if [ "$(id -u)" -eq 0 ]; then dockerd --iptables=false >"$state/dockerd.log" 2>&1 &
  else sudo -n dockerd --iptables=false >"$state/dockerd.log" 2>&1 & fi
  echo $! >"$state/dockerd.pid"
  poll 60 "dockerd answers" docker info
}

build_images() {
  if ! docker image inspect p2p-base:local >/dev/null 2>&1; then
    log "debootstrap bookworm from $mirror"
    local rootfs="$state/rootfs"
    as_root rm -rf "$rootfs"
    as_root debootstrap --variant=minbase --include=ca-certificates,libicu72,libssl3,zlib1g,redis-server \
      bookworm "$rootfs" "$mirror" >"$state/debootstrap.log" 2>&1
    as_root rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    as_root tar -C "$rootfs" -c . | docker import -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - p2p-base:local
    as_root rm -rf "$rootfs"
  fi
  if ! docker image inspect p2p-runtime:local >/dev/null 2>&1; then
    log "runtime image from the host's .NET runtime"
    local dotnet_root stage="$state/runtime"
    dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
    rm -rf "$stage" && mkdir -p "$stage/dotnet/shared"
    cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$stage/dotnet/"
    cp -a "$dotnet_root/shared/Microsoft.NETCore.App" "$dotnet_root/shared/Microsoft.AspNetCore.App" "$stage/dotnet/shared/"
    docker build -q -f "$root/deploy/docker/offline/runtime.Dockerfile" -t p2p-runtime:local "$stage"
  fi
  if ! docker image inspect "$PROMETHEUS_IMAGE" >/dev/null 2>&1; then
    log "prometheus image from the host's prometheus binary"
    local stage="$state/prometheus"
    rm -rf "$stage" && mkdir -p "$stage"
    cp "$(command -v prometheus)" "$stage/prometheus"
    docker build -q -f "$root/deploy/docker/offline/prometheus.Dockerfile" -t "$PROMETHEUS_IMAGE" "$stage"
  fi
  dotnet build "$root/src/Cli/Cli.csproj" -c Release -nologo -v quiet >"$state/cli-build.log" # check's downloader
  log "app image from a host-side dotnet publish"
  local app="$state/app"
  rm -rf "$app" && mkdir -p "$app"
  dotnet publish "$root/src/Silo/Silo.csproj" -c Release -o "$app/app" -nologo -v quiet -p:UseAppHost=false >"$state/publish.log"
  cp "$root/deploy/docker/peer.json" "$root/deploy/docker/healthcheck.sh" "$app/"
  docker build -q -f "$root/deploy/docker/offline/Dockerfile" -t "$P2P_IMAGE" "$app"
}

# The address the stack publishes on: 127.0.0.1, unless something else (a local network.sh) holds those
# ports there; then 127.0.0.2 (any 127/8 address is loopback). P2P_HOST_IP forces a choice.
choose_host_ip() {
  local ip="${P2P_HOST_IP:-127.0.0.1}" port
  for port in "${published_ports[@]}"; do
    if ss -Hltn "src $ip:$port" | grep -q .; then
      [ -n "${P2P_HOST_IP:-}" ] && { echo "$ip:$port is taken; choose another P2P_HOST_IP" >&2; exit 1; }
      log "$ip:$port is taken by another process; publishing on 127.0.0.2 instead" >&2
      ip=127.0.0.2
      break
    fi
  done
  echo "$ip" >"$state/host_ip"
}

host_ip() { cat "$state/host_ip" 2>/dev/null || echo 127.0.0.1; }

healthy() { curl -fsS -m 2 "http://$(host_ip):$1/health" | grep -q '"status":"ok"'; }

# The peers a search from peer1 reaches (names with hits), one per line, sorted.
search_peers() {
  curl -fsS -m 20 "http://$(host_ip):8001/search?query=*&ttl=3&cache=false" |
    python3 -c 'import json,sys; print("\n".join(sorted({r["peer"] for r in json.load(sys.stdin)["results"]})))'
}

reaches_all() { [ "$(search_peers | tr '\n' ' ')" = "hub peer1 peer2 peer3 peer4 " ]; }

up() {
  mkdir -p "$state"
  install_missing
  start_daemon
  build_images
  choose_host_ip
  log "compose up (published on $(host_ip))"
  compose up -d --no-build
  for port in 8001 8002 8003 8004 8005 8006; do poll 120 "$(host_ip):$port answers /health" healthy "$port"; done
  poll 120 "a search from peer1 reaches all five peers" reaches_all
  # The monitoring profile's Prometheus (Grafana has no Debian package, so it is not started here).
  compose up -d --no-build prometheus
  poll 120 "Prometheus scrapes all eight processes" all_targets_up
}

# Every scrape target in deploy/prometheus/prometheus.yml is up (peer1-4, hub-a, hub-b, hub-gateway-a, hub-gateway-b).
all_targets_up() {
  curl -fsS -m 5 "http://$(host_ip):9090/api/v1/query?query=up" |
    python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; sys.exit(0 if len(r) == 8 and all(x["value"][1] == "1" for x in r) else 1)'
}

# The hub's file list through the gateway published on port $1.
hub_files() { curl -fsS -m 5 "http://$(host_ip):$1/files" | grep -q hub-readme.txt; }

# The gateway on port $1 answers 503 with a Retry-After header (no silo of the hub is up). It may take a few
# seconds: the dead silos' addresses are gone with their containers, so connecting there fails by timing out.
hub_unavailable() {
  local headers
  headers="$(curl -sS -m 15 -o /dev/null -D - "http://$(host_ip):$1/files")" || return 1
  grep -q '^HTTP/[0-9.]* 503' <<<"$headers" && grep -qi '^retry-after: *[0-9]' <<<"$headers"
}

check() {
  log "search from peer1: $(search_peers | tr '\n' ' ')"
  reaches_all || { echo "the search did not reach peer1-4 and the hub" >&2; exit 1; }
  poll 30 "Prometheus has p2p_searches_total from the peers" bash -c \
    "curl -fsS -m 5 'http://$(host_ip):9090/api/v1/query?query=p2p_searches_total' | grep -q '\"job\":\"p2p\"'"

  local out="$state/download" name=readme-peer4.txt
  rm -rf "$out" && mkdir -p "$out"
  dotnet "$root/src/Cli/bin/Release/net10.0/p2p.dll" download "$name" --from "$(host_ip):50054" --out "$out"
  local expected actual
  expected="$(sha256sum "$root/samples/peer4/$name" | cut -d' ' -f1)"
  actual="$(sha256sum "$out/$name" | cut -d' ' -f1)"
  [ "$expected" = "$actual" ] || { echo "SHA-256 mismatch: $actual, expected $expected" >&2; exit 1; }
  log "downloaded $name over gRPC $(host_ip):50054, SHA-256 $actual verified"

  for port in 8005 8006; do poll 30 "the hub lists its files through the gateway on $port" hub_files "$port"; done
  dotnet "$root/src/Cli/bin/Release/net10.0/p2p.dll" download hub-readme.txt --from "$(host_ip):50056" --out "$out"
  cmp -s "$root/samples/hub/hub-readme.txt" "$out/hub-readme.txt" || { echo "hub-readme.txt differs" >&2; exit 1; }
  log "downloaded hub-readme.txt through the hub's gateway on gRPC $(host_ip):50056"

  log "killing hub silo hub-a"
  compose kill hub-a
  for port in 8005 8006; do poll 60 "the hub answers /files through the gateway on $port" hub_files "$port"; done
  poll 60 "a search from peer1 still reaches the hub" reaches_all
  compose start hub-a

  log "killing hub gateway hub-gateway-a"
  compose kill hub-gateway-a
  poll 60 "a search from peer1 reaches the hub through hub-gateway-b" reaches_all
  compose start hub-gateway-a
  poll 60 "hub-gateway-a answers again" hub_files 8005

  log "killing both hub silos"
  local gateway started
  gateway="$(compose ps -q hub-gateway-b)"
  started="$(docker inspect -f '{{.State.StartedAt}}' "$gateway")"
  compose kill hub-a hub-b
  poll 60 "the gateway on 8006 answers 503 with Retry-After" hub_unavailable 8006
  compose start hub-a hub-b
  poll 120 "the same gateway answers again" hub_files 8006
  [ "$(docker inspect -f '{{.State.StartedAt}}' "$gateway")" = "$started" ] ||
    { echo "hub-gateway-b was restarted; it should have recovered by itself" >&2; exit 1; }
  log "hub-gateway-b recovered without a restart (running since $started)"
  poll 120 "a search from peer1 reaches the hub again" reaches_all
  log "check passed"
}

down() {
  if docker info >/dev/null 2>&1; then
    log "compose down"
    compose --profile monitoring down -v --remove-orphans
  fi
  if [ -f "$state/dockerd.pid" ]; then
    local pid; pid="$(cat "$state/dockerd.pid")"
    log "stopping the dockerd that up started (pid $pid)"
    as_root kill "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + 30))
    while as_root kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 1; done
    rm -f "$state/dockerd.pid"
  fi
}

case "${1:-}" in
  up) up ;;
  check) check ;;
  down) down ;;
  *) echo "usage: $0 up|check|down" >&2; exit 2 ;;
esac
