#!/usr/bin/env bash
# The EC2 layout on this machine, with Linux network namespaces (run as root):
#   p2p-switch         a namespace holding only the bridge br0 (the "VPC subnet")
#   p2p-host1..4       one "instance" each: eth0 = 10.77.0.11..14/24 on that bridge, the same ports
#                      8001/50051/9001 everywhere, one silo from the published build, its config
#                      written by user-data.sh's write_peer_config (sourced, not copied)
#   simulate.sh up     publish, build the namespaces, start the four peers, wait for health
#   simulate.sh check  from host1: a search finds host4's files; download one over gRPC (p2p CLI), verify SHA-256;
#                      an unsigned call is refused
#                      Like the EC2 templates, the peers share a network key ($state/network.key, made by up),
#                      are private and may only call 10.77.0.0/24.
#   simulate.sh down   stop exactly the peers `up` started and delete the namespaces
# The 10.77.0.x addresses are reached only from inside the namespaces (ip netns exec).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
state="${STATE_DIR:-$root/.run/ec2-sim}"
hosts=(1 2 3 4)
switch=p2p-switch

P2P_USER_DATA_LIBRARY=1
P2P_ALLOWED_CIDRS=10.77.0.0/24
P2P_PRIVATE=true
# shellcheck source=user-data.sh
source "$root/deploy/ec2/user-data.sh"

# shellcheck source=../lib.sh
source "$root/deploy/lib.sh"

ns() { echo "p2p-host$1"; }
ip_of() { echo "10.77.0.1$1"; }
in_host() { local h="$1"; shift; ip netns exec "$(ns "$h")" "$@"; }

make_network() {
  ip netns add "$switch"
  ip -n "$switch" link add br0 type bridge
  ip -n "$switch" link set br0 up
  ip -n "$switch" link set lo up
  local h
  for h in "${hosts[@]}"; do
    ip netns add "$(ns "$h")"
    ip link add "p2p-h$h" type veth peer name "p2p-s$h"
    ip link set "p2p-h$h" netns "$(ns "$h")"
    ip link set "p2p-s$h" netns "$switch"
    ip -n "$switch" link set "p2p-s$h" master br0 up
    ip -n "$(ns "$h")" link set "p2p-h$h" name eth0
    ip -n "$(ns "$h")" addr add "$(ip_of "$h")/24" dev eth0
    ip -n "$(ns "$h")" link set eth0 up
    ip -n "$(ns "$h")" link set lo up
  done
}

# Friends as Terraform gives them: the next two hosts in a ring.
friends_of() { echo "$(ip_of $(( $1 % 4 + 1 ))) $(ip_of $(( ($1 + 1) % 4 + 1 )))"; }

healthy() { in_host "$1" curl -fsS -m 2 "http://$(ip_of "$1"):8001/health"; }

up() {
  [ "$(id -u)" -eq 0 ] || { echo "simulate.sh needs root (ip netns)" >&2; exit 1; }
  ip netns list | grep -q "^$switch" && { echo "already up (run down first)" >&2; exit 1; }
  mkdir -p "$state"
  log "publishing the peer"
  dotnet publish "$root/src/Silo/Silo.csproj" -c Release -o "$state/app" -nologo -v quiet -p:UseAppHost=false >"$state/publish.log"
  dotnet build "$root/src/Cli/Cli.csproj" -c Release -nologo -v quiet >"$state/cli-build.log" # check's downloader
  make_network
  (umask 077 && python3 -c 'import secrets; print(secrets.token_hex(32))' >"$state/network.key")
  P2P_NETWORK_KEY="$(cat "$state/network.key")"
  local h
  for h in "${hosts[@]}"; do
    local dir="$state/host$h"
    rm -rf "$dir"
    write_peer_config "peer$h" "$(ip_of "$h")" "$(friends_of "$h")" "$dir/shared" "$dir/data" "$dir/peer.json"
    write_key_env "$dir/peer.env"
    cp "$root/samples/peer$h/"* "$dir/shared/"
    ip netns exec "$(ns "$h")" bash -c 'set -a; . "$1"; . "$2"; exec dotnet "$3" --config "$4"' _ \
      "$state/app/peer-runtime.env" "$dir/peer.env" "$state/app/Silo.dll" "$dir/peer.json" >"$dir/peer.log" 2>&1 &
    echo $! >"$dir/peer.pid"
    log "started peer$h in $(ns "$h") at http://$(ip_of "$h"):8001 (pid $!)"
  done
  for h in "${hosts[@]}"; do poll 90 "peer$h answers /health" healthy "$h"; done
}

# signature_headers METHOD PATH_AND_QUERY: curl -H arguments signing a body-less call (ARCHITECTURE.md, "Peer-call signing").
signature_headers() {
  python3 - "$1" "$2" "$state/network.key" <<'PY'
import hashlib, hmac, secrets, sys, time
method, path, key_file = sys.argv[1:]
key = open(key_file).read().strip().encode()
stamp, nonce = str(int(time.time())), secrets.token_hex(16)
canonical = "\n".join([method, path, stamp, nonce, hashlib.sha256(b"").hexdigest()])
signature = hmac.new(key, canonical.encode(), hashlib.sha256).hexdigest()
print(f"-HX-P2P-Timestamp: {stamp}\n-HX-P2P-Nonce: {nonce}\n-HX-P2P-Signature: {signature}")
PY
}

search_finds_host4() {
  local path='/search?query=*&ttl=3&cache=false' headers
  mapfile -t headers < <(signature_headers GET "$path")
  in_host 1 curl -fsS -m 20 "${headers[@]}" "http://$(ip_of 1):8001$path" |
    python3 -c 'import json,sys; sys.exit(0 if any(r["peer"] == "peer4" and r["files"] for r in json.load(sys.stdin)["results"]) else 1)'
}

check() {
  poll 60 "a search from host1 finds host4's files" search_finds_host4
  local name=readme-peer4.txt out="$state/download"
  rm -rf "$out" && mkdir -p "$out"
  in_host 1 env P2P_NETWORK_KEY="$(cat "$state/network.key")" \
    dotnet "$root/src/Cli/bin/Release/net10.0/p2p.dll" download "$name" --from "$(ip_of 4):50051" --out "$out"
  local expected actual
  expected="$(sha256sum "$root/samples/peer4/$name" | cut -d' ' -f1)"
  actual="$(sha256sum "$out/$name" | cut -d' ' -f1)"
  [ "$expected" = "$actual" ] || { echo "SHA-256 mismatch: $actual, expected $expected" >&2; exit 1; }
  log "host1 downloaded $name from host4 over gRPC, SHA-256 $actual verified"
  local code
  code="$(in_host 1 curl -sS -o /dev/null -w '%{http_code}' -m 5 "http://$(ip_of 4):8001/files")"
  [ "$code" = 401 ] || { echo "an unsigned GET /files on the private peer4 answered $code, not 401" >&2; exit 1; }
  log "an unsigned call to peer4 is refused (401)"
  if curl -fsS -m 2 "http://$(ip_of 4):8001/health" >/dev/null 2>&1; then
    echo "10.77.0.14 answered from the root namespace: the simulation leaks" >&2; exit 1
  fi
  log "10.77.0.14 is not reachable from the root namespace"
  log "check passed"
}

down() {
  local h pid
  for h in "${hosts[@]}"; do
    if [ -f "$state/host$h/peer.pid" ]; then
      pid="$(cat "$state/host$h/peer.pid")"
      if kill "$pid" 2>/dev/null; then
        poll 30 "peer$h stopped (pid $pid)" bash -c "! kill -0 $pid"
      fi
      rm -f "$state/host$h/peer.pid"
    fi
    ip netns del "$(ns "$h")" 2>/dev/null || true
  done
  ip netns del "$switch" 2>/dev/null || true
  log "namespaces removed"
}

case "${1:-}" in
  up) up ;;
  check) check ;;
  down) down ;;
  *) echo "usage: $0 up|check|down" >&2; exit 2 ;;
esac
