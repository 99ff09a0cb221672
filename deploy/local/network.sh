#!/usr/bin/env bash
# Starts, stops and inspects the four-peer local network (configs/peer1..4.json) on 127.0.0.1.
#   network.sh up      build once, start the four peers in the background, wait for health, show them working
#   network.sh status  which of our peers run and what /health says
#   network.sh down    stop exactly the peers that `up` started (pids under the run dir)
# RUN_DIR (default .run/network) holds pids and logs; CONFIGURATION (default Release) picks the build.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
run_dir="${RUN_DIR:-$root/.run/network}"
configuration="${CONFIGURATION:-Release}"
silo_dll="$root/src/Silo/bin/$configuration/net10.0/Silo.dll"
peers=(1 2 3 4)

rest_url() { echo "http://127.0.0.1:$((8000 + $1))"; }

running() { [ -f "$run_dir/peer$1.pid" ] && kill -0 "$(cat "$run_dir/peer$1.pid")" 2>/dev/null; }

wait_healthy() {
  local url; url="$(rest_url "$1")"
  for _ in $(seq 1 120); do
    if curl -fsS -m 2 "$url/health" >/dev/null 2>&1; then return 0; fi
    running "$1" || { echo "peer$1 exited; last log lines:" >&2; tail -n 20 "$run_dir/peer$1.log" >&2; return 1; }
    sleep 0.5
  done
  echo "peer$1 did not become healthy in 60 s (log: $run_dir/peer$1.log)" >&2
  return 1
}

up() {
  mkdir -p "$run_dir"
  for i in "${peers[@]}"; do
    if running "$i"; then echo "peer$i already running (pid $(cat "$run_dir/peer$i.pid"))" >&2; exit 1; fi
  done
  echo "building the peer ($configuration)..."
  dotnet build "$root/src/Silo/Silo.csproj" -c "$configuration" -v quiet -nologo >"$run_dir/build.log" 2>&1 \
    || { tail -n 30 "$run_dir/build.log" >&2; exit 1; }
  for i in "${peers[@]}"; do
    # The runtime settings every peer process gets (src/Silo/peer-runtime.env, copied next to Silo.dll).
    (set -a && . "$(dirname "$silo_dll")/peer-runtime.env" && set +a && exec nohup dotnet "$silo_dll" --config "$root/configs/peer$i.json") \
      >"$run_dir/peer$i.log" 2>&1 &
    echo $! >"$run_dir/peer$i.pid"
    echo "started peer$i (pid $!) on $(rest_url "$i")"
  done
  for i in "${peers[@]}"; do
    wait_healthy "$i" || { echo "stopping the peers that did start" >&2; down; exit 1; }
  done
  show
}

show() {
  echo
  for i in "${peers[@]}"; do
    local url; url="$(rest_url "$i")"
    echo "== peer$i  $url"
    echo "   /health  $(curl -fsS -m 2 "$url/health")"
    curl -fsS -m 5 "$url/files" | python3 -c '
import json, sys
for f in json.load(sys.stdin)["files"]:
    print("   /files   %-20s %9d B  sha256 %s…" % (f["name"], f["size"], f["checksum"][:16]))'
    echo "   /metrics $(curl -fsS -m 2 "http://127.0.0.1:$((9000 + i))/metrics" | grep -c '^p2p_') p2p series on :$((9000 + i))"
  done
  # Read the whole document first: `grep -q` stops at the first match, and with pipefail the curl it cut off fails the test.
  local openapi; openapi="$(curl -fsS -m 2 "$(rest_url 1)/openapi/v1.json" || true)"
  if [[ "$openapi" == *'"/search"'* ]]; then
    echo
    echo "== search '*' from peer1 (ttl 3)"
    curl -fsS -m 10 "$(rest_url 1)/search?query=*&ttl=3" | python3 -c '
import json, sys
r = json.load(sys.stdin)
print("   complete=%s peers_reached=%s elapsed_ms=%s" % (r["complete"], r["peers_reached"], r["elapsed_ms"]))
for hit in r["results"]:
    print("   %-6s %s" % (hit["peer"], ", ".join(f["name"] for f in hit["files"])))'
  fi
  echo
  echo "web UI: $(rest_url 1)/  (every peer serves it on its REST port)"
  echo "logs and pids: $run_dir   stop with: bash deploy/local/network.sh down"
}

status() {
  for i in "${peers[@]}"; do
    if running "$i"; then
      echo "peer$i pid $(cat "$run_dir/peer$i.pid") running; /health: $(curl -fsS -m 2 "$(rest_url "$i")/health" 2>&1 || echo unreachable)"
    else
      echo "peer$i not running"
    fi
  done
}

down() {
  for i in "${peers[@]}"; do
    local pid_file="$run_dir/peer$i.pid"
    [ -f "$pid_file" ] || continue
    local pid; pid="$(cat "$pid_file")"
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"
      for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
      echo "stopped peer$i (pid $pid)"
    fi
    rm -f "$pid_file"
  done
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
