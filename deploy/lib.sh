# Shared by deploy/docker/smoke.sh and deploy/ec2/simulate.sh (sourced, not run).

log() { echo "== $*"; }

# poll SECONDS DESCRIPTION COMMAND...: runs COMMAND every second until it succeeds or time runs out,
# then logs DESCRIPTION with the time it took.
poll() {
  local seconds="$1" what="$2"; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if [ "$SECONDS" -ge "$deadline" ]; then echo "timed out after ${seconds}s: $what" >&2; return 1; fi
    sleep 1
  done
  log "$what ($((seconds - deadline + SECONDS)) s)"
}
